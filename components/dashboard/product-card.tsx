import Link from 'next/link';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { ChevronRightIcon } from '@/components/ui/icons';
import { Stat, type StatDelta } from '@/components/ui/stat';
import { productMeta, type DashboardProductId } from './product-meta';

export type ProductCardItem = {
  id: string;
  title: string;
  /** Secondary text on the right, e.g. "+2.1%" or "3 pending". */
  meta?: string;
  href?: string;
  badge?: { label: string; tone: BadgeTone };
};

export type ProductCardData = {
  product: DashboardProductId;
  /** Headline number; null when the product has no data yet. */
  kpi: { label: string; value: string; delta?: StatDelta } | null;
  /** A few rows under the KPI (running bots, last trades, budgets, pending price changes). */
  items: ProductCardItem[];
  /** Where the card and "View all" go; defaults to /w/<slug>/<product>. */
  href?: string;
  /** Where the empty state's button goes; defaults to `href`. */
  emptyActionHref?: string;
};

export function ProductCard({ workspaceSlug, card }: { workspaceSlug: string; card: ProductCardData }) {
  const meta = productMeta[card.product];
  const href = card.href ?? `/w/${encodeURIComponent(workspaceSlug)}/${card.product}`;
  const isEmpty = card.kpi === null && card.items.length === 0;
  const headingId = `product-card-${card.product}`;

  return (
    <Card className="flex flex-col" aria-labelledby={headingId}>
      <div className="flex items-center justify-between gap-3 px-5 pt-5">
        <h2 id={headingId} className="flex items-center gap-2.5 text-sm font-semibold">
          <span className={cn('flex size-8 items-center justify-center rounded-lg', meta.tile)}>
            <meta.Icon className="size-[1.125rem]" />
          </span>
          {meta.name}
        </h2>
        {!isEmpty ? (
          <Link href={href} className="inline-flex items-center gap-0.5 rounded-md text-xs font-medium text-muted hover:text-foreground">
            View all
            <ChevronRightIcon className="size-3.5" />
            <span className="sr-only"> in {meta.name}</span>
          </Link>
        ) : null}
      </div>

      {isEmpty ? (
        <EmptyState
          variant="compact"
          className="flex-1"
          icon={<meta.Icon />}
          title={meta.emptyTitle}
          text={meta.emptyText}
          action={
            <Button href={card.emptyActionHref ?? href} size="sm" variant="secondary">
              {meta.emptyAction}
            </Button>
          }
        />
      ) : (
        <div className="flex flex-1 flex-col gap-4 px-5 pt-4 pb-5">
          {card.kpi ? <Stat label={card.kpi.label} value={card.kpi.value} delta={card.kpi.delta} /> : null}
          {card.items.length > 0 ? (
            <ul className="-mx-2 flex flex-col border-t border-border pt-2">
              {card.items.map((item) => {
                const row = (
                  <>
                    <span className="min-w-0 flex-1 truncate">{item.title}</span>
                    {item.badge ? <Badge tone={item.badge.tone}>{item.badge.label}</Badge> : null}
                    {item.meta ? <span className="shrink-0 text-xs text-muted tabular">{item.meta}</span> : null}
                  </>
                );
                return (
                  <li key={item.id}>
                    {item.href ? (
                      <Link href={item.href} className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-surface-muted">
                        {row}
                      </Link>
                    ) : (
                      <div className="flex items-center gap-2 px-2 py-1.5 text-sm">{row}</div>
                    )}
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>
      )}
    </Card>
  );
}

/** The four product cards of a workspace dashboard: one column on phones, 2×2, then a row on very wide screens. */
export function ProductCardGrid({ workspaceSlug, cards }: { workspaceSlug: string; cards: ProductCardData[] }) {
  return (
    <div className="grid gap-4 md:grid-cols-2 2xl:grid-cols-4">
      {cards.map((card) => (
        <ProductCard key={card.product} workspaceSlug={workspaceSlug} card={card} />
      ))}
    </div>
  );
}
