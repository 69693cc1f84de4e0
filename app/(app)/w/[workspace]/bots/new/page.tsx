import { z } from 'zod';
import type { Metadata } from 'next';
import Link from 'next/link';
import { BotWizard } from '@/components/bots/wizard/bot-wizard';
import { wizardStateFromDraft } from '@/components/bots/wizard/wizard-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { botDraftFromBacktest, getBacktest } from '@/lib/bots/backtest/backtests';
import { hasFeature, loadEntitlements } from '@/lib/billing/entitlements';
import { createBotAction, testConnectionAction } from '../actions';

export const metadata: Metadata = { title: 'New bot' };

export default async function NewBotPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<{ fromBacktest?: string | string[] }> }) {
  const { ctx, workspace, read } = await requireWorkspacePage((await params).workspace, 'products.write');
  const fromBacktest = (await searchParams).fromBacktest;
  const backtestId = typeof fromBacktest === 'string' && z.uuid().safeParse(fromBacktest).success ? fromBacktest : null;
  const { entitlements, backtest } = await read(async (tx) => ({
    entitlements: await loadEntitlements(tx, ctx.tenantId),
    backtest: backtestId ? await getBacktest(tx, backtestId) : null,
  }));
  const initial = backtest ? wizardStateFromDraft(botDraftFromBacktest(backtest)) : undefined;

  return (
    <div className="space-y-8">
      <PageHeader
        label={
          <Link href={`/w/${workspace.slug}/bots`} className="hover:underline">
            Bots
          </Link>
        }
        title="New bot"
        description={
          backtest
            ? `Pre-filled from the backtest “${backtest.name}”, on paper. Change anything before you launch.`
            : 'Design the bot step by step. Nothing trades until you launch it; paper bots need no exchange keys.'
        }
      />
      <BotWizard workspace={workspace.slug} action={createBotAction} testConnection={testConnectionAction} liveAllowed={hasFeature(entitlements, 'bots.live')} initial={initial} />
    </div>
  );
}
