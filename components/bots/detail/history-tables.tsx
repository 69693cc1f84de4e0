import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { decimal } from '@/lib/currency/decimal';
import { formatPnl, formatPrice, formatRatio, pnlTone } from '@/lib/bots/present/format';
import type { DealItem } from '@/lib/bots/read/deals';
import type { RunLogItem } from '@/lib/bots/read/run-logs';
import type { TradeItem } from '@/lib/bots/read/trades';
import { formatInZone } from '@/lib/time';

const tone = { positive: 'text-success', negative: 'text-danger', neutral: 'text-muted' } as const;

function Empty({ colSpan, text }: { colSpan: number; text: string }) {
  return (
    <TableRow>
      <TableCell colSpan={colSpan} className="py-6 text-center text-muted">
        {text}
      </TableCell>
    </TableRow>
  );
}

/** "Older" under a table: the same page with this table's cursor moved on. */
export function OlderLink({ href }: { href: string | null }) {
  return href ? (
    <p className="px-4 py-3 text-sm">
      <Link href={href} className="underline" scroll={false}>
        Older
      </Link>
    </p>
  ) : null;
}

export function TradeTable({ trades, currency, timeZone }: { trades: TradeItem[]; currency: string; timeZone: string }) {
  return (
    <Table scrollRegionLabel="Trades" data-testid="bot-trades">
      <TableHeader>
        <TableRow>
          <TableHead>Time</TableHead>
          <TableHead>Pair</TableHead>
          <TableHead>Action</TableHead>
          <TableHead numeric>Qty</TableHead>
          <TableHead numeric>Price</TableHead>
          <TableHead numeric>Fee</TableHead>
          <TableHead numeric>P&amp;L</TableHead>
          <TableHead numeric>Balance after</TableHead>
          <TableHead numeric>Margin level</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {trades.length === 0 ? <Empty colSpan={9} text="No trades yet: they appear here as the bot's orders fill." /> : null}
        {trades.map((trade) => (
          <TableRow key={trade.id}>
            <TableCell className="whitespace-nowrap">{formatInZone(trade.executedAt, timeZone, 'date-time')}</TableCell>
            <TableCell>{trade.symbol}</TableCell>
            <TableCell>
              {trade.action}
              {trade.liquidation ? (
                <Badge tone="danger" className="ml-2">
                  Liquidated
                </Badge>
              ) : null}
            </TableCell>
            <TableCell numeric>{formatPrice(trade.qty)}</TableCell>
            <TableCell numeric>{formatPrice(trade.price)}</TableCell>
            <TableCell numeric>{formatPrice(trade.fee)}</TableCell>
            <TableCell numeric className={trade.pnl ? tone[pnlTone(trade.pnl)] : 'text-muted'}>
              {trade.pnl ? formatPnl(trade.pnl, currency) : '—'}
            </TableCell>
            <TableCell numeric>{trade.balanceAfter ? formatPrice(trade.balanceAfter) : '—'}</TableCell>
            <TableCell numeric>{trade.marginLevel ? formatRatio(trade.marginLevel) : '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const DEAL_STATUS = { open: 'Open', closed: 'Closed', liquidated: 'Liquidated' } as const;

export function DealTable({ deals, currency, timeZone }: { deals: DealItem[]; currency: string; timeZone: string }) {
  return (
    <Table scrollRegionLabel="Deals" data-testid="bot-deals">
      <TableHeader>
        <TableRow>
          <TableHead>Opened</TableHead>
          <TableHead>Pair</TableHead>
          <TableHead>Status</TableHead>
          <TableHead numeric>Avg entry</TableHead>
          <TableHead numeric>Size</TableHead>
          <TableHead numeric>Safety orders</TableHead>
          <TableHead numeric>Net P&amp;L</TableHead>
          <TableHead>Closed</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {deals.length === 0 ? <Empty colSpan={8} text="No deals yet." /> : null}
        {deals.map((deal) => {
          const net = decimal(deal.realisedPnl).minus(deal.fees).toFixed();
          return (
            <TableRow key={deal.id}>
              <TableCell className="whitespace-nowrap">{formatInZone(deal.openedAt, timeZone, 'date-time')}</TableCell>
              <TableCell>
                {deal.symbol} · {deal.side}
              </TableCell>
              <TableCell>
                <Badge tone={deal.status === 'open' ? 'info' : deal.status === 'liquidated' ? 'danger' : 'neutral'}>{DEAL_STATUS[deal.status]}</Badge>
              </TableCell>
              <TableCell numeric>{deal.averagePrice ? formatPrice(deal.averagePrice) : '—'}</TableCell>
              <TableCell numeric>{formatPrice(deal.status === 'open' ? deal.size : deal.maxSize)}</TableCell>
              <TableCell numeric>{deal.safetyOrdersFilled}</TableCell>
              <TableCell numeric className={tone[pnlTone(net)]}>
                {formatPnl(net, currency)}
              </TableCell>
              <TableCell className="whitespace-nowrap">{deal.closedAt ? `${formatInZone(deal.closedAt, timeZone, 'date-time')}${deal.closeReason ? ` · ${deal.closeReason}` : ''}` : '—'}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

const RUN_TONE = { running: 'info', succeeded: 'success', failed: 'danger', skipped: 'neutral' } as const;

export function RunLogTable({ runs, timeZone }: { runs: RunLogItem[]; timeZone: string }) {
  return (
    <Table scrollRegionLabel="Run log" data-testid="bot-runs">
      <TableHeader>
        <TableRow>
          <TableHead>Slot</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Message</TableHead>
          <TableHead numeric>Attempts</TableHead>
          <TableHead numeric>Duration</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {runs.length === 0 ? <Empty colSpan={5} text="No runs yet: start the bot and its first run is due at once." /> : null}
        {runs.map((run) => (
          <TableRow key={run.id}>
            <TableCell className="whitespace-nowrap">{formatInZone(run.slot, timeZone, 'date-time')}</TableCell>
            <TableCell>
              <Badge tone={RUN_TONE[run.status]}>{run.status}</Badge>
            </TableCell>
            <TableCell className="min-w-64">{run.message}</TableCell>
            <TableCell numeric>{run.attempts}</TableCell>
            <TableCell numeric>{run.durationMs === null ? '—' : `${run.durationMs} ms`}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
