import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import type { BillingInterval } from '@/lib/billing/plans';

/**
 * Monthly / yearly on the pricing page: two links (the page renders per request), so it works
 * without JavaScript and the choice is in the address a person shares.
 */
export function IntervalSwitch({ interval }: { interval: BillingInterval }) {
  const option = (value: BillingInterval, label: string, href: string) => (
    <Link
      href={href}
      scroll={false}
      aria-current={interval === value ? 'true' : undefined}
      className={cn(
        'rounded-full px-4 py-1.5 text-sm font-medium transition-colors',
        interval === value ? 'bg-primary text-primary-foreground' : 'text-muted hover:text-foreground',
      )}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Billing period" className="flex justify-center">
      <div className="inline-flex gap-1 rounded-full border border-border bg-surface p-1">
        {option('month', 'Monthly', '/pricing')}
        {option('year', 'Yearly · 2 months free', '/pricing?billing=yearly')}
      </div>
    </nav>
  );
}
