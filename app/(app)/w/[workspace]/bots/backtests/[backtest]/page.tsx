import { z } from 'zod';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BacktestResults } from '@/components/bots/backtest/backtest-results';
import { RefreshWhileActive } from '@/components/jobs/refresh-while-active';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ProgressBar } from '@/components/ui/progress-bar';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { getBacktest } from '@/lib/bots/backtest/backtests';
import { BACKTEST_STATUS_LABELS, isRunning, sourceText } from '@/lib/bots/backtest/present';
import { STRATEGIES } from '@/lib/bots/strategies';

export async function generateMetadata({ params }: { params: Promise<{ workspace: string; backtest: string }> }): Promise<Metadata> {
  const { workspace, backtest } = await params;
  if (!z.uuid().safeParse(backtest).success) return { title: 'Backtest' };
  const page = await requireWorkspacePage(workspace);
  const item = await page.read((tx) => getBacktest(tx, backtest));
  return { title: item?.name ?? 'Backtest' };
}

const TONES = { queued: 'neutral', running: 'info', succeeded: 'success', failed: 'danger' } as const;

export default async function BacktestPage({ params }: { params: Promise<{ workspace: string; backtest: string }> }) {
  const { workspace: slug, backtest: id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const { workspace, can, read } = await requireWorkspacePage(slug);
  const backtest = await read((tx) => getBacktest(tx, id));
  if (!backtest) notFound();
  const base = `/w/${workspace.slug}/bots/backtests`;
  const running = isRunning(backtest.status);
  const done = backtest.status === 'succeeded' && backtest.results;

  return (
    <div className="space-y-8">
      <RefreshWhileActive active={running} intervalMs={1_000} />
      <PageHeader
        label={
          <Link href={base} className="hover:underline">
            Backtests
          </Link>
        }
        title={backtest.name}
        description={`${STRATEGIES[backtest.strategy].label} · ${backtest.symbol} ${backtest.side} ${backtest.leverage}× · ${sourceText(backtest)} · ${backtest.source.model === 'original' ? 'the original’s fill model' : 'Tessera’s fill model'}`}
        actions={
          done ? (
            <>
              {can('products.write') ? <Button href={`/w/${workspace.slug}/bots/new?fromBacktest=${backtest.id}`}>Create bot from this backtest</Button> : null}
              <Button href={`${base}/${backtest.id}/deals.csv`} variant="secondary" download>
                Download CSV
              </Button>
            </>
          ) : null
        }
      />
      {running ? (
        <Card>
          <CardContent className="space-y-3 pt-6">
            <ProgressBar
              value={backtest.progress}
              max={100}
              label={backtest.status === 'queued' ? 'Waiting for a runner' : 'Replaying candles'}
              showValue
              valueText={`${backtest.progress}%${backtest.candles ? ` of ${backtest.candles.toLocaleString('en-US')} candles` : ''}`}
            />
            <p className="text-sm text-muted">This page updates by itself; you can leave it and come back.</p>
          </CardContent>
        </Card>
      ) : null}
      {backtest.status === 'failed' ? (
        <Card>
          <CardContent className="space-y-3 pt-6">
            <Badge tone={TONES.failed}>{BACKTEST_STATUS_LABELS.failed}</Badge>
            <p className="text-sm text-danger">{backtest.error ?? 'The backtest stopped with an error.'}</p>
            {can('products.write') ? (
              <Button href={`${base}/new`} variant="secondary">
                Start a new backtest
              </Button>
            ) : null}
          </CardContent>
        </Card>
      ) : null}
      {done ? <BacktestResults results={backtest.results!} timeZone={workspace.timezone} original={backtest.source.model === 'original'} /> : null}
    </div>
  );
}
