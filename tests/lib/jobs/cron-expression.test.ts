import { describe, expect, it } from 'vitest';
import { cronMatches, parseCron } from '@/lib/jobs/cron-expression';
import { runDueCronJobs } from '@/lib/jobs/cron-ticker';

const at = (iso: string) => new Date(iso);

describe('cron expression matcher', () => {
  it('every minute matches any minute', () => {
    expect(cronMatches('* * * * *', at('2025-03-04T05:06:00Z'))).toBe(true);
  });

  it('accepts the TZ=UTC prefix Inngest uses and rejects other zones', () => {
    expect(cronMatches('TZ=UTC 30 2 * * *', at('2025-03-04T02:30:00Z'))).toBe(true);
    expect(() => parseCron('TZ=Europe/Paris * * * * *')).toThrow(/UTC/);
  });

  it('steps, ranges and lists', () => {
    expect(cronMatches('*/15 * * * *', at('2025-01-01T10:45:00Z'))).toBe(true);
    expect(cronMatches('*/15 * * * *', at('2025-01-01T10:46:00Z'))).toBe(false);
    expect(cronMatches('0 9-17/4 * * *', at('2025-01-01T13:00:00Z'))).toBe(true);
    expect(cronMatches('0 9-17/4 * * *', at('2025-01-01T15:00:00Z'))).toBe(false);
    expect(cronMatches('5,10 * * * *', at('2025-01-01T00:10:00Z'))).toBe(true);
    expect(cronMatches('5/20 * * * *', at('2025-01-01T00:45:00Z'))).toBe(true);
  });

  it('day of week 0 and 7 are both Sunday', () => {
    const sunday = at('2025-03-02T00:00:00Z');
    expect(cronMatches('0 0 * * 0', sunday)).toBe(true);
    expect(cronMatches('0 0 * * 7', sunday)).toBe(true);
    expect(cronMatches('0 0 * * 1-5', sunday)).toBe(false);
  });

  it('restricted day of month and day of week match when either does (standard cron)', () => {
    // 2025-03-15 is a Saturday; 2025-03-03 is a Monday.
    expect(cronMatches('0 0 1 * 1', at('2025-03-03T00:00:00Z'))).toBe(true);
    expect(cronMatches('0 0 1 * 1', at('2025-03-01T00:00:00Z'))).toBe(true);
    expect(cronMatches('0 0 1 * 1', at('2025-03-15T00:00:00Z'))).toBe(false);
    expect(cronMatches('0 0 1 3 *', at('2025-03-01T00:00:00Z'))).toBe(true);
    expect(cronMatches('0 0 1 3 *', at('2025-04-01T00:00:00Z'))).toBe(false);
  });

  it('rejects malformed expressions', () => {
    for (const bad of ['* * * *', '60 * * * *', '* 24 * * *', '5-1 * * * *', '*/0 * * * *', 'a * * * *', '* * 0 * *']) {
      expect(() => parseCron(bad), bad).toThrow();
    }
  });
});

describe('cron ticker', () => {
  it('runs only the jobs due this minute and skips one still running', async () => {
    const ran: string[] = [];
    const jobs = [
      { id: 'every-minute', schedule: '* * * * *', run: async () => void ran.push('every-minute') },
      { id: 'hourly', schedule: '0 * * * *', run: async () => void ran.push('hourly') },
      { id: 'busy', schedule: '* * * * *', run: async () => void ran.push('busy') },
    ];
    const started = await runDueCronJobs(at('2025-01-01T10:07:00Z'), jobs, new Set(['busy']));
    expect(started).toEqual(['every-minute']);
    expect(ran).toEqual(['every-minute']);
  });

  it('a failing job does not stop the others', async () => {
    const ran: string[] = [];
    const jobs = [
      { id: 'boom', schedule: '* * * * *', run: async () => Promise.reject(new Error('boom')) },
      { id: 'fine', schedule: '* * * * *', run: async () => void ran.push('fine') },
    ];
    await expect(runDueCronJobs(at('2025-01-01T10:07:00Z'), jobs)).resolves.toEqual(['boom', 'fine']);
    expect(ran).toEqual(['fine']);
  });
});
