import { z } from 'zod';

const ttlSchema = z.number().int().positive();
const amountSchema = z.number().int().refine(Number.isSafeInteger, 'must be a safe integer');
const keySchema = z.string().min(1);

/** Redis rejects these too, but only after a round trip and with a less useful message. */
export function assertTtlSeconds(ttlSeconds: number): void {
  if (!ttlSchema.safeParse(ttlSeconds).success) {
    throw new RangeError(`ttlSeconds must be a positive integer, got ${ttlSeconds}`);
  }
}

export function assertIncrement(amount: number): void {
  if (!amountSchema.safeParse(amount).success) {
    throw new RangeError(`increment must be a safe integer, got ${amount}`);
  }
}

export function assertKey(key: string): void {
  if (!keySchema.safeParse(key).success) throw new RangeError('key must be a non-empty string');
}
