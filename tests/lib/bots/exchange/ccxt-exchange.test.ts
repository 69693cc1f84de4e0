import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as ccxt from 'ccxt';
import { ccxtClientFor, openCcxtExchange, testExchangeConnection, timeframeOf, type CcxtExchangeOptions } from '@/lib/bots/exchange/ccxt-exchange';
import { toExchangeError } from '@/lib/bots/exchange/ccxt-errors';
import { fromCcxtSymbol, plainSymbolOf, toCcxtSymbol } from '@/lib/bots/exchange/ccxt-symbols';
import { ExchangeError, isExchangeError, type Exchange } from '@/lib/bots/exchange/types';
import path from 'node:path';
import { sharedFixturePath } from '../../../helpers/shared-fixtures';

// A fake Bybit v5 API on 127.0.0.1: the endpoints ccxt's bybit calls for what the adapter does,
// answered in Bybit's shapes (instruments and klines from the docs' examples). No real exchange.

const FIXTURES = path.dirname(sharedFixturePath('exchanges', 'kline.mdx.response-example.json'));
const spotInstrument = JSON.parse(readFileSync(`${FIXTURES}/bybit_instrument.mdx.spot-response-example.json`, 'utf8')).result.list[0];
const klineExample = JSON.parse(readFileSync(`${FIXTURES}/kline.mdx.response-example.json`, 'utf8'));

const KEY = 'tk-live-0123456789abcdef';
const SECRET = 'ts-secret-fedcba9876543210';
/** Keys the fake refuses: with HTTP 401 (echoing the key in the page) or with Bybit's retCode 10003. */
const REVOKED_KEY = 'tk-revoked-0123456789';
const INVALID_KEY = 'tk-invalid-0123456789';

const MINUTE = 60_000;

// The docs' spot BTCUSDT instrument, as the linear perpetual ccxt loads markets from.
const linear = (symbol: string, baseCoin: string) => ({
  symbol,
  contractType: 'LinearPerpetual',
  status: spotInstrument.status,
  baseCoin,
  quoteCoin: spotInstrument.quoteCoin,
  settleCoin: 'USDT',
  launchTime: '1585526400000',
  deliveryTime: '0',
  priceScale: '2',
  leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
  priceFilter: { minPrice: '0.10', maxPrice: '1999999.80', tickSize: spotInstrument.priceFilter.tickSize },
  lotSizeFilter: { maxOrderQty: '1190.000', maxMktOrderQty: '500.000', minOrderQty: '0.001', qtyStep: '0.001', minNotionalValue: spotInstrument.lotSizeFilter.minOrderAmt },
  unifiedMarginTrade: true,
  fundingInterval: 480,
  copyTrading: 'both',
});

type Recorded = { method: string; path: string; query: Record<string, string>; body: Record<string, unknown>; apiKey: string | undefined };

type OpenOrder = { orderId: string; orderLinkId: string; symbol: string; side: string; orderType: string; price: string; qty: string; reduceOnly: boolean; createdTime: string };

const fake = {
  requests: [] as Recorded[],
  unknown: [] as string[],
  orders: new Map<string, OpenOrder>(),
  linkIds: new Set<string>(),
  executions: [] as Record<string, unknown>[],
  leverage: '10',
  seq: 0,
  reset() {
    this.requests = [];
    this.unknown = [];
    this.orders.clear();
    this.linkIds.clear();
    this.executions = [];
    this.leverage = '10';
  },
};

const ok = (result: unknown) => ({ retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: Date.now() });
const refuse = (retCode: number, retMsg: string) => ({ retCode, retMsg, result: {}, retExtInfo: {}, time: Date.now() });

