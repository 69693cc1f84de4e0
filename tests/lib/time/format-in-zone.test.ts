import { describe, expect, it } from 'vitest';
import { dateFormatter, formatInZone, isTimeZone, safeTimeZone } from '@/lib/time';

const at = new Date('2026-11-22T06:00:05Z');

describe('formatInZone', () => {
  it('shows the instant in the reader’s zone, in the styles the UI used before', () => {
    expect(formatInZone(at, 'Asia/Riyadh', 'date')).toBe('22 Nov 2026');
    expect(formatInZone(at, 'Asia/Riyadh', 'time')).toBe('09:00');
    expect(formatInZone(at, 'Asia/Riyadh', 'date-time')).toBe('22 Nov 2026, 09:00');
    expect(formatInZone(at, 'Asia/Riyadh', 'date-time-seconds')).toBe('22 Nov 2026, 09:00:05');
    expect(formatInZone(at, 'Pacific/Kiritimati', 'date')).toBe('22 Nov 2026');
    expect(formatInZone(at, 'America/Los_Angeles', 'date-time')).toBe('21 Nov 2026, 22:00');
  });

  it('matches the Intl calls it replaced, for every zone', () => {
    const replaced = {
      date: { dateStyle: 'medium' },
      'date-time': { dateStyle: 'medium', timeStyle: 'short' },
      'date-time-seconds': { dateStyle: 'medium', timeStyle: 'medium' },
    } as const;
    for (const zone of Intl.supportedValuesOf('timeZone').filter((_, i) => i % 7 === 0)) {
      for (const [style, options] of Object.entries(replaced)) {
        expect(formatInZone(at, zone, style as keyof typeof replaced)).toBe(new Intl.DateTimeFormat('en-GB', { ...options, timeZone: zone }).format(at));
      }
    }
  });

  it('names the zone where the reader has no context (emails, logs)', () => {
    expect(formatInZone(at, 'Asia/Riyadh', 'date-time-zone')).toBe('22 Nov 2026, 09:00 GMT+3');
    expect(formatInZone(at, 'UTC', 'date-time-zone')).toBe('22 Nov 2026, 06:00 UTC');
    expect(formatInZone(at, 'UTC', 'date-time-seconds-zone')).toBe('22 Nov 2026, 06:00:05 UTC');
  });

  it('falls back to UTC for a zone Intl does not know, instead of failing the page', () => {
    expect(formatInZone(at, 'Mars/Olympus', 'date-time')).toBe('22 Nov 2026, 06:00');
    expect(formatInZone(at, null, 'date-time')).toBe('22 Nov 2026, 06:00');
    expect(safeTimeZone('Mars/Olympus')).toBe('UTC');
    expect(safeTimeZone('Asia/Riyadh')).toBe('Asia/Riyadh');
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('Europe/Londres')).toBe(false);
  });

  it('reuses one formatter per zone, style and locale', () => {
    expect(dateFormatter('Asia/Riyadh', 'date')).toBe(dateFormatter('Asia/Riyadh', 'date'));
    expect(dateFormatter('Asia/Riyadh', 'date')).not.toBe(dateFormatter('Asia/Riyadh', 'date', 'en-US'));
    expect(formatInZone(at, 'Asia/Riyadh', 'date', 'en-US')).toBe('Nov 22, 2026');
  });
});
