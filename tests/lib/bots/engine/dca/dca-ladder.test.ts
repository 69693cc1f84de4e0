import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dcaLadderParamsSchema } from '@/lib/bots/engine/strategies/dca-ladder';
import { calmVolatility, decline, highVolatility, longFeatures, shortFeatures } from '../original/helpers';
import { committedMargin, dcaParams, moveTo, newBook, step } from './harness';

// The issue's ladder in base units: BO 10, SO 20, d 1 %, v 1.5, s 1.2, TP 1.5 %.
const LADDER = { baseOrderSize: 10, safetyOrderSize: 20, sizeUnit: 'base', priceDeviation: 0.01, safetyOrderVolumeScale: 1.5, safetyOrderStepScale: 1.2, takeProfit: 0.015, maxSafetyOrders: 3 } as const;

describe('DCA ladder strategy', () => {
  it('walks the hand-computed ladder: base order, SO1 at 99.00, TP following the average to 100.83, SO2 at 97.80 sized 30', () => {
    const params = dcaParams({ side: 'long', ...LADDER });
    const book = newBook(params);

    const open = step(book, params);
    expect(open.place).toEqual([expect.objectContaining({ key: 'd1-bo', side: 'buy', type: 'market', qty: 10, purpose: 'open' })]);
    expect(book.position).toMatchObject({ side: 'long', size: 10, entryPrice: 100 });

    const ladder = step(book, params);
    expect(ladder.place).toEqual([
      expect.objectContaining({ key: 'd1-t0', side: 'sell', type: 'limit', price: 101.5, qty: 10, reduceOnly: true, purpose: 'take_profit' }),
      expect.objectContaining({ key: 'd1-s1', side: 'buy', type: 'limit', price: 99, qty: 20, purpose: 'safety' }),
    ]);

    moveTo(book, 99, params.leverage);
    expect(book.position!.entryPrice).toBeCloseTo(99.3333333, 6);
    const after = step(book, params);
    expect(after.events.map((e) => e.type)).toContain('position_added');
    expect(after.cancel).toEqual(['d1-t0']);
    expect(after.place).toEqual([
      // 99.333… × 1.015 = 100.8233…, rounded up to the tick for a sell.
      expect.objectContaining({ key: 'd1-t1', side: 'sell', price: 100.83, qty: 30, reduceOnly: true }),
      expect.objectContaining({ key: 'd1-s2', side: 'buy', price: 97.8, qty: 30 }),
    ]);

    moveTo(book, 100.9, params.leverage);
    expect(book.position).toBeNull();
    expect(book.balance).toBeCloseTo(10_000 + 30 * (100.83 - 2980 / 30), 6);
    const closed = step(book, params);
    expect(closed.events.map((e) => e.type)).toEqual(expect.arrayContaining(['deal_closed']));
    expect(closed.cancel).toEqual(['d1-s2']);
    expect(closed.place).toEqual([expect.objectContaining({ key: 'd2-bo', purpose: 'open' })]);
  });

  it('sizes quote ladders in quote currency: the base order buys 10 USDT worth', () => {
    const params = dcaParams({ side: 'long', ...LADDER, sizeUnit: 'quote' });
    const book = newBook(params);
    step(book, params);
    expect(book.position!.size).toBeCloseTo(0.1, 9);
    const ladder = step(book, params);
    expect(ladder.place.find((o) => o.purpose === 'safety')).toMatchObject({ price: 99, qty: 0.202 });
  });

  it('asks for the same client order keys when a run is repeated on the same state', () => {
    const params = dcaParams({ side: 'long', ...LADDER });
    const book = newBook(params);
    step(book, params);
    const snapshotBook = structuredClone(book);
    const first = step(book, params);
    const again = step(snapshotBook, params);
    expect(again.place.map((o) => o.key)).toEqual(first.place.map((o) => o.key));
  });

  it('keeps resting orders that are still wanted instead of re-placing them', () => {
    const params = dcaParams({ side: 'long', ...LADDER });
    const book = newBook(params);
    step(book, params);
    step(book, params);
    const idle = step(book, params);
    expect(idle.place).toEqual([]);
    expect(idle.cancel).toEqual([]);
  });

  it('places as many resting safety orders as asked', () => {
    const params = dcaParams({ side: 'long', ...LADDER, activeSafetyOrders: 3 });
    const book = newBook(params);
    step(book, params);
    const ladder = step(book, params);
    expect(ladder.place.filter((o) => o.purpose === 'safety').map((o) => [o.price, o.qty])).toEqual([
      [99, 20],
      [97.8, 30],
      [96.36, 45],
    ]);
  });

  describe('filters', () => {
    it('opens no deal in a crash, in high volatility, above the hourly EMA, or during the cooldown', () => {
      const params = dcaParams({ side: 'long', ...LADDER });
      for (const features of [longFeatures({ decline: decline('CRASH') }), longFeatures({ decline: decline('FAST_DECLINE') }), longFeatures({ volatility: highVolatility() }), longFeatures({ trendEma: 95 }), longFeatures({ trendEma: null })]) {
        const book = newBook(params);
        book.features = features;
        const result = step(book, params);
        expect(result.place).toEqual([]);
        expect(result.events[0]!.type).toBe('paused');
      }
      const book = newBook(params);
      book.state = { ...book.state, cooldownUntil: book.time + 60_000 };
      expect(step(book, params).place).toEqual([]);
      expect(step(book, params).place).toHaveLength(1);
    });

    it('opens a deal with the EMA filter off whatever the trend EMA says', () => {
      const params = dcaParams({ side: 'long', ...LADDER, filters: { emaEnabled: false } });
      const book = newBook(params);
      book.features = longFeatures({ trendEma: 50 });
      expect(step(book, params).place).toHaveLength(1);
    });

    it('pulls resting safety orders in a fast decline and puts them back with new ids once it clears', () => {
      const params = dcaParams({ side: 'long', ...LADDER });
      const book = newBook(params);
      step(book, params);
      step(book, params);
      book.features = longFeatures({ decline: decline('FAST_DECLINE') });
      const blocked = step(book, params);
      expect(blocked.cancel).toEqual(['d1-s1']);
      expect(blocked.place).toEqual([]);
      book.features = longFeatures();
      const back = step(book, params);
      expect(back.place).toEqual([expect.objectContaining({ key: 'd1-s1r1', price: 99 })]);
    });

    it('still manages take profit while safety orders are blocked', () => {
      const params = dcaParams({ side: 'long', ...LADDER });
      const book = newBook(params);
      step(book, params);
      book.features = longFeatures({ volatility: highVolatility() });
      const result = step(book, params);
      expect(result.place.map((o) => o.purpose)).toEqual(['take_profit']);
    });
  });

  describe('margin cap', () => {
    it('skips a safety order that would take the pair over its cap, with a notice', () => {
      // 10 at 100 at 1× is 1,000 of margin; SO1 adds 1,980: above a 25 % cap of 10,000.
      const params = dcaParams({ side: 'long', ...LADDER, leverage: 1, maxMarginPct: 0.25 });
      const book = newBook(params);
      step(book, params);
      const result = step(book, params);
      expect(result.place.map((o) => o.purpose)).toEqual(['take_profit']);
      expect(result.events).toContainEqual(expect.objectContaining({ type: 'max_margin_protection' }));
    });

    it('splits the cap across the bot’s active pairs', () => {
      const params = dcaParams({ side: 'long', ...LADDER, leverage: 1, maxMarginPct: 0.6 });
      const alone = newBook(params);
      step(alone, params);
      expect(step(alone, params).place.some((o) => o.purpose === 'safety')).toBe(true);
      const shared = newBook(params);
      shared.activePairs = 3;
      step(shared, params);
      expect(step(shared, params).place.some((o) => o.purpose === 'safety')).toBe(false);
    });
  });

  describe('exits', () => {
    it('stops out at market below the stop and starts the cooldown', () => {
      const params = dcaParams({ side: 'long', ...LADDER, maxSafetyOrders: 1, stopLoss: 0.05, cooldownMinutes: 30 });
      const book = newBook(params);
      step(book, params);
      step(book, params);
      moveTo(book, 94, params.leverage);
      const stop = step(book, params);
      expect(stop.events.map((e) => e.type)).toContain('stop_loss');
      expect(stop.place).toEqual([expect.objectContaining({ type: 'market', side: 'sell', reduceOnly: true, purpose: 'stop_loss', qty: 30 })]);
      expect(book.position).toBeNull();
      const after = step(book, params);
      expect(after.events.map((e) => e.type)).toContain('deal_closed');
      expect(after.state.cooldownUntil).toBe(book.time - 60_000 + 30 * 60_000);
      expect(after.place).toEqual([]);
    });

    it('trails the take profit: waits past the target, closes on the fall back from the best price', () => {
      const params = dcaParams({ side: 'long', ...LADDER, trailingDeviation: 0.005 });
      const book = newBook(params);
      step(book, params);
      const ladder = step(book, params);
      expect(ladder.place.map((o) => o.purpose)).toEqual(['safety']);
      moveTo(book, 102, params.leverage);
      expect(step(book, params).place).toEqual([]);
      moveTo(book, 103, params.leverage);
      expect(step(book, params).place).toEqual([]);
      moveTo(book, 102.4, params.leverage);
      const close = step(book, params);
      expect(close.place).toEqual([expect.objectContaining({ type: 'market', side: 'sell', purpose: 'take_profit', qty: 10 })]);
    });

    it('takes partial profits in steps, then moves the stop to breakeven', () => {
      const params = dcaParams({
        side: 'long',
        ...LADDER,
        stopLoss: 0.2,
        stopLossToBreakeven: true,
        takeProfitSteps: [
          { profit: 0.01, closeFraction: 0.5 },
          { profit: 0.02, closeFraction: 0.5 },
        ],
      });
      const book = newBook(params);
      step(book, params);
      const first = step(book, params);
      expect(first.place.find((o) => o.purpose === 'take_profit')).toMatchObject({ price: 101, qty: 5 });
      moveTo(book, 101, params.leverage);
      expect(book.position!.size).toBe(5);
      const second = step(book, params);
      expect(second.place.find((o) => o.purpose === 'take_profit')).toMatchObject({ price: 102, qty: 5 });
      expect(second.state.deal!.breakeven).toBe(true);
      moveTo(book, 99.95, params.leverage);
      const stop = step(book, params);
      expect(stop.events.map((e) => e.type)).toContain('stop_loss');
    });
  });

  describe('parameters', () => {
    it('refuses a ladder whose deepest order is at or below zero, and a stop inside the ladder', () => {
      const deep = dcaLadderParamsSchema.safeParse({ side: 'long', maxSafetyOrders: 10, priceDeviation: 0.2, safetyOrderStepScale: 1.2 });
      expect(deep.success).toBe(false);
      expect(deep.error!.issues[0]).toMatchObject({ path: ['maxSafetyOrders'] });
      const stop = dcaLadderParamsSchema.safeParse({ side: 'long', stopLoss: 0.02 });
      expect(stop.error!.issues[0]).toMatchObject({ path: ['stopLoss'] });
      const active = dcaLadderParamsSchema.safeParse({ side: 'long', maxSafetyOrders: 2, activeSafetyOrders: 3 });
      expect(active.error!.issues[0]).toMatchObject({ path: ['activeSafetyOrders'] });
    });

    it('fills in the 3Commas-style defaults', () => {
      expect(dcaParams({ side: 'short' })).toMatchObject({ baseOrderSize: 10, safetyOrderSize: 20, maxSafetyOrders: 5, priceDeviation: 0.01, safetyOrderVolumeScale: 1.5, safetyOrderStepScale: 1.2, takeProfit: 0.015, leverage: 3, maxMarginPct: 0.5 });
    });
  });

  describe('properties', () => {
    const paths = fc.array(fc.double({ min: -0.03, max: 0.03, noNaN: true }), { minLength: 5, maxLength: 60 });
    const ladders = fc.record({
      side: fc.constantFrom('long' as const, 'short' as const),
      baseOrderSize: fc.integer({ min: 10, max: 500 }),
      safetyOrderSize: fc.integer({ min: 10, max: 1000 }),
      maxSafetyOrders: fc.integer({ min: 0, max: 6 }),
      activeSafetyOrders: fc.integer({ min: 1, max: 3 }),
      priceDeviation: fc.double({ min: 0.002, max: 0.04, noNaN: true }),
      safetyOrderVolumeScale: fc.double({ min: 0.5, max: 2, noNaN: true }),
      safetyOrderStepScale: fc.double({ min: 0.6, max: 1.5, noNaN: true }),
      leverage: fc.integer({ min: 1, max: 20 }),
      maxMarginPct: fc.double({ min: 0.05, max: 1, noNaN: true }),
    });

    it('never commits more margin than the cap, and places no entry order while a filter blocks', () => {
      fc.assert(
        fc.property(ladders, paths, fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), (ladder, moves, blocked) => {
          const parsed = dcaLadderParamsSchema.safeParse({ ...ladder, activeSafetyOrders: Math.min(ladder.activeSafetyOrders, Math.max(ladder.maxSafetyOrders, 1)) });
          fc.pre(parsed.success);
          const params = parsed.data!;
          const book = newBook(params);
          const friendly = params.side === 'long' ? longFeatures() : shortFeatures();
          moves.forEach((move, i) => {
            book.features = blocked[i] ? { ...friendly, decline: decline('CRASH'), volatility: calmVolatility() } : friendly;
            const result = step(book, params);
            if (blocked[i]) expect(result.place.filter((o) => !o.reduceOnly)).toEqual([]);
            expect(committedMargin(book, params.leverage)).toBeLessThanOrEqual(params.maxMarginPct * book.balance + 1e-6);
            moveTo(book, book.price * (1 + move), params.leverage);
          });
        }),
        { numRuns: 200 },
      );
    });

    it('keeps the average entry within the prices its fills came at', () => {
      fc.assert(
        fc.property(ladders, paths, (ladder, moves) => {
          const parsed = dcaLadderParamsSchema.safeParse({ ...ladder, activeSafetyOrders: 1 });
          fc.pre(parsed.success);
          const params = parsed.data!;
          const book = newBook(params);
          let low = Number.POSITIVE_INFINITY;
          let high = 0;
          for (const move of moves) {
            if (!book.position) {
              low = Number.POSITIVE_INFINITY;
              high = 0;
            }
            step(book, params);
            moveTo(book, book.price * (1 + move), params.leverage);
            for (const fill of book.fills) {
              low = Math.min(low, fill.price);
              high = Math.max(high, fill.price);
            }
            if (book.position) {
              expect(book.position.entryPrice).toBeGreaterThanOrEqual(low * (1 - 1e-9));
              expect(book.position.entryPrice).toBeLessThanOrEqual(high * (1 + 1e-9));
            }
          }
        }),
        { numRuns: 200 },
      );
    });

    it('mirrors a long for a short: the same quantities, prices reflected around the entry', () => {
      fc.assert(
        fc.property(ladders, (ladder) => {
          // The cap is left out of reach (a large balance): a short's safety orders sit above the
          // entry, so in base units they hold a little more margin than the long's and can meet
          // the cap a step earlier.
          const input = { ...ladder, sizeUnit: 'base' as const, activeSafetyOrders: Math.min(ladder.activeSafetyOrders, Math.max(ladder.maxSafetyOrders, 1)) };
          const longParsed = dcaLadderParamsSchema.safeParse({ ...input, side: 'long' });
          const shortParsed = dcaLadderParamsSchema.safeParse({ ...input, side: 'short' });
          fc.pre(longParsed.success && shortParsed.success);
          const longBook = newBook(longParsed.data!);
          const shortBook = newBook(shortParsed.data!);
          longBook.balance = shortBook.balance = 1e12;
          for (let i = 0; i < 2; i++) {
            const long = step(longBook, longParsed.data!);
            const short = step(shortBook, shortParsed.data!);
            expect(short.place.map((o) => o.key)).toEqual(long.place.map((o) => o.key));
            short.place.forEach((order, j) => {
              const other = long.place[j]!;
              expect(order.side).toBe(other.side === 'buy' ? 'sell' : 'buy');
              if (order.purpose === 'safety') {
                expect(order.qty).toBe(other.qty);
                // Rounding goes against the bot on each side, so the reflection holds to a tick.
                expect(Math.abs(order.price! - 100 - (100 - other.price!))).toBeLessThanOrEqual(0.01 + 1e-9);
              }
            });
          }
        }),
        { numRuns: 200 },
      );
    });
  });
});