function kline(query: Record<string, string>) {
  if (query.interval === '60') {
    // The docs' example as it is (newest first), cut to the requested window as Bybit does.
    const start = Number(query.start ?? 0);
    const end = Number(query.end ?? Number.MAX_SAFE_INTEGER);
    const list = (klineExample.result.list as string[][]).filter((row) => Number(row[0]) >= start && Number(row[0]) <= end);
    return { ...klineExample, result: { ...klineExample.result, symbol: query.symbol, category: 'linear', list } };
  }
  // One-minute candles from `start` up to the minute still forming, ignoring `end`: the adapter
  // must not trust the exchange to leave the open candle out.
  const limit = Number(query.limit ?? 200);
  const first = Number(query.start);
  const list: string[][] = [];
  for (let t = first; t <= Date.now() && list.length < limit; t += MINUTE) {
    const price = 17_000 + ((t / MINUTE) % 100);
    list.push([String(t), String(price), String(price + 5), String(price - 5), String(price + 1), '12.5', String(price * 12.5)]);
  }
  return ok({ symbol: query.symbol, category: 'linear', list: list.reverse() });
}

function route(req: Recorded): { status?: number; body: unknown } {
  if (req.apiKey === REVOKED_KEY) return { status: 401, body: `<html><body>401 Unauthorized for key ${req.apiKey}</body></html>` };
  if (req.apiKey === INVALID_KEY) return { body: refuse(10003, `API key is invalid. (${req.apiKey})`) };
  const route = `${req.method} ${req.path}`;
  switch (route) {
    case 'GET /v5/market/instruments-info':
      if (req.query.status === 'PreLaunch') return { body: ok({ category: 'linear', list: [] }) };
      return { body: ok({ category: 'linear', list: [linear('BTCUSDT', 'BTC'), linear('ETHUSDT', 'ETH')] }) };
    case 'GET /v5/market/kline':
      return { body: kline(req.query) };
    case 'GET /v5/market/tickers':
      return {
        body: ok({
          category: 'linear',
          list: [{ symbol: req.query.symbol, lastPrice: '17055.5', bid1Price: '17055.0', ask1Price: '17056.0', markPrice: '17054.2', indexPrice: '17050.1', bid1Size: '1', ask1Size: '1' }],
        }),
      };
    case 'GET /v5/user/query-api':
      return { body: ok({ id: '1', apiKey: req.apiKey, readOnly: 0, unified: 0, uta: 1, permissions: {} }) };
    case 'GET /v5/account/info':
      return { body: ok({ marginMode: 'ISOLATED_MARGIN', unifiedMarginStatus: 5 }) };
    case 'GET /v5/account/wallet-balance':
      return {
        body: ok({
          list: [
            {
              accountType: req.query.accountType,
              totalEquity: '1012.5',
              coin: [{ coin: 'USDT', walletBalance: '1000', equity: '1012.5', availableToWithdraw: '', totalPositionIM: '100', totalOrderIM: '20', locked: '0', unrealisedPnl: '12.5' }],
            },
          ],
        }),
      };
    case 'GET /v5/position/list':
      return {
        body: ok({
          category: 'linear',
          list: [
            { symbol: 'BTCUSDT', side: 'Buy', size: '0.010', avgPrice: '17000', positionIM: '17', positionBalance: '17', leverage: '10', markPrice: '17054.2', unrealisedPnl: '0.542', liqPrice: '15400', positionIdx: 0, tradeMode: 1, positionValue: '170', createdTime: '1670600000000', updatedTime: '1670600000000' },
            { symbol: 'ETHUSDT', side: '', size: '0', avgPrice: '0', positionIM: '0', leverage: '10', markPrice: '1250', unrealisedPnl: '0', liqPrice: '', positionIdx: 0, tradeMode: 1, positionValue: '0', createdTime: '1670600000000', updatedTime: '1670600000000' },
          ],
        }),
      };
    case 'POST /v5/position/set-leverage':
      if (req.body.buyLeverage === fake.leverage) return { body: refuse(110043, 'Set leverage not modified') };
      fake.leverage = String(req.body.buyLeverage);
      return { body: ok({}) };
    case 'POST /v5/order/create': {
      const linkId = String(req.body.orderLinkId);
      if (fake.linkIds.has(linkId)) return { body: refuse(110072, 'OrderLinkedID is duplicate') };
      fake.linkIds.add(linkId);
      const orderId = `o-${++fake.seq}`;
      const now = String(Date.now());
      if (req.body.orderType === 'Market') {
        fake.executions.push({ symbol: req.body.symbol, orderId, orderLinkId: linkId, side: req.body.side, orderType: 'Market', execType: 'Trade', execId: `e-${fake.seq}`, execPrice: '17055.5', execQty: req.body.qty, execValue: '0', execFee: '0.1', feeRate: '0.00055', execTime: now, isMaker: false });
        // A funding payment shows up in executions too; it is not a fill.
        fake.executions.push({ symbol: req.body.symbol, orderId: '', orderLinkId: '', side: 'Sell', orderType: 'UNKNOWN', execType: 'Funding', execId: `f-${fake.seq}`, execPrice: '17055.5', execQty: req.body.qty, execFee: '0.01', execTime: now, isMaker: false });
      } else {
        fake.orders.set(linkId, { orderId, orderLinkId: linkId, symbol: String(req.body.symbol), side: String(req.body.side), orderType: 'Limit', price: String(req.body.price), qty: String(req.body.qty), reduceOnly: req.body.reduceOnly === true, createdTime: now });
      }
      return { body: ok({ orderId, orderLinkId: linkId }) };
    }
    case 'GET /v5/order/realtime':
      return {
        body: ok({
          category: 'linear',
          list: [...fake.orders.values()]
            .filter((o) => o.symbol === req.query.symbol)
            .map((o) => ({ ...o, orderStatus: 'New', cumExecQty: '0', avgPrice: '', timeInForce: 'PostOnly', updatedTime: o.createdTime, category: 'linear' })),
        }),
      };
    case 'POST /v5/order/cancel': {
      const order = fake.orders.get(String(req.body.orderLinkId));
      if (!order) return { body: refuse(110001, 'Order does not exist.') };
      fake.orders.delete(order.orderLinkId);
      return { body: ok({ orderId: order.orderId, orderLinkId: order.orderLinkId }) };
    }
    case 'POST /v5/order/cancel-all': {
      const list = [...fake.orders.values()].filter((o) => o.symbol === req.body.symbol);
      for (const o of list) fake.orders.delete(o.orderLinkId);
      return { body: ok({ list: list.map((o) => ({ orderId: o.orderId, orderLinkId: o.orderLinkId })), success: '1' }) };
    }
    case 'GET /v5/execution/list': {
      const start = Number(req.query.startTime ?? 0);
      const end = Number(req.query.endTime ?? Number.MAX_SAFE_INTEGER);
      const list = fake.executions.filter((e) => e.symbol === req.query.symbol && Number(e.execTime) >= start && Number(e.execTime) <= end).reverse();
      return { body: ok({ category: 'linear', list, nextPageCursor: '' }) };
    }
    default:
      // Answered minimally so ccxt carries on; afterEach fails the test that hit it.
      console.warn(`fake bybit: unknown endpoint ${route}`);
      fake.unknown.push(route);
      return { body: ok({}) };
  }
}

