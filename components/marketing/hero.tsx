import { Button } from '@/components/ui/button';
import { ArrowRightIcon, CheckIcon } from '@/components/ui/icons';
import { HeroPreview } from './hero-preview';

// Only what works today: the products themselves are still being built (see ProductGrid).
const assurances = ['Free plan, no card', 'Workspaces, roles and an audit trail today', 'Two-factor sign-in'];

export function Hero() {
  return (
    <section aria-labelledby="hero-title" className="relative overflow-hidden">
      {/* Soft product-colour wash behind the headline; purely decorative. */}
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-x-0 -top-40 -z-10 h-[36rem] opacity-60 blur-3xl"
        style={{
          background:
            'radial-gradient(40% 50% at 20% 40%, color-mix(in srgb, var(--bots) 22%, transparent), transparent), radial-gradient(35% 45% at 80% 30%, color-mix(in srgb, var(--pricing) 20%, transparent), transparent), radial-gradient(30% 40% at 55% 70%, color-mix(in srgb, var(--money) 14%, transparent), transparent)',
        }}
      />
      <div className="mx-auto max-w-6xl px-5 pt-16 pb-20 sm:px-6 sm:pt-24 sm:pb-28">
        <div className="mx-auto max-w-3xl text-center">
          <p className="inline-flex items-center gap-2 rounded-full border border-border bg-surface/80 px-3 py-1 text-xs font-medium text-muted shadow-card">
            <span className="flex gap-0.5" aria-hidden="true">
              <span className="size-1.5 rounded-full bg-bots" />
              <span className="size-1.5 rounded-full bg-journal" />
              <span className="size-1.5 rounded-full bg-money" />
              <span className="size-1.5 rounded-full bg-pricing" />
            </span>
            Bots · Journal · Money · Pricing — coming soon
          </p>
          <h1 id="hero-title" className="mt-6 text-4xl font-semibold tracking-tight text-balance text-foreground sm:text-6xl">
            Four tools for people who run money.
          </h1>
          <p className="mx-auto mt-6 max-w-2xl text-lg leading-relaxed text-pretty text-muted sm:text-xl">
            Trading bots, a trading journal, household finance and store pricing in one workspace with one audit trail. The
            four products are being built now; accounts, workspaces, members and the audit trail work today.
          </p>
          <div className="mt-9 flex flex-col justify-center gap-3 sm:flex-row">
            <Button href="/sign-up" size="lg">
              Start free
              <ArrowRightIcon className="size-4" />
            </Button>
            <Button href="/pricing" size="lg" variant="secondary">
              See plans and prices
            </Button>
          </div>
          <ul className="mt-7 flex flex-wrap justify-center gap-x-6 gap-y-2 text-sm text-muted">
            {assurances.map((item) => (
              <li key={item} className="flex items-center gap-1.5">
                <CheckIcon className="size-4 text-success" />
                {item}
              </li>
            ))}
          </ul>
        </div>
        <div className="mx-auto mt-14 max-w-5xl sm:mt-20">
          <HeroPreview />
          <p className="mt-3 text-center text-xs text-muted">Illustration of a workspace once the products launch.</p>
        </div>
      </div>
    </section>
  );
}
