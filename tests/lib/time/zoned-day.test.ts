import { describe, expect, it } from 'vitest';
import { endOfZonedDay, startOfZonedDay, zonedDay } from '@/lib/time';

describe('zoned days', () => {
  it('tells which calendar day an instant falls on there', () => {
    expect(zonedDay(new Date('2026-03-01T21:30:00Z'), 'Asia/Riyadh')).toBe('2026-03-02');
    expect(zonedDay(new Date('2026-03-01T21:30:00Z'), 'UTC')).toBe('2026-03-01');
    expect(zonedDay(new Date('2026-01-01T04:59:59Z'), 'America/New_York')).toBe('2025-12-31');
  });

  it('finds midnight across DST changes', () => {
    expect(startOfZonedDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfZonedDay('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(endOfZonedDay('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z');
    expect(startOfZonedDay('2026-03-29', 'Europe/London').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(startOfZonedDay('2026-03-30', 'Europe/London').toISOString()).toBe('2026-03-29T23:00:00.000Z');
  });

  it('round-trips: the day starting at startOfZonedDay(d) is d, and the instant before is the day before', () => {
    const zones = ['UTC', 'Asia/Riyadh', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Apia'];
    for (const zone of zones) {
      for (let day = 0; day < 366; day += 3) {
        const iso = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
        const start = startOfZonedDay(iso, zone);
        expect(zonedDay(start, zone), `${zone} ${iso}`).toBe(iso);
        expect(zonedDay(new Date(start.getTime() - 1), zone), `${zone} ${iso}`).not.toBe(iso);
        expect(endOfZonedDay(iso, zone).getTime()).toBeGreaterThan(start.getTime());
      }
    }
  });
});
