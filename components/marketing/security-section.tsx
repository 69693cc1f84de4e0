import { DownloadIcon, HistoryIcon, KeyIcon, LockIcon, LogOutIcon, ShieldIcon } from '@/components/ui/icons';
import { SectionHeading } from './section-heading';

const items = [
  {
    Icon: ShieldIcon,
    title: 'Row-level security',
    text: 'Every row carries its workspace, and the database itself refuses to return another workspace’s data — not just the app code.',
  },
  {
    Icon: KeyIcon,
    title: 'Two-factor authentication',
    text: 'Authenticator-app codes with one-time recovery codes, for every account. On Team and up, owners can require it for everyone in a workspace.',
  },
  {
    Icon: HistoryIcon,
    title: 'Audit trail',
    text: 'Who changed what and when: sign-ins, members, roles and workspace settings, hash-chained so an edited entry shows. Filter it by action and person, and export it as CSV on Team and up.',
  },
  {
    Icon: DownloadIcon,
    title: 'Deletion, and export coming',
    text: 'Owners can delete a workspace and its data today. A full export as JSON and CSV and self-service account deletion come with the privacy tools; until then, support does both.',
  },
  {
    Icon: LockIcon,
    title: 'Encrypted secrets',
    text: 'Two-factor secrets are encrypted at rest with per-account keys. Exchange API keys and store credentials will be too when Bots and Pricing arrive, and never shown again.',
  },
  {
    Icon: LogOutIcon,
    title: 'Sessions you control',
    text: 'See where you are signed in and sign out everywhere. Changing your password ends every other session.',
  },
];

export function SecuritySection() {
  return (
    <section aria-labelledby="security-title" id="security" className="scroll-mt-20 px-3 sm:px-4">
      <div className="mx-auto max-w-7xl rounded-3xl bg-[#0b1220] px-5 py-20 text-white ring-1 ring-white/10 sm:px-10 sm:py-24">
        <div className="mx-auto max-w-6xl">
          <SectionHeading
            id="security-title"
            tone="inverted"
            eyebrow="Security and privacy"
            title="Your money data, kept where it belongs"
            text="Bank statements, trading history and store margins are sensitive. Tessera is built so a mistake in one place cannot leak them to another workspace."
          />
          <ul className="mt-14 grid gap-px overflow-hidden rounded-2xl border border-white/10 bg-white/10 sm:grid-cols-2 lg:grid-cols-3">
            {items.map((item) => (
              <li key={item.title} className="bg-[#0b1220] p-6 sm:p-7">
                <item.Icon className="size-6 text-indigo-300" />
                <h3 className="mt-4 font-semibold text-white">{item.title}</h3>
                <p className="mt-2 text-sm leading-relaxed text-slate-300">{item.text}</p>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
