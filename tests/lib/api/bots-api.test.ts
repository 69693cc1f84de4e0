import { describe, expect, it } from 'vitest';
import { GET as backtestDeals } from '@/app/api/v1/bots/backtests/[id]/deals/route';
import { GET as backtestEquity } from '@/app/api/v1/bots/backtests/[id]/equity/route';
import { GET as getBacktest } from '@/app/api/v1/bots/backtests/[id]/route';
import { GET as listBacktests, POST as createBacktest } from '@/app/api/v1/bots/backtests/route';
import { GET as deals } from '@/app/api/v1/bots/[id]/deals/route';
import { GET as orders } from '@/app/api/v1/bots/[id]/orders/route';
import { GET as pairs } from '@/app/api/v1/bots/[id]/pairs/route';
import { POST as pause } from '@/app/api/v1/bots/[id]/pause/route';
import { POST as resume } from '@/app/api/v1/bots/[id]/resume/route';
import { GET as getOne, PUT as replace, DELETE as remove } from '@/app/api/v1/bots/[id]/route';
import { GET as runLogs } from '@/app/api/v1/bots/[id]/run-logs/route';
import { POST as start } from '@/app/api/v1/bots/[id]/start/route';
import { POST as stop } from '@/app/api/v1/bots/[id]/stop/route';
import { GET as trades } from '@/app/api/v1/bots/[id]/trades/route';
import { GET as list, POST as create } from '@/app/api/v1/bots/route';
import { executeBacktest } from '@/lib/bots/backtest/backtests';
import { runBot } from '@/lib/bots/run/run-bot';
import { useTempStorage } from '../privacy/support';
import { createKey, createWorkspaceWithOwner, putOnPlan } from '../api-keys/support';
import { call, jsonOf } from './support';

async function teamWithKey(scopes: Parameters<typeof createKey>[1] = ['bots:read', 'bots:write']) {
  const made = await createWorkspaceWithOwner();
  await putOnPlan(made.workspace.id, 'team');
  return { ...made, token: (await createKey(made.ownerCtx, scopes)).token };
}

const body = (value: unknown) => JSON.stringify(value);
const OPEN_FILTERS = { emaEnabled: false, volatilityEnabled: false, declineEnabled: false };
const paperBot = {
  name: 'API ladder',
  exchange: 'paper',
  strategy: 'dca_ladder',
  pairs: [{ symbol: 'BTCUSDT', side: 'long', leverage: 3, params: { baseOrderSize: 100, safetyOrderSize: 100, maxSafetyOrders: 2 }, filters: OPEN_FILTERS }],
};

