// Client order ids derive from bot, pair and the strategy's key (deal + ladder step, plus the
// decision slot for re-placed orders), so a retried or duplicated run asks for the same id and the
// exchange — and bot_orders' unique index — refuse the second copy. Exchanges cap the length
// (Bybit orderLinkId and Binance newClientOrderId at 36, Phemex clOrdID at 40) and the characters.

export const MAX_CLIENT_ORDER_ID = 36;

const compact = (uuid: string, length: number) => uuid.replace(/-/g, '').slice(0, length);

export function clientOrderId(botId: string, pairId: string, key: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(key)) throw new Error(`order key has characters exchanges refuse: ${key}`);
  const id = `t${compact(botId, 8)}${compact(pairId, 6)}-${key}`;
  if (id.length > MAX_CLIENT_ORDER_ID) throw new Error(`client order id over ${MAX_CLIENT_ORDER_ID} characters: ${id}`);
  return id;
}

/** The strategy's key back from a client order id of this bot and pair, or null for someone else's order. */
export function orderKeyOf(botId: string, pairId: string, clientId: string): string | null {
  const prefix = `t${compact(botId, 8)}${compact(pairId, 6)}-`;
  return clientId.startsWith(prefix) ? clientId.slice(prefix.length) : null;
}