let server: Server;
let base: string;

async function handle(request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  let raw = '';
  for await (const chunk of request) raw += chunk;
  const recorded: Recorded = {
    method: request.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
    apiKey: request.headers['x-bapi-api-key'] as string | undefined,
  };
  fake.requests.push(recorded);
  const { status = 200, body } = route(recorded);
  response.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html' : 'application/json' });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => fake.reset());
afterEach(() => {
  // Every endpoint ccxt called is one the fake knows: an unknown one means the adapter (or a
  // ccxt upgrade) calls something these tests don't check.
  expect(fake.unknown).toEqual([]);
});

const options = (apiKey = KEY): CcxtExchangeOptions => ({
  exchange: 'bybit',
  testnet: true,
  credentials: { apiKey, apiSecret: SECRET },
  urls: Object.fromEntries(['spot', 'futures', 'v2', 'public', 'private'].map((api) => [api, base])),
});

const open = (apiKey?: string): Promise<Exchange> => openCcxtExchange(options(apiKey));

async function refusal(promise: Promise<unknown>): Promise<ExchangeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExchangeError) return error;
    throw error;
  }
  throw new Error('expected the exchange to refuse');
}

describe('symbol mapping', () => {
  it('maps plain USDT perpetual symbols to ccxt unified symbols and back', () => {
    expect(toCcxtSymbol('BTCUSDT')).toBe('BTC/USDT:USDT');
    expect(toCcxtSymbol('1000PEPEUSDT')).toBe('1000PEPE/USDT:USDT');
    expect(toCcxtSymbol('ethusdt')).toBe('ETH/USDT:USDT');
    expect(fromCcxtSymbol('BTC/USDT:USDT')).toBe('BTCUSDT');
    expect(fromCcxtSymbol(toCcxtSymbol('SOLUSDT')!)).toBe('SOLUSDT');
  });

  it('refuses what is not a USDT perpetual', () => {
    expect(toCcxtSymbol('BTCUSD')).toBeNull();
    expect(toCcxtSymbol('USDT')).toBeNull();
    expect(toCcxtSymbol('BTC/USDT')).toBeNull();
    expect(fromCcxtSymbol('BTC/USDT')).toBeNull();
    expect(fromCcxtSymbol('BTC/USD:BTC')).toBeNull();
    expect(fromCcxtSymbol('BTC/USDT:USDT-240628')).toBeNull();
  });

  it("prefers the exchange's own id where ccxt renames the base", () => {
    expect(plainSymbolOf({ id: 'SHIB1000USDT', symbol: 'SHIB1000/USDT:USDT', swap: true, linear: true, settle: 'USDT' })).toBe('SHIB1000USDT');
    expect(plainSymbolOf({ id: 'sBTCUSDT', symbol: 'BTC/USDT', swap: false, linear: undefined, settle: undefined })).toBeNull();
    expect(plainSymbolOf({ id: 'BTCUSDT_240628', symbol: 'BTC/USDT:USDT-240628', swap: false, linear: true, settle: 'USDT' })).toBeNull();
  });

  it('names timeframes the ccxt way', () => {
    expect([1, 5, 60, 240, 1440].map(timeframeOf)).toEqual(['1m', '5m', '1h', '4h', '1d']);
  });
});

