import { BuildingIcon, ReceiptIcon, UsersIcon } from '@/components/ui/icons';
import { SectionHeading } from './section-heading';

const points = [
  {
    Icon: BuildingIcon,
    title: 'A workspace per household, desk or store',
    text: 'Each workspace has its own members, data and settings. Keep the family budget and your shop’s pricing apart, and switch between them in one click.',
  },
  {
    Icon: UsersIcon,
    title: 'Invite people with the right role',
    text: 'Owners, admins, members and viewers, each allowed only what their role permits. Invite by email; an invitation expires after 7 days and can be revoked or resent.',
  },
  {
    Icon: ReceiptIcon,
    title: 'One account, every workspace',
    text: 'Sign in once for every workspace you belong to. When paid plans open, one subscription per workspace will cover all four products — no add-ons, no per-product invoices.',
  },
];

export function WorkspaceSection() {
  return (
    <section aria-labelledby="workspace-title" className="py-20 sm:py-28">
      <div className="mx-auto grid max-w-6xl gap-12 px-5 sm:px-6 lg:grid-cols-[1fr_1.3fr] lg:gap-20">
        <SectionHeading
          id="workspace-title"
          align="left"
          eyebrow="How it works"
          title="Built for households, trading desks and small teams"
          text="Tessera is organised around workspaces. Everything — members, settings, the audit trail, and the bots, trades, transactions and prices to come — belongs to exactly one."
        />
        <ol className="flex flex-col gap-4">
          {points.map((point, i) => (
            <li key={point.title} className="flex gap-4 rounded-2xl border border-border bg-surface p-5 shadow-card sm:p-6">
              <span className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-accent-soft text-accent">
                <point.Icon className="size-5" />
              </span>
              <div>
                <h3 className="font-semibold">
                  <span className="sr-only">Step {i + 1}: </span>
                  {point.title}
                </h3>
                <p className="mt-1.5 text-sm leading-relaxed text-muted">{point.text}</p>
              </div>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
