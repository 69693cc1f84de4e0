import { increased, reduced } from '@/lib/bots/engine/position-math';
import { dcaLadder, dcaLadderParamsSchema, type DcaLadderParams, type DcaLadderParamsInput, type DcaLadderState } from '@/lib/bots/engine/strategies/dca-ladder';
import type { Features, Fill, MarketSnapshot, OpenOrder, OrderIntent, Position, StepResult } from '@/lib/bots/engine/types';
import { RULES, TIME, longFeatures, shortFeatures } from '../original/helpers';

// A toy market for the DCA strategy: market orders fill at the price, limits when the price
// reaches them, no fees. Enough to walk a ladder step by step and check what the strategy asks for.

export const dcaParams = (over: DcaLadderParamsInput = { side: 'long' }): DcaLadderParams => dcaLadderParamsSchema.parse(over);

export interface Book {
  time: number;
  price: number;
  balance: number;
  position: Position | null;
  orders: OpenOrder[];
  fills: Fill[];
  state: DcaLadderState;
  features: Features;
  activePairs: number;
  placed: OrderIntent[];
}

export function newBook(params: DcaLadderParams, price = 100): Book {
  return {
    time: TIME,
    price,
    balance: 10_000,
    position: null,
    orders: [],
    fills: [],
    state: dcaLadder.initialState(params),
    features: params.side === 'long' ? longFeatures() : shortFeatures(),
    activePairs: 1,
    placed: [],
  };
}

export function snapshotOf(book: Book): MarketSnapshot {
  return {
    time: book.time,
    last: book.price,
    bid: book.price,
    ask: book.price,
    mark: book.price,
    balance: book.balance,
    position: book.position,
    activePairs: book.activePairs,
    features: book.features,
    rules: RULES,
    fills: book.fills,
    openOrders: book.orders,
  };
}

function fill(book: Book, order: OpenOrder, price: number, leverage: number): void {
  const side = order.side === 'buy' ? 'long' : 'short';
  if (order.reduceOnly) {
    if (!book.position) return;
    const result = reduced(book.position, order.qty, price);
    book.balance += result.realisedPnl;
    book.position = result.position;
  } else if (book.position && book.position.side !== side) {
    return;
  } else {
    book.position = increased(book.position, side, order.qty, price, leverage);
  }
  book.fills.push({ key: order.key, side: order.side, price, qty: order.qty, fee: 0, time: book.time });
}

/** One strategy step: cancels, places (markets fill at once), then the clock moves a minute. */
export function step(book: Book, params: DcaLadderParams): StepResult<DcaLadderState> {
  const result = dcaLadder.step(book.state, snapshotOf(book), params);
  book.fills = [];
  book.orders = result.cancel === 'all' ? [] : book.orders.filter((order) => !result.cancel.includes(order.key));
  for (const intent of result.place) {
    book.placed.push(intent);
    const order: OpenOrder = { key: intent.key, side: intent.side, type: intent.type, price: intent.price, qty: intent.qty, reduceOnly: intent.reduceOnly };
    if (intent.type === 'market') fill(book, order, book.price, params.leverage);
    else book.orders.push(order);
  }
  book.state = result.state;
  book.time += 60_000;
  return result;
}

/** Moves the price; resting limits it reaches fill at their price. */
export function moveTo(book: Book, price: number, leverage: number): void {
  const from = book.price;
  book.price = price;
  const low = Math.min(from, price);
  const high = Math.max(from, price);
  const hit = book.orders.filter((order) => order.price !== null && order.price >= low && order.price <= high);
  book.orders = book.orders.filter((order) => !hit.includes(order));
  for (const order of hit) fill(book, order, order.price!, leverage);
}

/** Margin the bot has committed: the position's plus its resting entry orders'. */
export function committedMargin(book: Book, leverage: number): number {
  let margin = book.position?.margin ?? 0;
  for (const order of book.orders) if (!order.reduceOnly && order.price !== null) margin += (order.qty * order.price) / leverage;
  return margin;
}