describe('error mapping', () => {
  const context = { venue: 'Bybit', secrets: [KEY, SECRET] };
  const map = (error: unknown) => toExchangeError(ccxt, error, context);

  it('maps ccxt error classes to the interface codes', () => {
    expect(map(new ccxt.AuthenticationError('bybit {"retCode":10003,"retMsg":"API key is invalid."}')).code).toBe('auth_failed');
    expect(map(new ccxt.PermissionDenied('bybit {"retCode":10005,"retMsg":"Permission denied"}')).code).toBe('auth_failed');
    expect(map(new ccxt.InsufficientFunds('bybit {"retCode":110007,"retMsg":"ab not enough for new order"}')).code).toBe('insufficient_balance');
    expect(map(new ccxt.DuplicateOrderId('phemex {"code":11085,"msg":"TE_CL_ORD_ID_DUPLICATE"}')).code).toBe('duplicate_client_order_id');
    expect(map(new ccxt.InvalidOrder('bybit {"retCode":110072,"retMsg":"OrderLinkedID is duplicate"}')).code).toBe('duplicate_client_order_id');
    expect(map(new ccxt.BadRequest('bybit {"retCode":10014,"retMsg":"Request is duplicate"}')).code).toBe('duplicate_client_order_id');
    expect(map(new ccxt.InvalidOrder('binanceusdm {"code":-4116,"msg":"ClientOrderId is duplicated."}')).code).toBe('duplicate_client_order_id');
    expect(map(new ccxt.InvalidOrder('bybit {"retCode":110003,"retMsg":"Order price is out of permissible range"}')).code).toBe('invalid_order');
    expect(map(new ccxt.InvalidOrder('binanceusdm {"code":-5022,"msg":"Due to the order could not be executed as maker, the Post Only order will be rejected."}')).code).toBe('post_only_rejected');
    expect(map(new ccxt.OrderNotFound('bybit {"retCode":110001,"retMsg":"Order does not exist."}')).code).toBe('not_found');
    expect(map(new ccxt.RateLimitExceeded('bybit {"retCode":10006,"retMsg":"Too many visits!"}')).code).toBe('rate_limited');
    expect(map(new ccxt.DDoSProtection('bybit GET https://api-testnet.bybit.com/v5/market/kline 403')).code).toBe('rate_limited');
    expect(map(new ccxt.RequestTimeout('bybit GET https://api-testnet.bybit.com/v5/market/kline request timed out (10000 ms)')).code).toBe('unavailable');
    expect(map(new ccxt.ExchangeNotAvailable('bybit GET https://api.bybit.com/v5/order/create 503 Service Unavailable')).code).toBe('unavailable');
    expect(map(new ccxt.NetworkError('fetch failed')).code).toBe('unavailable');
    expect(map(new ccxt.NotSupported('bybit fetchFoo() is not supported yet')).code).toBe('unsupported');
    expect(map(new ccxt.ExchangeError('bybit {"retCode":99999,"retMsg":"Something odd"}')).code).toBe('unavailable');
    expect(map(new TypeError('Cannot read properties of undefined')).code).toBe('unavailable');
  });

  it("keeps the exchange's words but never the credentials, URLs or pages", () => {
    const duplicate = map(new ccxt.InvalidOrder('bybit {"retCode":110072,"retMsg":"OrderLinkedID is duplicate"}'));
    expect(duplicate.message).toBe('Bybit: OrderLinkedID is duplicate (code 110072)');
    const echoed = map(new ccxt.AuthenticationError(`bybit {"retCode":10003,"retMsg":"API key ${KEY} is invalid, secret ${SECRET}"}`));
    expect(echoed.message).not.toContain(KEY);
    expect(echoed.message).not.toContain(SECRET);
    const page = map(new ccxt.AuthenticationError(`bybit GET https://api.bybit.com/v5/account/wallet-balance?accountType=UNIFIED 401 Unauthorized <html>${KEY}</html>`));
    expect(page.message).not.toMatch(/https?:|<html>/);
    expect(page.message).not.toContain(KEY);
    const timeout = map(new ccxt.RequestTimeout('bybit GET https://api.bybit.com/v5/market/kline?symbol=BTCUSDT request timed out'));
    expect(timeout.message).toBe('Bybit: The exchange did not answer; the next run will try again.');
  });
});

