import { z } from 'zod';
import type { WindowDuration } from './types';

const MS_PER_UNIT = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const windowSchema = z
  .string()
  .regex(/^(\d+(?:\.\d+)?)\s?(ms|s|m|h|d)$/)
  .transform((value) => {
    const [, amount, unit] = /^(\d+(?:\.\d+)?)\s?(ms|s|m|h|d)$/.exec(value)!;
    return Math.round(Number(amount) * MS_PER_UNIT[unit as keyof typeof MS_PER_UNIT]);
  })
  .pipe(z.number().int().positive());

export function windowToMs(window: WindowDuration): number {
  const parsed = windowSchema.safeParse(window);
  if (!parsed.success) throw new RangeError(`Invalid rate-limit window: ${window}`);
  return parsed.data;
}
