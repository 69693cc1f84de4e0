import { describe, expect, it } from 'vitest';
import { GET as backtestDeals } from '@/app/api/v1/bots/backtests/[id]/deals/route';
import { GET as backtestEquity } from '@/app/api/v1/bots/backtests/[id]/equity/route';
import { GET as getBacktest } from '@/app/api/v1/bots/backtests/[id]/route';
import { GET as listBacktests, POST as createBacktest } from '@/app/api/v1/bots/backtests/route';
import { POST as uploadTarget } from '@/app/api/v1/bots/backtests/uploads/route';
import { GET as deals } from '@/app/api/v1/bots/[id]/deals/route';
import { GET as orders } from '@/app/api/v1/bots/[id]/orders/route';
import { GET as pairs } from '@/app/api/v1/bots/[id]/pairs/route';
import { POST as pause } from '@/app/api/v1/bots/[id]/pause/route';
import { POST as resume } from '@/app/api/v1/bots/[id]/resume/route';
import { GET as getOne, PATCH as patch, PUT as replace, DELETE as remove } from '@/app/api/v1/bots/[id]/route';
import { GET as runLogs } from '@/app/api/v1/bots/[id]/run-logs/route';
import { POST as runNow } from '@/app/api/v1/bots/[id]/run/route';
import { POST as start } from '@/app/api/v1/bots/[id]/start/route';
import { POST as stop } from '@/app/api/v1/bots/[id]/stop/route';
import { GET as trades } from '@/app/api/v1/bots/[id]/trades/route';
import { GET as list, POST as create } from '@/app/api/v1/bots/route';
import type { ApiRouteHandler } from '@/lib/api/route';
import { executeBacktest } from '@/lib/bots/backtest/backtests';
import { runBot } from '@/lib/bots/run/run-bot';
import { outboxDispatchSettled } from '@/lib/jobs/outbox';
import { useTempStorage } from '../privacy/support';
import { createKey, createWorkspaceWithOwner, putOnPlan } from '../api-keys/support';
import { call, jsonOf } from './support';

// Every test makes its own workspace, so lists and counts see only its own rows (the CI database
// is shared by the test files).

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

async function createdBot(token: string, value: unknown = paperBot) {
  const response = await call(create, { path: '/api/v1/bots', token, body: body(value) });
  expect(response.status).toBe(201);
  return jsonOf(response);
}

/** POSTs a bot command (`start`, `pause`, …) and returns status and body. */
async function command(handler: ApiRouteHandler, token: string, id: string, name: string, payload?: unknown) {
  const response = await call(handler, { path: `/api/v1/bots/${id}/${name}`, token, params: { id }, ...(payload === undefined ? {} : { body: body(payload) }) });
  return { status: response.status, json: await jsonOf(response) };
}