describe('construction (no network)', () => {
  const credentials = { apiKey: KEY, apiSecret: SECRET };

  it('Bybit: ccxt.bybit on swaps, sandbox URLs on testnet', async () => {
    const client = await ccxtClientFor({ exchange: 'bybit', testnet: true, credentials });
    expect(client).toBeInstanceOf(ccxt.bybit);
    expect(client.options.defaultType).toBe('swap');
    expect(client.isSandboxModeEnabled).toBe(true);
    expect(client.urls.api.private).toContain('api-testnet');
    expect(client.enableRateLimit).toBe(true);
    expect(client.timeout).toBe(10_000);
    const live = await ccxtClientFor({ exchange: 'bybit', testnet: false, credentials });
    expect(live.isSandboxModeEnabled).toBe(false);
    expect(live.urls.api.private).not.toContain('testnet');
  });

  it('Phemex: ccxt.phemex on swaps, its testnet on testnet', async () => {
    const client = await ccxtClientFor({ exchange: 'phemex', testnet: true, credentials });
    expect(client).toBeInstanceOf(ccxt.phemex);
    expect(client.options.defaultType).toBe('swap');
    expect(client.isSandboxModeEnabled).toBe(true);
    expect(client.urls.api.private).toBe('https://testnet-api.phemex.com');
    const live = await ccxtClientFor({ exchange: 'phemex', testnet: false, credentials });
    expect(live.isSandboxModeEnabled).toBe(false);
    expect(live.urls.api.private).not.toContain('testnet');
  });

  it('Binance: ccxt.binanceusdm (USDT perpetuals), demo trading on testnet', async () => {
    const client = await ccxtClientFor({ exchange: 'binance', testnet: true, credentials });
    expect(client).toBeInstanceOf(ccxt.binanceusdm);
    expect(client.options.defaultType).toBe('swap');
    // ccxt refuses private calls on the retired futures testnet; demo trading replaced it.
    expect(client.options.enableDemoTrading).toBe(true);
    expect(client.urls.api.fapiPrivate).toContain('demo-fapi.binance.com');
    const live = await ccxtClientFor({ exchange: 'binance', testnet: false, credentials });
    expect(live.options.enableDemoTrading).toBeFalsy();
    expect(live.urls.api.fapiPrivate).toBe('https://fapi.binance.com/fapi/v1');
  });

  it('sends nothing until asked', async () => {
    await open();
    expect(fake.requests).toEqual([]);
  });
});

