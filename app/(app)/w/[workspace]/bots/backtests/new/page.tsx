import type { Metadata } from 'next';
import Link from 'next/link';
import { BacktestForm } from '@/components/bots/backtest/backtest-form';
import { PageHeader } from '@/components/ui/page-header';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { candleUploadTargetAction, createBacktestAction } from '../actions';

export const metadata: Metadata = { title: 'New backtest' };

export default async function NewBacktestPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await requireWorkspacePage((await params).workspace, 'products.write');
  return (
    <div className="space-y-8">
      <PageHeader
        label={
          <Link href={`/w/${workspace.slug}/bots/backtests`} className="hover:underline">
            Backtests
          </Link>
        }
        title="New backtest"
        description="The same engine as a live bot, over historical one-minute candles, with fees, slippage and liquidation. Long periods run in the background with a progress bar."
      />
      <BacktestForm workspace={workspace.slug} action={createBacktestAction} uploadTarget={candleUploadTargetAction} today={new Date().toISOString().slice(0, 10)} />
    </div>
  );
}
