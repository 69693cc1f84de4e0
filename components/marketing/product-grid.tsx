import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { CheckIcon } from '@/components/ui/icons';
import { products } from './products';
import { SectionHeading } from './section-heading';

export function ProductGrid() {
  return (
    <section aria-labelledby="products-title" id="products" className="scroll-mt-20 border-t border-border bg-surface-muted py-20 sm:py-28">
      <div className="mx-auto max-w-6xl px-5 sm:px-6">
        <SectionHeading
          id="products-title"
          eyebrow="The products"
          title="Four products, one workspace"
          text="All four are in development and arrive one by one, each in every plan. Here is what each one is for; workspaces, members and the audit trail they build on work today."
        />
        <div className="mt-14 grid gap-5 md:grid-cols-2">
          {products.map((product) => (
            <article key={product.id} id={product.id} className="scroll-mt-24 flex flex-col rounded-2xl border border-border bg-surface p-6 shadow-card sm:p-8">
              <div className="flex items-center gap-3">
                <span className={cn('flex size-11 items-center justify-center rounded-xl', product.tile)}>
                  <product.Icon className="size-6" />
                </span>
                <h3 className="text-xl font-semibold tracking-tight">Tessera {product.name}</h3>
                <Badge tone="neutral" className="ml-auto">Coming soon</Badge>
              </div>
              <p className="mt-5 text-base font-medium text-foreground">{product.tagline}</p>
              <p className="mt-2 text-sm leading-relaxed text-muted">{product.description}</p>
              <p className="mt-6 border-t border-border pt-6 text-xs font-semibold tracking-wide text-muted uppercase">Planned</p>
              <ul className="mt-3 grid gap-2.5 text-sm sm:grid-cols-2">
                {product.features.map((feature) => (
                  <li key={feature} className="flex items-start gap-2">
                    <CheckIcon className={cn('mt-0.5 size-4 shrink-0', product.text)} />
                    <span>{feature}</span>
                  </li>
                ))}
              </ul>
            </article>
          ))}
        </div>
      </div>
    </section>
  );
}
