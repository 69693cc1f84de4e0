import { describe, expect, it } from 'vitest';
import { clientOrderId, MAX_CLIENT_ORDER_ID, orderKeyOf } from '@/lib/bots/run/client-order-id';

const bot = '3f1c2a9e-8b7d-4c6e-9f01-23456789abcd';
const pair = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

describe('client order ids', () => {
  it('the same bot, pair and key always give the same id, within every exchange limit', () => {
    const id = clientOrderId(bot, pair, 'd12-so3');
    expect(id).toBe(clientOrderId(bot, pair, 'd12-so3'));
    expect(id).toBe('t3f1c2a9ea1b2c3-d12-so3');
    expect(id.length).toBeLessThanOrEqual(MAX_CLIENT_ORDER_ID);
  });

  it('another pair or step gives another id', () => {
    expect(clientOrderId(bot, pair, 'd12-so3')).not.toBe(clientOrderId(bot, pair, 'd12-so4'));
    expect(clientOrderId(bot, pair, 'd12-so3')).not.toBe(clientOrderId(bot, 'b1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'd12-so3'));
  });

  it('reads the key back only from its own bot and pair', () => {
    const id = clientOrderId(bot, pair, 'd2-tp1');
    expect(orderKeyOf(bot, pair, id)).toBe('d2-tp1');
    expect(orderKeyOf(bot, 'b1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', id)).toBeNull();
  });

  it('refuses keys exchanges would reject or truncate', () => {
    expect(() => clientOrderId(bot, pair, 'd1 so1')).toThrow(/characters/);
    expect(() => clientOrderId(bot, pair, 'x'.repeat(30))).toThrow(/36/);
  });
});
