import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bots } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { createBot } from '@/lib/bots/bots';
import { runBot } from '@/lib/bots/run/run-bot';
import { requestWorkspaceExport } from '@/lib/privacy/export';
import { writeWorkspaceExport } from '@/lib/privacy/export-writer';
import { storage } from '@/lib/storage';
import { readExport } from '../../helpers/export-zip';
import { useTempStorage } from '../privacy/support';
import { createWorkspaceWithOwner, meta } from '../tenancy/support';

// Issue 11: a workspace export holds the bots and everything they did, without their secrets.

const OPEN_FILTERS = { emaEnabled: false, volatilityEnabled: false, declineEnabled: false };

function rows(entries: Map<string, Buffer>, table: string): Record<string, unknown>[] {
  const file = entries.get(`tables/${table}.ndjson`);
  if (!file) throw new Error(`tables/${table}.ndjson is not in the export`);
  return file
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('bots in the workspace export', () => {
  it('has the bots, pairs, deals, orders, trades and run logs, and no exchange key or Telegram token', async () => {
    useTempStorage();
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const apiSecret = 'exchange-secret-that-must-not-leak';
    const { paper, keyed } = await withTenant(ctx, async (tx) => ({
      paper: await createBot(tx, ctx, { name: 'Exported paper bot', exchange: 'paper', strategy: 'dca_ladder', pairs: [{ symbol: 'BTCUSDT', side: 'long', leverage: 3, params: { baseOrderSize: 100, safetyOrderSize: 100, maxSafetyOrders: 2 }, filters: OPEN_FILTERS }] }, meta),
      keyed: await createBot(
        tx,
        ctx,
        {
          name: 'Exported testnet bot',
          exchange: 'bybit',
          testnet: true,
          credentials: { apiKey: 'exchange-key-123456', apiSecret },
          strategy: 'dca_ladder',
          notify: { email: true, events: ['error'], telegram: { chatId: '4242', botToken: '123456:telegram-token-that-must-not-leak' } },
          pairs: [{ symbol: 'ETHUSDT', side: 'long', leverage: 2, params: {}, filters: {} }],
        },
        meta,
      ),
    }));
    await withTenant(ctx, (tx) => tx.update(bots).set({ status: 'active' }).where(eq(bots.id, paper.id)));
    expect(await runBot(ctx, { botId: paper.id, slot: '2026-12-03T10:05:00.000Z' }, { now: new Date('2026-12-03T10:05:20Z') })).toMatchObject({ status: 'succeeded' });

    const requested = await withTenant(ctx, (tx) => requestWorkspaceExport(tx, ctx, meta));
    const written = await writeWorkspaceExport(ctx, requested.id);
    const { entries } = await readExport(storage(), written.storageKey);

    expect(rows(entries, 'bots').map((bot) => bot.name).sort()).toEqual(['Exported paper bot', 'Exported testnet bot']);
    expect(rows(entries, 'bot_pairs').map((pair) => pair.symbol).sort()).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(rows(entries, 'bot_trades')).toEqual([expect.objectContaining({ bot_id: paper.id, action: 'OPENED' })]);
    expect(rows(entries, 'bot_deals')).toHaveLength(1);
    expect(rows(entries, 'bot_orders').length).toBeGreaterThan(0);
    expect(rows(entries, 'bot_run_logs')).toEqual([expect.objectContaining({ status: 'succeeded' })]);
    const testnet = rows(entries, 'bots').find((bot) => bot.id === keyed.id)!;
    expect(testnet).not.toHaveProperty('credentials_sealed');
    expect(testnet).not.toHaveProperty('telegram_token_sealed');
    const everything = [...entries.values()].map((file) => file.toString('utf8')).join('\n');
    expect(everything).not.toContain(apiSecret);
    expect(everything).not.toContain('telegram-token-that-must-not-leak');
  });
});
