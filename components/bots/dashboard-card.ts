import type { ProductCardData } from '@/components/dashboard/product-card';
import { formatPnl, pnlTone } from '@/lib/bots/present/format';
import type { WorkspaceBotSummary } from '@/lib/bots/read/summary';
import { formatInZone } from '@/lib/time';

/** The dashboard's Bots card: net P&L across bots, then the latest fills; empty until the first bot exists. */
export function botsDashboardCard(summary: WorkspaceBotSummary, workspaceSlug: string, timeZone: string): ProductCardData {
  if (summary.total === 0) return { product: 'bots', kpi: null, items: [], emptyActionHref: `/w/${encodeURIComponent(workspaceSlug)}/bots/new` };
  const tone = pnlTone(summary.netPnl);
  const running = `${summary.active} of ${summary.total} running${summary.error ? ` · ${summary.error} stopped by errors` : ''}`;
  return {
    product: 'bots',
    kpi: {
      label: 'Net P&L, all bots',
      value: formatPnl(summary.netPnl, 'USDT'),
      delta: {
        value: running,
        trend: tone === 'positive' ? 'up' : tone === 'negative' ? 'down' : 'flat',
        sentiment: summary.error ? 'negative' : 'neutral',
        label: summary.nextRunAt ? `next run ${formatInZone(summary.nextRunAt, timeZone, 'time')}` : `${summary.openDeals} open deal(s)`,
      },
    },
    items: summary.recentTrades.map((trade) => ({
      id: trade.id,
      title: `${trade.botName} · ${trade.action.toLowerCase()} ${trade.symbol}`,
      meta: trade.pnl ? formatPnl(trade.pnl, 'USDT') : formatInZone(trade.executedAt, timeZone, 'date-time'),
      href: `/w/${encodeURIComponent(workspaceSlug)}/bots/${trade.botId}`,
    })),
  };
}
