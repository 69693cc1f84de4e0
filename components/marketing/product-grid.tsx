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
          text="Every plan includes all four. Use the ones you need; the others stay out of your way until you do."
        />
        <div className="mt-14 grid gap-5 md:grid-cols-2">
          {products.map((product) => (
            <article key={product.id} id={product.id} className="scroll-mt-24 flex flex-col rounded-2xl border border-border bg-surface p-6 shadow-card sm:p-8">
              <div className="flex items-center gap-3">
                <span className={cn('flex size-11 items-center justify-center rounded-xl', product.tile)}>
                  <product.Icon className="size-6" />
                </span>
                <h3 className="text-xl font-semibold tracking-tight">Tessera {product.name}</h3>
              </div>
              <p className="mt-5 text-base font-medium text-foreground">{product.tagline}</p>
              <p className="mt-2 text-sm leading-relaxed text-muted">{product.description}</p>
              <ul className="mt-6 grid gap-2.5 border-t border-border pt-6 text-sm sm:grid-cols-2">
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
