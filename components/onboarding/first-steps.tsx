'use client';

import { useActionState } from 'react';
import { productMeta } from '@/components/dashboard/product-meta';
import { cn } from '@/components/ui/cn';
import { ArrowRightIcon } from '@/components/ui/icons';
import { SubmitButton } from '@/components/ui/submit-button';
import { FormAlert } from '@/components/workspace/form-alert';
import type { FormAction } from '@/lib/actions/form-state';
import type { OnboardingProduct } from '@/lib/tenancy/onboarding-products';

/**
 * Step 3: one card per product, chosen ones first. Each card finishes onboarding and opens that
 * product; "Explore" finishes and opens the dashboard (demo data arrives with the product modules).
 */
export function FirstSteps({
  workspace,
  products,
  chosen,
  action,
}: {
  workspace: string;
  products: readonly OnboardingProduct[];
  chosen: readonly OnboardingProduct[];
  action: FormAction<unknown>;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-5">
      <input type="hidden" name="w" value={workspace} />
      <FormAlert state={state} />
      <ul className="grid gap-3 sm:grid-cols-2" data-testid="first-steps">
        {products.map((product) => {
          const meta = productMeta[product];
          const picked = chosen.includes(product);
          return (
            <li key={product}>
              <button
                type="submit"
                name="next"
                value={product}
                className={cn(
                  'flex h-full w-full flex-col gap-2 rounded-xl border bg-surface p-4 text-left transition-colors hover:bg-surface-muted',
                  picked ? 'border-accent' : 'border-border',
                )}
              >
                <span className="flex items-center gap-2">
                  <span className={cn('flex size-8 items-center justify-center rounded-lg [&_svg]:size-4', meta.tile)}>
                    <meta.Icon />
                  </span>
                  <span className="text-sm font-semibold">{meta.name}</span>
                  {picked ? <span className="ml-auto text-xs font-medium text-accent">Your pick</span> : null}
                </span>
                <span className="text-sm text-muted">{meta.emptyText}</span>
                <span className="mt-auto inline-flex items-center gap-1 text-sm font-medium text-accent">
                  {meta.emptyAction}
                  <ArrowRightIcon className="size-4" />
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <div className="flex flex-wrap gap-2 border-t border-border pt-4">
        <SubmitButton pendingText="Opening…">Go to my workspace</SubmitButton>
        <SubmitButton variant="secondary" name="next" value="bots" pendingText="Opening…">
          Explore with demo data
        </SubmitButton>
      </div>
    </form>
  );
}
