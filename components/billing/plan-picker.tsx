'use client';

import { useActionState, useId, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/form-state';

export type PickablePlan = {
  id: string;
  name: string;
  rank: number;
  /** Formatted prices: "$19" a month, "$190" a year. */
  month: string;
  year: string;
  highlights: string[];
};

/**
 * The paid plans with a monthly/yearly switch; each card's button starts a checkout (or the
 * change) for that plan and interval. The current plan and interval are marked, not offered.
 */
export function PlanPicker({
  workspace,
  plans,
  current,
  defaultInterval,
  action,
}: {
  workspace: string;
  plans: PickablePlan[];
  current: { planId: string; rank: number; interval: 'month' | 'year' | null; paid: boolean };
  defaultInterval: 'month' | 'year';
  action: FormAction<unknown>;
}) {
  const [interval, setInterval] = useState<'month' | 'year'>(defaultInterval);
  const [state, formAction] = useActionState(action, null);
  const name = useId();
  return (
    <div className="space-y-4">
      <fieldset className="inline-flex rounded-lg border border-border bg-surface-muted p-1 text-sm">
        <legend className="sr-only">Billing period</legend>
        {(['month', 'year'] as const).map((value) => (
          <label
            key={value}
            className="cursor-pointer rounded-md px-3 py-1.5 font-medium text-muted has-checked:bg-surface has-checked:text-foreground has-checked:shadow-card has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-ring"
          >
            <input type="radio" name={name} value={value} checked={interval === value} onChange={() => setInterval(value)} className="sr-only" />
            {value === 'month' ? 'Monthly' : 'Yearly — two months free'}
          </label>
        ))}
      </fieldset>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-danger">
          {state.error.message}
        </p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        {plans.map((plan) => {
          const isCurrent = current.paid && plan.id === current.planId && current.interval === interval;
          const verb = !current.paid
            ? `Choose ${plan.name}`
            : plan.rank > current.rank
              ? `Upgrade to ${plan.name}`
              : plan.id === current.planId
                ? `Switch to ${interval === 'year' ? 'yearly' : 'monthly'}`
                : `Switch to ${plan.name}`;
          return (
            <form key={plan.id} action={formAction} className="flex flex-col rounded-xl border border-border bg-surface p-5 shadow-card">
              <input type="hidden" name="workspace" value={workspace} />
              <input type="hidden" name="planId" value={plan.id} />
              <input type="hidden" name="interval" value={interval} />
              <div className="flex items-center justify-between gap-2">
                <h3 className="text-base font-semibold">{plan.name}</h3>
                {isCurrent ? <Badge tone="success">Current plan</Badge> : null}
              </div>
              <p className="mt-2 text-2xl font-semibold tracking-tight">
                {interval === 'month' ? plan.month : plan.year}
                <span className="text-sm font-normal text-muted"> / {interval === 'month' ? 'month' : 'year'}</span>
              </p>
              <ul className="mt-3 flex-1 space-y-1 text-sm text-muted">
                {plan.highlights.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              <SubmitButton className="mt-4" variant={isCurrent ? 'secondary' : 'primary'} disabled={isCurrent} pendingText="Opening checkout…">
                {isCurrent ? 'Your current plan' : verb}
              </SubmitButton>
            </form>
          );
        })}
      </div>
    </div>
  );
}
