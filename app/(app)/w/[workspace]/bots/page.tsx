import type { Metadata } from 'next';
import Link from 'next/link';
import { BotStatusBadge } from '@/components/bots/bot-status-badge';
import { BotsTabs } from '@/components/bots/bots-tabs';
import { productMeta } from '@/components/dashboard/product-meta';
import { RefreshWhileActive } from '@/components/jobs/refresh-while-active';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { listBots, isLive } from '@/lib/bots/bots';
import { EXCHANGE_LABELS } from '@/lib/bots/bot-input';
import { formatPnl, intervalLabel, nextRunText, pnlTone } from '@/lib/bots/present/format';
import { botListStats, EMPTY_BOT_STATS } from '@/lib/bots/read/summary';
import { STRATEGIES } from '@/lib/bots/strategies';

export const metadata: Metadata = { title: 'Bots' };

const tone = { positive: 'text-success', negative: 'text-danger', neutral: 'text-muted' } as const;

export default async function BotsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace, can, read } = await requireWorkspacePage((await params).workspace);
  const { bots, stats } = await read(async (tx) => ({ bots: await listBots(tx), stats: await botListStats(tx) }));
  const base = `/w/${workspace.slug}/bots`;
  const writable = can('products.write');
  const Icon = productMeta.bots.Icon;

  return (
    <div className="space-y-8">
      <PageHeader
        title="Bots"
        description="DCA and Balance Martingale bots that trade on a schedule — on paper, on an exchange's testnet, or live where your plan allows. Backtest a design before you launch it."
        actions={writable ? <Button href={`${base}/new`}>New bot</Button> : null}
        tabs={<BotsTabs workspace={workspace.slug} />}
      />
      {/* Status, P&L and next run move while bots run: refresh while any is running. */}
      <RefreshWhileActive active={bots.some((bot) => bot.status === 'active')} intervalMs={10_000} />
      {bots.length === 0 ? (
        <EmptyState
          icon={<Icon />}
          title="No bots yet"
          text="Design a bot in a few steps: pick an exchange (paper needs no keys), the pairs, a strategy with its ladder and risk figures, and how you want to hear from it."
          action={writable ? <Button href={`${base}/new`}>Create your first bot</Button> : undefined}
        />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label="Bots">
          {bots.map((bot) => {
            const stat = stats.get(bot.id) ?? EMPTY_BOT_STATS;
            return (
              <li key={bot.id}>
                <Card className="h-full">
                  <CardContent className="flex h-full flex-col gap-4 pt-5">
                    <div className="flex items-start justify-between gap-3">
                      <div className="min-w-0">
                        <h2 className="truncate font-semibold">
                          <Link href={`${base}/${bot.id}`} className="hover:underline">
                            {bot.name}
                          </Link>
                        </h2>
                        <p className="truncate text-sm text-muted">
                          {STRATEGIES[bot.strategy].label} · {bot.pairs.map((pair) => pair.symbol).join(', ')}
                        </p>
                      </div>
                      <BotStatusBadge status={bot.status} everRan={bot.lastRunAt !== null} />
                    </div>
                    <dl className="grid grid-cols-2 gap-3 text-sm">
                      <div>
                        <dt className="text-muted">Net P&amp;L</dt>
                        <dd className={`tabular font-medium ${tone[pnlTone(stat.netPnl)]}`}>{formatPnl(stat.netPnl, bot.quoteCurrency)}</dd>
                      </div>
                      <div>
                        <dt className="text-muted">Deals</dt>
                        <dd className="tabular">
                          {stat.openDeals} open · {stat.closedDeals} closed
                        </dd>
                      </div>
                      <div>
                        <dt className="text-muted">Exchange</dt>
                        <dd>
                          {bot.exchange === 'paper' ? 'Paper' : EXCHANGE_LABELS[bot.exchange]}
                          {bot.exchange !== 'paper' ? (isLive(bot) ? ' · live' : ' · testnet') : ''}
                        </dd>
                      </div>
                      <div>
                        <dt className="text-muted">Next run</dt>
                        <dd>{nextRunText(bot, workspace.timezone)}</dd>
                      </div>
                    </dl>
                    {bot.status === 'error' && bot.errorReason ? <p className="text-sm text-danger">{bot.errorReason}</p> : null}
                    <p className="mt-auto text-xs text-muted">{intervalLabel(bot.runIntervalMinutes)}</p>
                  </CardContent>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
