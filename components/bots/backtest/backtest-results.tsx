import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Chart } from '@/components/ui/chart';
import { Stat } from '@/components/ui/stat';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { BacktestResult } from '@/lib/bots/backtest/recorder';
import { minutesText, percentOf, ratio, shareOf, signedUsdt, usdt } from '@/lib/bots/backtest/present';
import { formatInZone } from '@/lib/time';

const DEALS_SHOWN = 50;

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card>
      <CardContent className="pt-5">
        <Stat label={label} value={value} hint={hint} />
      </CardContent>
    </Card>
  );
}

/** A finished backtest: Tessera's metrics, the charts, the original's report when asked for, and the deals. */
export function BacktestResults({ results, timeZone, original }: { results: BacktestResult; timeZone: string; original: boolean }) {
  const m = results.metrics;
  const when = (ms: number) => formatInZone(new Date(ms), timeZone, 'date-time');
  // Chart labels are days: a year of points would crowd the axis with times.
  const day = (ms: number) => formatInZone(new Date(ms), timeZone, 'date');
  const equity = results.equity.map((point) => ({ label: day(point.time), value: point.equity }));
  const drawdown = results.equity.map((point) => ({ label: day(point.time), value: -point.drawdown * 100 }));
  const o = results.original;
  return (
    <div className="space-y-8" data-testid="backtest-results">
      <section aria-labelledby="bt-metrics" className="space-y-4">
        <h2 id="bt-metrics" className="text-lg font-semibold">
          Results
        </h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Figure label="Net profit" value={signedUsdt(m.netProfit)} hint={`${percentOf(m.returnPct)} on ${usdt(m.initialBalance)}`} />
          <Figure label="ROI on max capital used" value={percentOf(m.roiOnMaxCapital)} hint={`${usdt(m.maxCapitalUsed)} margin at most`} />
          <Figure label="Max drawdown" value={percentOf(-m.maxDrawdown)} hint={`${usdt(m.maxDrawdownValue)} from the peak`} />
          <Figure label="Max floating drawdown" value={percentOf(-m.maxFloatingDrawdown)} hint="deepest unrealised loss of a deal" />
          <Figure label="Win rate" value={shareOf(m.winRate)} hint={`${m.closedDeals} closed of ${m.deals} deals`} />
          <Figure label="Profit factor" value={ratio(m.profitFactor)} hint={`expectancy ${m.expectancy === null ? '—' : signedUsdt(m.expectancy)} a deal`} />
          <Figure label="Sharpe · Sortino · Calmar" value={`${ratio(m.sharpe)} · ${ratio(m.sortino)} · ${ratio(m.calmar)}`} hint="daily returns, annualised with √365" />
          <Figure label="Fees paid" value={usdt(m.feesPaid)} hint={`${m.liquidations} liquidation(s)`} />
          <Figure label="Average deal" value={minutesText(m.averageDealMinutes)} hint={`longest ${minutesText(m.longestDealMinutes)}`} />
          <Figure label="Max safety orders used" value={String(m.maxSafetyOrdersUsed)} hint={`${results.tradeCount} fills over ${results.candles.toLocaleString('en-US')} candles`} />
        </div>
      </section>

      <div className="grid gap-4">
        <Card>
          <CardContent className="pt-5">
            <Chart kind="line" color="bots" baseline="data" title="Equity (USDT)" data={equity} />
          </CardContent>
        </Card>
        <Card>
          <CardContent className="pt-5">
            <Chart kind="line" color="accent" title="Drawdown from peak (%)" data={drawdown} />
          </CardContent>
        </Card>
      </div>

      {original ? (
        <Card>
          <CardHeader>
            <CardTitle as="h2">The original bot’s report</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-3" data-testid="original-report">
              {[
                ['Initial balance', usdt(o.initialBalance)],
                ['Final balance', usdt(o.finalBalance)],
                ['Return', percentOf(o.returnPct / 100)],
                ['Fees', usdt(o.fees)],
                ['Completed positions', String(o.completedPositions)],
                ['Winning / losing', `${o.winningPositions} / ${o.losingPositions}`],
                ['Win rate', o.winRate === null ? '—' : `${ratio(o.winRate)}%`],
                ['OPEN · ADD · REDUCE · CLOSE', `${o.counts.OPEN} · ${o.counts.ADD} · ${o.counts.REDUCE} · ${o.counts.CLOSE}`],
                ['Average win / loss', `${o.averageWin === null ? '—' : usdt(o.averageWin)} / ${o.averageLoss === null ? '—' : usdt(o.averageLoss)}`],
                ['Max drawdown', `${ratio(o.maxDrawdownPct)}% (${usdt(o.maxDrawdownValue)})`],
                ['Peak value', usdt(o.peakValue)],
                ['Liquidations', String(o.liquidations)],
              ].map(([label, value]) => (
                <div key={label}>
                  <dt className="text-muted">{label}</dt>
                  <dd className="tabular">{value}</dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
      ) : null}

      <section aria-labelledby="bt-deals" className="space-y-3">
        <h2 id="bt-deals" className="text-lg font-semibold">
          Deals
        </h2>
        {results.deals.length > DEALS_SHOWN ? <p className="text-sm text-muted">The first {DEALS_SHOWN} of {results.deals.length} deals; the CSV has them all.</p> : null}
        <Table scrollRegionLabel="Backtest deals">
          <TableHeader>
            <TableRow>
              <TableHead numeric>#</TableHead>
              <TableHead>Opened</TableHead>
              <TableHead>Closed</TableHead>
              <TableHead numeric>Entry</TableHead>
              <TableHead numeric>Exit</TableHead>
              <TableHead numeric>Safety orders</TableHead>
              <TableHead numeric>Fees</TableHead>
              <TableHead numeric>Net</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {results.deals.length === 0 ? (
              <TableRow>
                <TableCell colSpan={8} className="py-6 text-center text-muted">
                  No deals: the strategy never entered over these candles (the filters may have kept it out).
                </TableCell>
              </TableRow>
            ) : null}
            {results.deals.slice(0, DEALS_SHOWN).map((deal) => (
              <TableRow key={deal.n}>
                <TableCell numeric>{deal.n}</TableCell>
                <TableCell className="whitespace-nowrap">{when(deal.openedAt)}</TableCell>
                <TableCell className="whitespace-nowrap">{deal.closedAt === null ? 'open at the end' : `${when(deal.closedAt)}${deal.liquidated ? ' · liquidated' : ''}`}</TableCell>
                <TableCell numeric>{deal.entryPrice.toLocaleString('en-US', { maximumSignificantDigits: 8 })}</TableCell>
                <TableCell numeric>{deal.exitPrice === null ? '—' : deal.exitPrice.toLocaleString('en-US', { maximumSignificantDigits: 8 })}</TableCell>
                <TableCell numeric>{deal.safetyOrders}</TableCell>
                <TableCell numeric className="whitespace-nowrap">{usdt(deal.fees)}</TableCell>
                <TableCell numeric className={`whitespace-nowrap ${deal.net < 0 ? 'text-danger' : 'text-success'}`}>
                  {signedUsdt(deal.net)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
    </div>
  );
}
