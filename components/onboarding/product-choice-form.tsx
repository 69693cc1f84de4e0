import { cn } from '@/components/ui/cn';
import { Button } from '@/components/ui/button';
import { productMeta } from '@/components/dashboard/product-meta';
import { ONBOARDING_PRODUCTS, type OnboardingProduct } from '@/lib/tenancy/onboarding-products';

const PITCH: Record<OnboardingProduct, string> = {
  bots: 'Automated DCA trading bots, paper first.',
  journal: 'Log trades and learn from your results.',
  money: 'Budgets from your bank statements.',
  pricing: 'Watch competitors and reprice your store.',
};

/**
 * Step 2. The choice has no column to live in: it rides in the URL (GET form) and only orders
 * the cards of step 3.
 */
export function ProductChoiceForm({ workspace, chosen }: { workspace: string; chosen: readonly OnboardingProduct[] }) {
  return (
    <form method="get" action="/onboarding" className="space-y-5">
      <input type="hidden" name="step" value="3" />
      <input type="hidden" name="w" value={workspace} />
      <fieldset>
        <legend className="sr-only">Products</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {ONBOARDING_PRODUCTS.map((product) => {
            const meta = productMeta[product];
            return (
              <label
                key={product}
                className="flex cursor-pointer items-start gap-3 rounded-xl border border-border bg-surface p-4 transition-colors hover:bg-surface-muted has-[:checked]:border-accent has-[:checked]:bg-accent-soft"
              >
                <input type="checkbox" name="products" value={product} defaultChecked={chosen.includes(product)} className="mt-1 size-4 accent-[var(--accent)]" />
                <span className={cn('flex size-9 shrink-0 items-center justify-center rounded-lg [&_svg]:size-5', meta.tile)}>
                  <meta.Icon />
                </span>
                <span className="min-w-0">
                  <span className="block text-sm font-semibold">{meta.name}</span>
                  <span className="block text-sm text-muted">{PITCH[product]}</span>
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <Button type="submit">Continue</Button>
        <Button href={`/onboarding?step=3&w=${encodeURIComponent(workspace)}`} variant="ghost">
          Skip
        </Button>
      </div>
    </form>
  );
}