describe('ccxt exchange against a fake Bybit', () => {
  it('reads market rules, loading markets once', async () => {
    const exchange = await open();
    const rules = await exchange.markets(['ETHUSDT', 'NOPEUSDT', 'BTCUSDT']);
    expect(rules).toEqual([
      { symbol: 'ETHUSDT', lotStep: 0.001, tickSize: 0.1, minQty: 0.001, maxQty: 1190, minNotional: 5, maxLeverage: 100, maintMarginRate: 0.005 },
      { symbol: 'BTCUSDT', lotStep: 0.001, tickSize: 0.1, minQty: 0.001, maxQty: 1190, minNotional: 5, maxLeverage: 100, maintMarginRate: 0.005 },
    ]);
    await exchange.markets(['BTCUSDT']);
    const loads = fake.requests.filter((r) => r.path === '/v5/market/instruments-info');
    // Once, linear only (plus ccxt's pre-launch listing).
    expect(loads.map((r) => r.query.category)).toEqual(['linear', 'linear']);
  });

  it('returns candles oldest first, within [since, until)', async () => {
    const exchange = await open();
    const hour = 60 * MINUTE;
    const all = await exchange.candles('BTCUSDT', 60, { since: 1670601600000, until: 1670608800000 + hour });
    expect(all.map((c) => c.time)).toEqual([1670601600000, 1670605200000, 1670608800000]);
    expect(all[0]).toEqual({ time: 1670601600000, open: 17086.5, high: 17088, low: 16978, close: 17071.5, volume: 6356 });
    const cut = await exchange.candles('BTCUSDT', 60, { since: 1670601600000 + 1, until: 1670608800000 });
    expect(cut.map((c) => c.time)).toEqual([1670605200000]);
    expect(fake.requests.filter((r) => r.path === '/v5/market/kline').every((r) => r.query.category === 'linear' && r.query.interval === '60')).toBe(true);
  });

  it('pages long ranges and leaves out the candle still forming', async () => {
    const exchange = await open();
    const now = Date.now();
    const since = Math.floor(now / MINUTE) * MINUTE - 2500 * MINUTE;
    const candles = await exchange.candles('BTCUSDT', 1, { since, until: now + 5 * MINUTE });
    const last = candles[candles.length - 1]!;
    expect(candles[0]!.time).toBe(since);
    expect(last.time + MINUTE).toBeLessThanOrEqual(Date.now());
    expect(candles.every((c, i) => i === 0 || c.time - candles[i - 1]!.time === MINUTE)).toBe(true);
    expect(candles.length).toBeGreaterThanOrEqual(2499);
    expect(fake.requests.filter((r) => r.path === '/v5/market/kline')).toHaveLength(3);
  });

  it('reads the ticker, with the mark price', async () => {
    const exchange = await open();
    const ticker = await exchange.ticker('BTCUSDT');
    expect(ticker).toMatchObject({ symbol: 'BTCUSDT', last: 17055.5, bid: 17055, ask: 17056, mark: 17054.2 });
    expect(fake.requests.find((r) => r.path === '/v5/market/tickers')?.query).toMatchObject({ category: 'linear', symbol: 'BTCUSDT' });
  });

  it('reads the USDT balance: wallet, available (wallet minus margin held) and equity', async () => {
    const exchange = await open();
    expect(await exchange.balance()).toEqual({ currency: 'USDT', wallet: 1000, available: 880, equity: 1012.5 });
    const request = fake.requests.find((r) => r.path === '/v5/account/wallet-balance')!;
    expect(request.query.accountType).toBe('UNIFIED');
    expect(request.apiKey).toBe(KEY);
  });

  it('lists only open positions', async () => {
    const exchange = await open();
    expect(await exchange.positions()).toEqual([
      { symbol: 'BTCUSDT', side: 'long', size: 0.01, entryPrice: 17000, margin: 17, leverage: 10, mark: 17054.2, unrealisedPnl: 0.542, liquidationPrice: 15400 },
    ]);
  });

  it('sets leverage, and takes "not modified" for done', async () => {
    const exchange = await open();
    await exchange.setLeverage('BTCUSDT', 5);
    await exchange.setLeverage('BTCUSDT', 5);
    const calls = fake.requests.filter((r) => r.path === '/v5/position/set-leverage');
    expect(calls.map((r) => r.body)).toEqual([
      expect.objectContaining({ symbol: 'BTCUSDT', category: 'linear', buyLeverage: '5', sellLeverage: '5' }),
      expect.objectContaining({ buyLeverage: '5' }),
    ]);
  });

  it('sends the client order id, and a repeat is a duplicate_client_order_id', async () => {
    const exchange = await open();
    const request = { symbol: 'BTCUSDT', clientOrderId: 'tabc12345def678-d1-so1', side: 'buy', type: 'limit', price: 16500.1, qty: 0.003, reduceOnly: false, postOnly: true } as const;
    const order = await exchange.createOrder(request);
    expect(order).toMatchObject({ clientOrderId: request.clientOrderId, symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: 16500.1, qty: 0.003, filledQty: 0, status: 'open' });
    expect(order.id).toMatch(/^o-/);
    const sent = fake.requests.find((r) => r.path === '/v5/order/create')!;
    expect(sent.body).toMatchObject({ category: 'linear', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.003', price: '16500.1', orderLinkId: request.clientOrderId, timeInForce: 'PostOnly' });

    const again = await refusal(exchange.createOrder(request));
    expect(isExchangeError(again, 'duplicate_client_order_id')).toBe(true);
    expect(again.message).toContain('OrderLinkedID is duplicate');
    expect(fake.requests.filter((r) => r.path === '/v5/order/create')).toHaveLength(2);
  });

  it('sends reduce-only market orders without a price', async () => {
    const exchange = await open();
    await exchange.createOrder({ symbol: 'BTCUSDT', clientOrderId: 'tabc12345def678-d1-close', side: 'sell', type: 'market', price: null, qty: 0.01, reduceOnly: true, postOnly: false });
    const sent = fake.requests.find((r) => r.path === '/v5/order/create')!;
    expect(sent.body).toMatchObject({ side: 'Sell', orderType: 'Market', qty: '0.01', reduceOnly: true, orderLinkId: 'tabc12345def678-d1-close' });
    expect(sent.body.price).toBeUndefined();
  });

  it('lists open orders and cancels by client order id; a gone order is not_found', async () => {
    const exchange = await open();
    await exchange.createOrder({ symbol: 'BTCUSDT', clientOrderId: 'tabc-d1-so1', side: 'buy', type: 'limit', price: 16000, qty: 0.002, reduceOnly: false, postOnly: false });
    await exchange.createOrder({ symbol: 'BTCUSDT', clientOrderId: 'tabc-d1-tp', side: 'sell', type: 'limit', price: 18000, qty: 0.002, reduceOnly: true, postOnly: false });
    const open1 = await exchange.openOrders('BTCUSDT');
    expect(open1.map((o) => [o.clientOrderId, o.side, o.price, o.qty, o.reduceOnly, o.status])).toEqual([
      ['tabc-d1-so1', 'buy', 16000, 0.002, false, 'open'],
      ['tabc-d1-tp', 'sell', 18000, 0.002, true, 'open'],
    ]);
    await exchange.cancelOrder('BTCUSDT', 'tabc-d1-so1');
    expect(fake.requests.find((r) => r.path === '/v5/order/cancel')?.body).toMatchObject({ symbol: 'BTCUSDT', category: 'linear', orderLinkId: 'tabc-d1-so1' });
    expect(fake.requests.find((r) => r.path === '/v5/order/cancel')?.body.orderId).toBeUndefined();
    expect((await refusal(exchange.cancelOrder('BTCUSDT', 'tabc-d1-so1'))).code).toBe('not_found');
    await exchange.cancelAllOrders('BTCUSDT');
    expect(await exchange.openOrders('BTCUSDT')).toEqual([]);
  });

  it('reads fills since a time with their client order ids, leaving funding out', async () => {
    const exchange = await open();
    const before = Date.now() - 1000;
    await exchange.createOrder({ symbol: 'BTCUSDT', clientOrderId: 'tabc-d2-open', side: 'buy', type: 'market', price: null, qty: 0.005, reduceOnly: false, postOnly: false });
    const fills = await exchange.fills('BTCUSDT', before);
    expect(fills).toEqual([{ symbol: 'BTCUSDT', clientOrderId: 'tabc-d2-open', side: 'buy', price: 17055.5, qty: 0.005, fee: 0.1, time: expect.any(Number), liquidation: false }]);
    expect(fills[0]!.time).toBeGreaterThanOrEqual(before);
    const query = fake.requests.find((r) => r.path === '/v5/execution/list')!.query;
    expect(query).toMatchObject({ category: 'linear', symbol: 'BTCUSDT', startTime: String(before) });
    expect(Number(query.endTime) - Number(query.startTime)).toBeLessThan(7 * 24 * 60 * MINUTE);
    expect(await exchange.fills('BTCUSDT', Date.now() + 1000)).toEqual([]);
  });

  it('maps a 401 to auth_failed without the key or secret in the message', async () => {
    const exchange = await open(REVOKED_KEY);
    const error = await refusal(exchange.balance());
    expect(error.code).toBe('auth_failed');
    expect(error.message).not.toContain(REVOKED_KEY);
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toMatch(/https?:|<html>/);
  });

  it("maps Bybit's invalid-key answer to auth_failed, scrubbing the echoed key", async () => {
    const exchange = await open(INVALID_KEY);
    const error = await refusal(exchange.createOrder({ symbol: 'BTCUSDT', clientOrderId: 'tabc-d3-so1', side: 'buy', type: 'limit', price: 16000, qty: 0.002, reduceOnly: false, postOnly: false }));
    expect(error.code).toBe('auth_failed');
    expect(error.message).toContain('API key is invalid');
    expect(error.message).not.toContain(INVALID_KEY);
    expect(error.message).not.toContain(SECRET);
  });

  it('an unknown symbol is unsupported, not a crash', async () => {
    const exchange = await open();
    expect((await refusal(exchange.ticker('NOPEUSDT'))).code).toBe('unsupported');
  });

  it('testExchangeConnection: ok with the balance, or the refusal', async () => {
    expect(await testExchangeConnection(options())).toEqual({ ok: true, balance: { currency: 'USDT', wallet: 1000, available: 880, equity: 1012.5 } });
    const failed = await testExchangeConnection(options(REVOKED_KEY));
    expect(failed).toMatchObject({ ok: false, code: 'auth_failed' });
    expect(JSON.stringify(failed)).not.toContain(REVOKED_KEY);
    expect(JSON.stringify(failed)).not.toContain(SECRET);
  });
});
