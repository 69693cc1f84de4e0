import { z } from 'zod';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BotWizard } from '@/components/bots/wizard/bot-wizard';
import { wizardStateFromBot } from '@/components/bots/wizard/wizard-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { getBotOrThrow } from '@/lib/bots/bots';
import { hasFeature, loadEntitlements } from '@/lib/billing/entitlements';
import { AppError } from '@/lib/errors/app-error';
import { testConnectionAction, updateBotAction } from '../../actions';

export const metadata: Metadata = { title: 'Edit bot' };

export default async function EditBotPage({ params }: { params: Promise<{ workspace: string; bot: string }> }) {
  const { workspace: slug, bot: botId } = await params;
  if (!z.uuid().safeParse(botId).success) notFound();
  // The gate's table is by path prefix, which a bot id in the path can't be: the page checks itself.
  const { ctx, workspace, read, can } = await requireWorkspacePage(slug);
  if (!can('products.write')) notFound();
  const { bot, entitlements } = await read(async (tx) => ({ bot: await getBotOrThrow(tx, botId), entitlements: await loadEntitlements(tx, ctx.tenantId) })).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  });
  const running = bot.status === 'active' || bot.status === 'paused';

  return (
    <div className="space-y-8">
      <PageHeader
        label={
          <Link href={`/w/${workspace.slug}/bots/${bot.id}`} className="hover:underline">
            {bot.name}
          </Link>
        }
        title="Edit bot"
        description={running ? 'The bot keeps running; changes apply from its next run. Stop it first to change its exchange, network or strategy.' : 'Changes apply when you start the bot.'}
      />
      <BotWizard
        workspace={workspace.slug}
        action={updateBotAction}
        testConnection={testConnectionAction}
        liveAllowed={hasFeature(entitlements, 'bots.live')}
        initial={wizardStateFromBot(bot)}
        edit={{ hidden: { botId: bot.id } }}
      />
    </div>
  );
}
