import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { CheckIcon } from '@/components/ui/icons';
import type { BillingInterval } from '@/lib/billing/plans';
import { formatPlanPrice, planSignUpHref, plans } from './plans';

/** The three plan cards, shared by the landing-page teaser and /pricing (which can show yearly prices). */
export function PlanCards({ headingLevel = 'h3', interval = 'month' }: { headingLevel?: 'h2' | 'h3'; interval?: BillingInterval }) {
  const Heading = headingLevel;
  return (
    <ul className="grid gap-5 lg:grid-cols-3">
      {plans.map((plan) => (
        <li
          key={plan.id}
          className={cn(
            'relative flex flex-col rounded-2xl border bg-surface p-6 shadow-card sm:p-8',
            plan.highlighted ? 'border-accent ring-1 ring-accent' : 'border-border',
          )}
        >
          {plan.highlighted ? (
            <span className="absolute -top-3 left-6 rounded-full bg-accent px-2.5 py-0.5 text-xs font-semibold text-accent-foreground">Most popular</span>
          ) : null}
          <div className="flex items-center justify-between gap-3">
            <Heading className="text-lg font-semibold">{plan.name}</Heading>
          </div>
          <p className="mt-1 text-sm text-muted">{plan.tagline}</p>
          <p className="mt-6 flex items-baseline gap-1">
            <span className="text-4xl font-semibold tracking-tight tabular">{formatPlanPrice({ priceMinor: interval === 'year' ? plan.yearPriceMinor : plan.priceMinor, currency: plan.currency })}</span>
            <span className="text-sm text-muted">{plan.priceMinor === 0n ? 'forever' : `per workspace / ${interval}`}</span>
          </p>
          <ul className="mt-6 flex flex-1 flex-col gap-2.5 text-sm">
            {plan.highlights.map((item) => (
              <li key={item} className="flex items-start gap-2">
                <CheckIcon className="mt-0.5 size-4 shrink-0 text-success" />
                {item}
              </li>
            ))}
          </ul>
          <Button href={planSignUpHref(plan, interval)} variant={plan.highlighted ? 'primary' : 'secondary'} className="mt-8 w-full">
            {plan.cta.label}
          </Button>
        </li>
      ))}
    </ul>
  );
}