/** Follows `next_cursor` to the end, `limit` rows a page. */
async function allPages(handler: ApiRouteHandler, token: string, path: string, params: Record<string, string>, limit: number) {
  const pages: { data: { id?: string; n?: number }[]; next_cursor: string | null }[] = [];
  let cursor: string | null = null;
  do {
    const response = await call(handler, { path: `${path}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, token, params });
    expect(response.status).toBe(200);
    const page = await jsonOf(response);
    pages.push(page);
    cursor = page.next_cursor;
  } while (cursor && pages.length < 50);
  return pages;
}

describe('/api/v1/bots', () => {
  it('creates a paper bot, lists and reads it, starts, pauses, resumes, changes, stops and deletes it', async () => {
    const { token } = await teamWithKey();
    const created = await call(create, { path: '/api/v1/bots', token, body: body(paperBot) });
    expect(created.status).toBe(201);
    const bot = await jsonOf(created);
    expect(bot).toMatchObject({
      name: 'API ladder',
      exchange: 'paper',
      testnet: true,
      status: 'inactive',
      credentials_hint: null,
      run_interval_minutes: 5,
      paper_starting_balance: '10000',
      notify: { email: true, telegram: null },
      pairs: [{ symbol: 'BTCUSDT', side: 'long', leverage: 3, automatic: true, params: { baseOrderSize: 100, maxSafetyOrders: 2 }, filters: OPEN_FILTERS }],
    });
    // The pair's columns are shown once, on the pair.
    expect(bot.pairs[0].params).not.toHaveProperty('side');
    expect(created.headers.get('location')).toBe(`/api/v1/bots/${bot.id}`);
    const etag = created.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const params = { id: bot.id };

    expect((await jsonOf(await call(list, { path: '/api/v1/bots', token }))).data.map((b: { id: string }) => b.id)).toEqual([bot.id]);
    const read = await call(getOne, { path: `/api/v1/bots/${bot.id}`, token, params });
    expect(read.headers.get('etag')).toBe(etag);
    expect((await jsonOf(read)).id).toBe(bot.id);
    expect((await jsonOf(await call(pairs, { path: `/api/v1/bots/${bot.id}/pairs`, token, params }))).data).toEqual([expect.objectContaining({ symbol: 'BTCUSDT', active: true })]);

    expect(await command(start, token, bot.id, 'start')).toMatchObject({ status: 200, json: { status: 'active', next_run_at: expect.any(String) } });
    expect(await command(start, token, bot.id, 'start')).toMatchObject({ status: 409, json: { error: { code: 'conflict' } } });
    expect((await command(pause, token, bot.id, 'pause')).json.status).toBe('paused');
    expect((await command(resume, token, bot.id, 'resume')).json.status).toBe('active');

    // A change names only what changes, with the ETag read; the status stays.
    const changed = await call(patch, { path: `/api/v1/bots/${bot.id}`, token, params, headers: { 'if-match': etag }, body: body({ name: 'Renamed', run_interval_minutes: 15 }) });
    expect(changed.status).toBe(200);
    expect(await jsonOf(changed)).toMatchObject({ name: 'Renamed', run_interval_minutes: 15, status: 'active', pairs: [{ symbol: 'BTCUSDT', params: { baseOrderSize: 100 } }] });
    expect(changed.headers.get('etag')).not.toBe(etag);
    const stale = await call(patch, { path: `/api/v1/bots/${bot.id}`, token, params, headers: { 'if-match': etag }, body: body({ name: 'Lost update' }) });
    expect(stale.status).toBe(412);
    expect((await jsonOf(stale)).error.code).toBe('precondition_failed');
    // The strategy changes only while stopped.
    const strategy = await call(patch, { path: `/api/v1/bots/${bot.id}`, token, params, body: body({ strategy: 'balance_martingale' }) });
    expect(strategy.status).toBe(409);
    // A replace sends the whole configuration.
    const replaced = await call(replace, { path: `/api/v1/bots/${bot.id}`, token, params, body: body({ ...paperBot, name: 'Replaced', pairs: [...paperBot.pairs, { symbol: 'ETHUSDT', side: 'short', leverage: 2 }] }) });
    expect(await jsonOf(replaced)).toMatchObject({ name: 'Replaced', run_interval_minutes: 5, pairs: [{ symbol: 'BTCUSDT' }, { symbol: 'ETHUSDT', side: 'short' }] });

    expect(await command(stop, token, bot.id, 'stop', { close_positions: false })).toMatchObject({ status: 200, json: { status: 'inactive', next_run_at: null } });
    expect((await command(stop, token, bot.id, 'stop')).status).toBe(409);
    expect((await call(remove, { path: `/api/v1/bots/${bot.id}`, token, params })).status).toBe(204);
    expect((await call(getOne, { path: `/api/v1/bots/${bot.id}`, token, params })).status).toBe(404);
  });

  it('never returns exchange credentials: only their hint, kept when a change leaves them out', async () => {
    const { token } = await teamWithKey();
    const apiKey = 'abcdKEYKEYKEYwxyz';
    const apiSecret = 'SECRETsecretSECRET1234';
    const created = await call(create, { path: '/api/v1/bots', token, body: body({ ...paperBot, exchange: 'bybit', testnet: true, credentials: { api_key: apiKey, api_secret: apiSecret } }) });
    expect(created.status).toBe(201);
    const text = await created.text();
    expect(text).not.toContain(apiSecret);
    expect(text).not.toContain(apiKey);
    const bot = JSON.parse(text);
    expect(bot).toMatchObject({ exchange: 'bybit', testnet: true, credentials_hint: 'abcd…wxyz', paper_starting_balance: null });
    const changed = await jsonOf(await call(patch, { path: `/api/v1/bots/${bot.id}`, token, params: { id: bot.id }, body: body({ name: 'Testnet' }) }));
    expect(changed).toMatchObject({ name: 'Testnet', credentials_hint: 'abcd…wxyz' });
    expect(JSON.stringify(await jsonOf(await call(list, { path: '/api/v1/bots', token })))).not.toContain(apiSecret);
  });

  it('pages the deals, orders, trades and run logs of paper runs', async () => {
    const { token, ownerCtx } = await teamWithKey();
    const bot = await createdBot(token);
    const params = { id: bot.id };
    await command(start, token, bot.id, 'start');
    expect(await runBot(ownerCtx, { botId: bot.id, slot: '2026-12-03T10:05:00.000Z' }, { now: new Date('2026-12-03T10:05:20Z') })).toMatchObject({ status: 'succeeded' });
    expect(await runBot(ownerCtx, { botId: bot.id, slot: '2026-12-03T10:06:00.000Z' }, { now: new Date('2026-12-03T10:06:20Z') })).toMatchObject({ status: 'succeeded' });

    const logPages = await allPages(runLogs, token, `/api/v1/bots/${bot.id}/run-logs`, params, 1);
    expect(logPages).toHaveLength(2);
    expect(logPages.map((p) => p.data[0])).toEqual([
      expect.objectContaining({ slot: '2026-12-03T10:06:00.000Z', status: 'succeeded' }),
      expect.objectContaining({ slot: '2026-12-03T10:05:00.000Z', status: 'succeeded' }),
    ]);
    expect(logPages[1]!.next_cursor).toBeNull();

    // The first run opens (base order); the second places the safety and take-profit orders.
    const orderPages = await allPages(orders, token, `/api/v1/bots/${bot.id}/orders`, params, 2);
    const orderRows = orderPages.flatMap((p) => p.data) as { id: string; purpose: string; client_order_id: string; qty: string }[];
    expect(orderPages.length).toBeGreaterThan(1);
    expect(new Set(orderRows.map((o) => o.id)).size).toBe(orderRows.length);
    expect(orderRows.map((o) => o.purpose).sort()).toEqual(['open', 'safety', 'take_profit']);
    expect(orderRows.every((o) => /^\d+(\.\d+)?$/.test(o.qty) && o.client_order_id.length > 0)).toBe(true);

    const tradePages = await allPages(trades, token, `/api/v1/bots/${bot.id}/trades`, params, 1);
    expect(tradePages.flatMap((p) => p.data)).toEqual([expect.objectContaining({ action: 'OPENED', symbol: 'BTCUSDT', qty: expect.stringMatching(/^\d/), fee: expect.stringMatching(/^\d/) })]);
    expect(tradePages.at(-1)!.next_cursor).toBeNull();
    const dealPage = await jsonOf(await call(deals, { path: `/api/v1/bots/${bot.id}/deals?limit=10`, token, params }));
    expect(dealPage).toEqual({ data: [expect.objectContaining({ status: 'open', symbol: 'BTCUSDT', seq: 1, realised_pnl: '0', size: expect.stringMatching(/^\d/) })], next_cursor: null });

    const badCursor = await call(trades, { path: `/api/v1/bots/${bot.id}/trades?cursor=nope`, token, params });
    expect(badCursor.status).toBe(400);
    expect((await jsonOf(badCursor)).error.details.fields).toHaveProperty('cursor');
    expect((await call(trades, { path: `/api/v1/bots/${bot.id}/trades?limit=500`, token, params })).status).toBe(400);
  });

  it('runs a bot now only while it runs', async () => {
    const { token } = await teamWithKey();
    const bot = await createdBot(token);
    expect((await command(runNow, token, bot.id, 'run')).status).toBe(409);
    await command(start, token, bot.id, 'start');
    expect(await command(runNow, token, bot.id, 'run')).toMatchObject({ status: 202, json: { slot: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } });
    // The queued run goes out in the background: let it finish before the next test.
    await outboxDispatchSettled();
  });

  it('refuses bad input with field errors in the API’s names and creates nothing', async () => {
    const { token } = await teamWithKey();
    const refuse = async (value: unknown) => {
      const response = await call(create, { path: '/api/v1/bots', token, body: body(value) });
      return { status: response.status, error: (await jsonOf(response)).error };
    };
    // Values: checked whole by lib/bots, 422 with every problem.
    const interval = await refuse({ ...paperBot, run_interval_minutes: 0, paper_starting_balance: '-5' });
    expect(interval).toMatchObject({ status: 422, error: { code: 'validation_failed', details: { in: 'body', fields: { run_interval_minutes: expect.any(String), paper_starting_balance: expect.any(String) } } } });
    expect(interval.error.message).toMatch(/^run_interval_minutes: /);
    const ladder = await refuse({ ...paperBot, pairs: [{ ...paperBot.pairs[0], params: { takeProfit: -1 } }, { symbol: 'ETHUSDT', side: 'long', leverage: 3, params: { maxSafetyOrders: 1.5 } }] });
    expect(ladder).toMatchObject({ status: 422, error: { details: { fields: { 'pairs.0.params.takeProfit': expect.any(String), 'pairs.1.params.maxSafetyOrders': expect.any(String) } } } });
    expect(await refuse({ ...paperBot, exchange: 'bybit' })).toMatchObject({ status: 422, error: { details: { fields: { 'credentials.api_key': expect.any(String) } } } });
    expect(await refuse({ ...paperBot, pairs: [] })).toMatchObject({ status: 422, error: { details: { fields: { pairs: expect.any(String) } } } });
    // Types and names: 400 from the wrapper, before lib/bots is asked.
    expect(await refuse({ ...paperBot, run_interval_minutes: 'often' })).toMatchObject({ status: 400, error: { code: 'bad_request', details: { in: 'body', fields: { run_interval_minutes: expect.any(String) } } } });
    expect(await refuse({ ...paperBot, runIntervalMinutes: 5 })).toMatchObject({ status: 400, error: { details: { fields: { runIntervalMinutes: 'Unknown field.' } } } });
    expect(await refuse({ ...paperBot, credentials: { api_key: 'x'.repeat(10), api_secret: 'y'.repeat(10), passphrase: 'z' } })).toMatchObject({ status: 400, error: { details: { fields: { 'credentials.passphrase': 'Unknown field.' } } } });
    expect(await refuse({ ...paperBot, exchange: 'kraken' })).toMatchObject({ status: 400, error: { details: { fields: { exchange: expect.any(String) } } } });
    // The plan's pairs per bot (Team: 10) is a 402 plan_required naming the limit.
    const many = Array.from({ length: 11 }, (_, i) => ({ symbol: `P${i}XUSDT`, side: 'long', leverage: 2 }));
    expect(await refuse({ ...paperBot, pairs: many })).toMatchObject({ status: 402, error: { code: 'plan_required', details: { limit: 'bots.pairs_per_bot', allowed: 10 } } });

    expect((await jsonOf(await call(list, { path: '/api/v1/bots', token }))).data).toEqual([]);
  });

  it('needs bots:write to change anything', async () => {
    const mine = await teamWithKey();
    const bot = await createdBot(mine.token);
    const reader = await createKey(mine.ownerCtx, ['bots:read']);
    const forbidden = await call(create, { path: '/api/v1/bots', token: reader.token, body: body(paperBot) });
    expect(forbidden.status).toBe(403);
    expect((await jsonOf(forbidden)).error).toMatchObject({ code: 'insufficient_scope', details: { scope: 'bots:write' } });
    expect((await command(start, reader.token, bot.id, 'start')).status).toBe(403);
    expect((await call(remove, { path: `/api/v1/bots/${bot.id}`, token: reader.token, params: { id: bot.id } })).status).toBe(403);
    expect((await call(getOne, { path: `/api/v1/bots/${bot.id}`, token: reader.token, params: { id: bot.id } })).status).toBe(200);
    expect((await call(list, { path: '/api/v1/bots', token: (await createKey(mine.ownerCtx, ['journal:read'])).token })).status).toBe(403);
  });

  it('treats another workspace’s bot as missing', async () => {
    const mine = await teamWithKey();
    const bot = await createdBot(mine.token);
    const theirs = await teamWithKey();
    const params = { id: bot.id };
    for (const [handler, suffix] of [
      [getOne, ''],
      [trades, '/trades'],
      [deals, '/deals'],
      [runLogs, '/run-logs'],
      [pairs, '/pairs'],
    ] as const) {
      expect((await call(handler, { path: `/api/v1/bots/${bot.id}${suffix}`, token: theirs.token, params })).status).toBe(404);
    }
    expect((await command(start, theirs.token, bot.id, 'start')).status).toBe(404);
    expect((await call(patch, { path: `/api/v1/bots/${bot.id}`, token: theirs.token, params, body: body({ name: 'Mine now' }) })).status).toBe(404);
    expect((await call(remove, { path: `/api/v1/bots/${bot.id}`, token: theirs.token, params })).status).toBe(404);
    expect((await jsonOf(await call(list, { path: '/api/v1/bots', token: theirs.token }))).data).toEqual([]);
    // Still there, unchanged, for its own workspace.
    expect(await jsonOf(await call(getOne, { path: `/api/v1/bots/${bot.id}`, token: mine.token, params }))).toMatchObject({ name: 'API ladder', status: 'inactive' });
  });
});

describe('/api/v1/bots/backtests', () => {
  const backtestInput = { name: 'API backtest', strategy: 'dca_ladder', symbol: 'BTCUSDT', side: 'long', leverage: 3, params: {}, filters: OPEN_FILTERS, source: { kind: 'simulated', from: '2026-01-01', to: '2026-01-08' } };

  it('starts a backtest (202), shows its status, then its metrics, equity curve and deals', async () => {
    const { token, ownerCtx } = await teamWithKey();
    const created = await call(createBacktest, { path: '/api/v1/bots/backtests', token, body: body({ ...backtestInput, starting_balance: '5000', decision_every_minutes: 10 }) });
    expect(created.status).toBe(202);
    const queued = await jsonOf(created);
    expect(queued).toMatchObject({
      status: 'queued',
      progress: 0,
      candles: 7 * 1440,
      metrics: null,
      original_report: null,
      starting_balance: '5000',
      decision_every_minutes: 10,
      model: 'tessera',
      source: { kind: 'simulated', from: '2026-01-01', to: '2026-01-08' },
    });
    expect(created.headers.get('location')).toBe(`/api/v1/bots/backtests/${queued.id}`);
    const params = { id: queued.id };
    expect((await jsonOf(await call(listBacktests, { path: '/api/v1/bots/backtests', token }))).data.map((b: { id: string }) => b.id)).toEqual([queued.id]);
    // Until it has run, there is no curve (the in-process runner may already have run it after the commit).
    const early = await jsonOf(await call(backtestEquity, { path: `/api/v1/bots/backtests/${queued.id}/equity`, token, params }));
    const statusNow = (await jsonOf(await call(getBacktest, { path: `/api/v1/bots/backtests/${queued.id}`, token, params }))).status;
    if (statusNow !== 'succeeded' && early.data.length > 0) throw new Error(`an equity curve before the backtest finished (${statusNow})`);

    // The workflow may already have run it in the background; running it again finds it finished.
    await outboxDispatchSettled();
    expect(await executeBacktest(ownerCtx, queued.id)).toEqual({ status: 'succeeded' });
    const done = await jsonOf(await call(getBacktest, { path: `/api/v1/bots/backtests/${queued.id}`, token, params }));
    expect(done).toMatchObject({
      status: 'succeeded',
      progress: 100,
      finished_at: expect.any(String),
      metrics: { initial_balance: '5000', net_profit: expect.stringMatching(/^-?\d+(\.\d+)?$/), fees_paid: expect.stringMatching(/^\d/), deals: expect.any(Number), max_drawdown: expect.any(Number) },
      original_report: { initial_balance: '5000', counts: { open: expect.any(Number) } },
    });
    expect(done.metrics.deals).toBeGreaterThan(1);

    const equity = await jsonOf(await call(backtestEquity, { path: `/api/v1/bots/backtests/${queued.id}/equity`, token, params }));
    expect(equity.data.length).toBeGreaterThan(10);
    expect(equity.data[0]).toMatchObject({ time: expect.stringMatching(/^2026-01-01T/), equity: expect.stringMatching(/^\d+(\.\d+)?$/), drawdown: expect.any(Number) });

    const dealPages = await allPages(backtestDeals, token, `/api/v1/bots/backtests/${queued.id}/deals`, params, 2);
    const all = dealPages.flatMap((p) => p.data) as { n: number; entry_price: string; net: string }[];
    expect(all.map((d) => d.n)).toEqual(Array.from({ length: done.metrics.deals }, (_, i) => i + 1));
    expect(all[0]).toMatchObject({ entry_price: expect.stringMatching(/^\d/), net: expect.stringMatching(/^-?\d/) });
  });

  it('refuses bad parameters naming the field, and a backtest of another workspace is missing', async () => {
    const { token } = await teamWithKey();
    const refuse = async (value: unknown) => {
      const response = await call(createBacktest, { path: '/api/v1/bots/backtests', token, body: body(value) });
      return { status: response.status, error: (await jsonOf(response)).error };
    };
    expect(await refuse({ ...backtestInput, source: { kind: 'simulated', from: '2020-01-01', to: '2026-01-01' } })).toMatchObject({ status: 422, error: { details: { fields: { 'source.to': expect.any(String) } } } });
    expect(await refuse({ ...backtestInput, starting_balance: '5' })).toMatchObject({ status: 422, error: { details: { fields: { starting_balance: expect.any(String) } } } });
    expect(await refuse({ ...backtestInput, params: { takeProfit: -1 } })).toMatchObject({ status: 422, error: { details: { fields: { 'params.takeProfit': expect.any(String) } } } });
    expect(await refuse({ ...backtestInput, source: { kind: 'ftp' } })).toMatchObject({ status: 400 });
    expect(await refuse({ ...backtestInput, startingBalance: '5000' })).toMatchObject({ status: 400, error: { details: { fields: { startingBalance: 'Unknown field.' } } } });
    expect((await jsonOf(await call(listBacktests, { path: '/api/v1/bots/backtests', token }))).data).toEqual([]);

    const other = await teamWithKey();
    const theirs = await jsonOf(await call(createBacktest, { path: '/api/v1/bots/backtests', token: other.token, body: body(backtestInput) }));
    await outboxDispatchSettled();
    for (const [handler, suffix] of [
      [getBacktest, ''],
      [backtestEquity, '/equity'],
      [backtestDeals, '/deals'],
    ] as const) {
      expect((await call(handler, { path: `/api/v1/bots/backtests/${theirs.id}${suffix}`, token, params: { id: theirs.id } })).status).toBe(404);
    }
    const reader = await createKey(other.ownerCtx, ['bots:read']);
    expect((await call(createBacktest, { path: '/api/v1/bots/backtests', token: reader.token, body: body(backtestInput) })).status).toBe(403);
  });

  it('gives an upload target for a candle file under the workspace', async () => {
    useTempStorage();
    const { token, workspace } = await teamWithKey();
    const response = await call(uploadTarget, { path: '/api/v1/bots/backtests/uploads', token, body: body({ size: 1200 }) });
    expect(response.status).toBe(201);
    expect(await jsonOf(response)).toMatchObject({ key: expect.stringMatching(new RegExp(`^${workspace.id}/uploads/candles-`)), url: expect.any(String), method: 'PUT', expires_at: expect.any(String) });
    expect((await call(uploadTarget, { path: '/api/v1/bots/backtests/uploads', token, body: body({ size: 0 }) })).status).toBe(400);
  });
});