describe('/api/v1/bots', () => {
  it('creates a paper bot, lists and reads it, starts, pauses, resumes, replaces, stops and deletes it', async () => {
    const { token } = await teamWithKey();
    const created = await call(create, { path: '/api/v1/bots', token, body: body(paperBot) });
    expect(created.status).toBe(201);
    const bot = await jsonOf(created);
    expect(bot).toMatchObject({ name: 'API ladder', exchange: 'paper', status: 'inactive', credentials_hint: null, pairs: [{ symbol: 'BTCUSDT', side: 'long', leverage: 3 }] });
    expect(created.headers.get('location')).toBe(`/api/v1/bots/${bot.id}`);
    const params = { id: bot.id };

    expect((await jsonOf(await call(list, { path: '/api/v1/bots', token }))).data.map((b: { id: string }) => b.id)).toEqual([bot.id]);
    expect((await jsonOf(await call(pairs, { path: `/api/v1/bots/${bot.id}/pairs`, token, params }))).data).toHaveLength(1);

    const started = await jsonOf(await call(start, { path: `/api/v1/bots/${bot.id}/start`, token, params }));
    expect(started).toMatchObject({ status: 'active', next_run_at: expect.any(String) });
    expect((await jsonOf(await call(pause, { path: `/api/v1/bots/${bot.id}/pause`, token, params }))).status).toBe('paused');
    expect((await jsonOf(await call(resume, { path: `/api/v1/bots/${bot.id}/resume`, token, params }))).status).toBe('active');

    const replaced = await call(replace, { path: `/api/v1/bots/${bot.id}`, token, params, body: body({ ...paperBot, name: 'Renamed', runIntervalMinutes: 15 }) });
    expect(replaced.status).toBe(200);
    expect(await jsonOf(replaced)).toMatchObject({ name: 'Renamed', run_interval_minutes: 15, status: 'active' });
    // Strategy changes wait for a stop.
    const refused = await call(replace, { path: `/api/v1/bots/${bot.id}`, token, params, body: body({ ...paperBot, strategy: 'balance_martingale', pairs: [{ symbol: 'BTCUSDT', side: 'long', leverage: 3, params: {}, filters: {} }] }) });
    expect(refused.status).toBe(409);

    const stopped = await call(stop, { path: `/api/v1/bots/${bot.id}/stop`, token, params, body: body({ close_positions: false }) });
    expect((await jsonOf(stopped)).status).toBe('inactive');
    expect((await call(remove, { path: `/api/v1/bots/${bot.id}`, token, params })).status).toBe(204);
    expect((await call(getOne, { path: `/api/v1/bots/${bot.id}`, token, params })).status).toBe(404);
  });

  it('pages a run’s trades, orders, deals and run logs', async () => {
    const { token, ownerCtx } = await teamWithKey();
    const bot = await jsonOf(await call(create, { path: '/api/v1/bots', token, body: body(paperBot) }));
    const params = { id: bot.id };
    await call(start, { path: `/api/v1/bots/${bot.id}/start`, token, params });
    expect(await runBot(ownerCtx, { botId: bot.id, slot: '2026-12-03T10:05:00.000Z' }, { now: new Date('2026-12-03T10:05:20Z') })).toMatchObject({ status: 'succeeded' });

    const tradePage = await jsonOf(await call(trades, { path: `/api/v1/bots/${bot.id}/trades?limit=1`, token, params }));
    expect(tradePage.data).toEqual([expect.objectContaining({ action: 'OPENED', symbol: 'BTCUSDT', qty: expect.any(String), fee: expect.any(String) })]);
    const orderPage = await jsonOf(await call(orders, { path: `/api/v1/bots/${bot.id}/orders?limit=1`, token, params }));
    expect(orderPage.data).toHaveLength(1);
    expect(orderPage.data[0].client_order_id).toMatch(/\S/);
    if (orderPage.next_cursor) {
      const older = await jsonOf(await call(orders, { path: `/api/v1/bots/${bot.id}/orders?limit=1&cursor=${orderPage.next_cursor}`, token, params }));
      expect(older.data[0].id).not.toBe(orderPage.data[0].id);
    }
    expect((await jsonOf(await call(deals, { path: `/api/v1/bots/${bot.id}/deals`, token, params }))).data).toEqual([expect.objectContaining({ status: 'open', symbol: 'BTCUSDT' })]);
    expect((await jsonOf(await call(runLogs, { path: `/api/v1/bots/${bot.id}/run-logs`, token, params }))).data).toEqual([expect.objectContaining({ status: 'succeeded' })]);
    const badCursor = await call(trades, { path: `/api/v1/bots/${bot.id}/trades?cursor=nope`, token, params });
    expect(badCursor.status).toBe(400);
  });

  it('refuses bad input with field errors and creates nothing; an unknown field is a 400', async () => {
    const { token } = await teamWithKey();
    const bad = await call(create, { path: '/api/v1/bots', token, body: body({ ...paperBot, pairs: [{ ...paperBot.pairs[0], params: { takeProfit: -1 } }] }) });
    expect(bad.status).toBe(422);
    const error = (await jsonOf(bad)).error;
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.details.fields)).toContain('pairs.0.params.takeProfit');
    expect((await call(create, { path: '/api/v1/bots', token, body: body({ ...paperBot, colour: 'red' }) })).status).toBe(400);
    expect((await jsonOf(await call(list, { path: '/api/v1/bots', token }))).data).toEqual([]);
  });

  it('a read-only key cannot write; another workspace’s bot is a 404', async () => {
    const mine = await teamWithKey();
    const bot = await jsonOf(await call(create, { path: '/api/v1/bots', token: mine.token, body: body(paperBot) }));
    const reader = await createKey(mine.ownerCtx, ['bots:read']);
    expect((await call(create, { path: '/api/v1/bots', token: reader.token, body: body(paperBot) })).status).toBe(403);
    expect((await call(start, { path: `/api/v1/bots/${bot.id}/start`, token: reader.token, params: { id: bot.id } })).status).toBe(403);
    const theirs = await teamWithKey();
    expect((await call(getOne, { path: `/api/v1/bots/${bot.id}`, token: theirs.token, params: { id: bot.id } })).status).toBe(404);
    expect((await call(trades, { path: `/api/v1/bots/${bot.id}/trades`, token: theirs.token, params: { id: bot.id } })).status).toBe(404);
  });
});

describe('/api/v1/bots/backtests', () => {
  it('starts a backtest (202), shows its status, then its metrics, equity curve and deals', async () => {
    useTempStorage();
    const { token, ownerCtx } = await teamWithKey();
    const created = await call(createBacktest, {
      path: '/api/v1/bots/backtests',
      token,
      body: body({ name: 'API backtest', strategy: 'dca_ladder', symbol: 'BTCUSDT', side: 'long', leverage: 3, params: {}, filters: OPEN_FILTERS, source: { kind: 'simulated', from: '2026-01-01', to: '2026-01-08' } }),
    });
    expect(created.status).toBe(202);
    const queued = await jsonOf(created);
    expect(queued).toMatchObject({ status: 'queued', progress: 0, metrics: null });
    const params = { id: queued.id };
    expect((await jsonOf(await call(listBacktests, { path: '/api/v1/bots/backtests', token }))).data.map((b: { id: string }) => b.id)).toContain(queued.id);

    await executeBacktest(ownerCtx, queued.id);
    const done = await jsonOf(await call(getBacktest, { path: `/api/v1/bots/backtests/${queued.id}`, token, params }));
    expect(done).toMatchObject({ status: 'succeeded', progress: 100, candles: 7 * 1440, metrics: expect.objectContaining({ netProfit: expect.any(Number), sharpe: expect.anything() }) });
    const equity = await jsonOf(await call(backtestEquity, { path: `/api/v1/bots/backtests/${queued.id}/equity`, token, params }));
    expect(equity.data.length).toBeGreaterThan(10);
    expect(equity.data[0]).toMatchObject({ time: expect.stringMatching(/^2026-01-01T/), equity: expect.any(Number), drawdown: expect.any(Number) });
    const dealList = await jsonOf(await call(backtestDeals, { path: `/api/v1/bots/backtests/${queued.id}/deals`, token, params }));
    expect(dealList.data.length).toBe(done.metrics.deals);
  });

  it('refuses a period the simulated market can’t cover, naming the field', async () => {
    const { token } = await teamWithKey();
    const bad = await call(createBacktest, { path: '/api/v1/bots/backtests', token, body: body({ name: 'Too long', strategy: 'dca_ladder', symbol: 'BTCUSDT', side: 'long', leverage: 3, source: { kind: 'simulated', from: '2020-01-01', to: '2026-01-01' } }) });
    expect(bad.status).toBe(422);
    expect(Object.keys((await jsonOf(bad)).error.details.fields)).toContain('source.to');
  });
});
