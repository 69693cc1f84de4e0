import { describe, expect, it } from 'vitest';
import { durationMs } from '@/lib/jobs/step';

describe('durationMs', () => {
  it('reads Inngest-style durations and plain milliseconds', () => {
    expect(durationMs(250)).toBe(250);
    expect(durationMs('250ms')).toBe(250);
    expect(durationMs('30s')).toBe(30_000);
    expect(durationMs('1h30m')).toBe(5_400_000);
    expect(durationMs('2d')).toBe(172_800_000);
  });

  it('rejects what it cannot read', () => {
    for (const bad of ['', 'soon', '5 minutes', '10x', -1]) expect(() => durationMs(bad), String(bad)).toThrow();
  });
});
