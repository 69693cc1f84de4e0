'use client';

import { ladderPreview, type LadderShape } from '@/lib/bots/engine/ladder';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';

const money = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const price = (value: number) => value.toLocaleString('en-US', { maximumSignificantDigits: 6 });
const pct = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;

/** The ladder a deal would place from `entry`: what the bot risks, before it launches. */
export function LadderPreview({ shape, entry, leverage, balance, maxMarginPct, minQty }: { shape: LadderShape; entry: number; leverage: number; balance: number; maxMarginPct: number; minQty?: number }) {
  const preview = ladderPreview(shape, entry, leverage);
  // An order under the market's minimum quantity is rounded up to it by the exchange rules: say so, with what it costs.
  const smallest = preview.rows.reduce<(typeof preview.rows)[number] | null>((low, row) => (!low || row.qty < low.qty ? row : low), null);
  const belowMinimum = minQty !== undefined && smallest !== null && smallest.qty < minQty;
  const capShare = balance > 0 ? preview.maxMargin / balance : 0;
  return (
    <div className="space-y-3" data-testid="ladder-preview">
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-muted">Capital a deal can use</dt>
          <dd className="font-medium tabular-nums">{money(preview.maxCapital)} USDT</dd>
        </div>
        <div>
          <dt className="text-muted">Margin at {leverage}×</dt>
          <dd className="font-medium tabular-nums">
            {money(preview.maxMargin)} USDT ({pct(capShare)} of balance)
          </dd>
        </div>
        <div>
          <dt className="text-muted">Deepest safety order</dt>
          <dd className="font-medium tabular-nums">{pct(preview.deepestDeviation)} from entry</dd>
        </div>
        <div>
          <dt className="text-muted">Liquidation (full ladder)</dt>
          <dd className={preview.liquidatedBeforeDeepest ? 'font-medium text-danger tabular-nums' : 'font-medium tabular-nums'}>{price(preview.liquidationPrice)}</dd>
        </div>
      </dl>
      {preview.liquidatedBeforeDeepest ? (
        <p role="alert" className="rounded-lg border border-danger-border bg-danger-soft px-3 py-2 text-sm text-danger">
          At {leverage}× the position is liquidated before the deepest safety order fills: lower the leverage, the deviation or the number of safety orders.
        </p>
      ) : null}
      {belowMinimum ? (
        <p className="rounded-lg border border-warning-border bg-warning-soft px-3 py-2 text-sm text-warning" data-testid="ladder-min-qty">
          At this price the {smallest!.step === 0 ? 'base order' : `safety order ${smallest!.step}`} is {smallest!.qty.toPrecision(3)} coins, under the market’s minimum of {minQty}: such orders are rounded up to {minQty} (about {money(minQty! * smallest!.price)} USDT each), so the ladder uses more than shown.
        </p>
      ) : null}
      {capShare > maxMarginPct ? (
        <p className="rounded-lg border border-warning-border bg-warning-soft px-3 py-2 text-sm text-warning">
          The full ladder needs {pct(capShare)} of the balance as margin, above the {pct(maxMarginPct)} cap: the deepest safety orders will be skipped.
        </p>
      ) : null}
      <Table scrollRegionLabel="Ladder preview">
        <TableHeader>
          <TableRow>
            <TableHead>Order</TableHead>
            <TableHead numeric>Deviation</TableHead>
            <TableHead numeric>Price</TableHead>
            <TableHead numeric>Size (USDT)</TableHead>
            <TableHead numeric>Total (USDT)</TableHead>
            <TableHead numeric>Average</TableHead>
            <TableHead numeric>Take profit</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {preview.rows.map((row) => (
            <TableRow key={row.step}>
              <TableCell>{row.step === 0 ? 'Base' : `Safety ${row.step}`}</TableCell>
              <TableCell numeric>{pct(row.deviation)}</TableCell>
              <TableCell numeric>{price(row.price)}</TableCell>
              <TableCell numeric>{money(row.volume)}</TableCell>
              <TableCell numeric>{money(row.totalVolume)}</TableCell>
              <TableCell numeric>{price(row.averagePrice)}</TableCell>
              <TableCell numeric>{price(row.takeProfitPrice)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
