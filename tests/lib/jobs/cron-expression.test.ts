import { describe, expect, it } from 'vitest';
import { cronMatches, parseCron } from '@/lib/jobs/cron-expression';
import { cronWorkflows } from '@/lib/jobs/catalog';
import { runDueCronWorkflows } from '@/lib/jobs/cron-ticker';
import { defineWorkflow } from '@/lib/jobs/define-workflow';

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
  const cronWorkflow = (id: string, cron: string) => defineWorkflow({ id, trigger: { cron } }, async () => id);

  it('runs only the cron workflows due this minute and skips one still running', async () => {
    const ran: Array<{ id: string; eventId: string }> = [];
    const workflows = [
      cronWorkflow('every-minute', 'TZ=UTC * * * * *'),
      cronWorkflow('hourly', 'TZ=UTC 0 * * * *'),
      cronWorkflow('busy', 'TZ=UTC * * * * *'),
    ];
    const started = await runDueCronWorkflows(at('2025-01-01T10:07:30Z'), workflows, new Set(['busy']), async (w, e) => {
      ran.push({ id: w.id, eventId: e.id });
    });
    expect(started).toEqual(['every-minute']);
    // One event id per workflow and minute: a tick seen twice is the same run (job_runs dedupes it).
    expect(ran).toEqual([{ id: 'every-minute', eventId: 'cron:every-minute:2025-01-01T10:07:00.000Z' }]);
  });

  it('a failing workflow does not stop the others', async () => {
    const ran: string[] = [];
    const workflows = [cronWorkflow('boom', 'TZ=UTC * * * * *'), cronWorkflow('fine', 'TZ=UTC * * * * *')];
    const run = async (w: { id: string }) => {
      if (w.id === 'boom') throw new Error('boom');
      ran.push(w.id);
    };
    await expect(runDueCronWorkflows(at('2025-01-01T10:07:00Z'), workflows, new Set(), run)).resolves.toEqual(['boom', 'fine']);
    expect(ran).toEqual(['fine']);
  });

  it('the ticker runs the cron workflows of lib/workflows.ts, and only those', async () => {
    const { workflowList } = await import('@/lib/workflows');
    expect(cronWorkflows().map((w) => w.id)).toEqual(workflowList.filter((w) => w.cron).map((w) => w.id));
    expect(cronWorkflows().map((w) => w.id)).toEqual(expect.arrayContaining(['outbox-sweep', 'audit-integrity', 'workflow-retention']));
  });
});
