import type { Metadata } from 'next';
import Link from 'next/link';
import { BotsTabs } from '@/components/bots/bots-tabs';
import { RefreshWhileActive } from '@/components/jobs/refresh-while-active';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { ProgressBar } from '@/components/ui/progress-bar';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { listBacktests } from '@/lib/bots/backtest/backtests';
import { BACKTEST_STATUS_LABELS, isRunning, percentOf, signedUsdt, sourceText } from '@/lib/bots/backtest/present';
import { STRATEGIES } from '@/lib/bots/strategies';
import { formatInZone } from '@/lib/time';

export const metadata: Metadata = { title: 'Backtests' };

const TONES = { queued: 'neutral', running: 'info', succeeded: 'success', failed: 'danger' } as const;

export default async function BacktestsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace, can, read } = await requireWorkspacePage((await params).workspace);
  const backtests = await read((tx) => listBacktests(tx));
  const base = `/w/${workspace.slug}/bots/backtests`;
  return (
    <div className="space-y-8">
      <PageHeader
        title="Backtests"
        description="Run a strategy over a year of one-minute candles in about a second: the simulated market or your own exchange data. A result you like becomes a bot in one click."
        actions={can('products.write') ? <Button href={`${base}/new`}>New backtest</Button> : null}
        tabs={<BotsTabs workspace={workspace.slug} />}
      />
      <RefreshWhileActive active={backtests.some((b) => isRunning(b.status))} intervalMs={2_000} />
      {backtests.length === 0 ? (
        <EmptyState
          title="No backtests yet"
          text="Pick a strategy, its parameters and a period; Tessera replays the candles through the same engine your bots run, with fees, slippage and liquidation."
          action={can('products.write') ? <Button href={`${base}/new`}>Run your first backtest</Button> : undefined}
        />
      ) : (
        <Table scrollRegionLabel="Backtests">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Strategy</TableHead>
              <TableHead>Candles</TableHead>
              <TableHead>Status</TableHead>
              <TableHead numeric>Net profit</TableHead>
              <TableHead numeric>ROI on capital</TableHead>
              <TableHead>Started</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {backtests.map((backtest) => (
              <TableRow key={backtest.id}>
                <TableCell className="font-medium">
                  <Link href={`${base}/${backtest.id}`} className="hover:underline">
                    {backtest.name}
                  </Link>
                </TableCell>
                <TableCell>
                  {STRATEGIES[backtest.strategy].label} · {backtest.symbol} {backtest.side}
                </TableCell>
                <TableCell className="min-w-48">{sourceText(backtest)}</TableCell>
                <TableCell className="min-w-32">
                  {isRunning(backtest.status) ? (
                    <ProgressBar value={backtest.progress} max={100} label={`${backtest.name} progress`} hideLabel size="sm" />
                  ) : (
                    <Badge tone={TONES[backtest.status]}>{BACKTEST_STATUS_LABELS[backtest.status]}</Badge>
                  )}
                </TableCell>
                <TableCell numeric>{backtest.results ? signedUsdt(backtest.results.metrics.netProfit) : '—'}</TableCell>
                <TableCell numeric>{backtest.results ? percentOf(backtest.results.metrics.roiOnMaxCapital) : '—'}</TableCell>
                <TableCell className="whitespace-nowrap">{formatInZone(backtest.createdAt, workspace.timezone, 'date-time')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
