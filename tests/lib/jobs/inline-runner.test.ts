import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withSystem } from '@/db/tenant';
import { defineWorkflow, NonRetriableWorkflowError } from '@/lib/jobs';
import { configureInlineRunner, runInline } from '@/lib/jobs/inline-runner';
import { INTERNAL_ERROR_MESSAGE } from '@/lib/jobs/errors';
import { findJobRun, getJobRun } from '@/lib/jobs/job-runs';

const sleeps: number[] = [];
let restore: () => void;

beforeAll(() => {
  restore = configureInlineRunner({
    sleep: async (ms) => void sleeps.push(ms),
    maxSleepMs: 10_000,
    backoffOverride: { initialMs: 5, maxMs: 20 },
  });
});
afterAll(() => restore());

const payload = z.object({ n: z.number().int() });
const event = (data: unknown = { n: 1 }) => ({ id: randomUUID(), data });
const readRun = (id: string) => withSystem('test: test read', (tx) => getJobRun(tx, id));

describe('inline runner', () => {
  it('records a successful run: status, attempts, progress, output and duration', async () => {
    let progressSeen: number | undefined;
    const workflow = defineWorkflow(
      {
        id: 'test-inline-success',
        trigger: { event: 'test/inline.success' },
        schema: payload,
      },
      async ({ n }, step, ctx) => {
        const doubled = await step.run('double', async () => n * 2);
        await step.progress(40, 'Doubled');
        progressSeen = await step.run('peek', async () => (await readRun(ctx.runId))?.progress);
        return { doubled };
      },
    );
    const result = await runInline(workflow, event({ n: 21 }));
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual({ doubled: 42 });
    expect(progressSeen).toBe(40);

    const run = (await readRun(result.run.id))!;
    expect(run).toMatchObject({
      workflow: 'test-inline-success',
      status: 'succeeded',
      attempts: 1,
      progress: 100,
      error: null,
    });
    expect(run.output).toEqual({ doubled: 42 });
    expect(run.input).toEqual({ n: 21 });
    expect(run.startedAt).toBeInstanceOf(Date);
    expect(run.finishedAt).toBeInstanceOf(Date);
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('retries a failing step with backoff and does not repeat completed steps', async () => {
    const calls = { first: 0, flaky: 0 };
    const workflow = defineWorkflow(
      {
        id: 'test-inline-retry',
        trigger: { event: 'test/inline.retry' },
        schema: payload,
        retries: 3,
      },
      async (_payload, step) => {
        const first = await step.run('first', async () => ++calls.first);
        const second = await step.run('flaky', async () => {
          calls.flaky++;
          if (calls.flaky < 3) throw new Error(`flaky failure ${calls.flaky}`);
          return 'ok';
        });
        return { first, second };
      },
    );
    sleeps.length = 0;
    const result = await runInline(workflow, event());
    expect(result.status).toBe('succeeded');
    expect(calls).toEqual({ first: 1, flaky: 3 });
    expect(sleeps).toEqual([5, 10]);
    const run = (await readRun(result.run.id))!;
    expect(run).toMatchObject({
      status: 'succeeded',
      attempts: 3,
      error: null,
    });
    expect(run.output).toEqual({ first: 1, second: 'ok' });
  });

  it('fails the run once retries are used up, keeping the last error', async () => {
    const workflow = defineWorkflow(
      {
        id: 'test-inline-exhausted',
        trigger: { event: 'test/inline.exhausted' },
        schema: payload,
        retries: 2,
      },
      async () => {
        throw new Error('always broken');
      },
    );
    const result = await runInline(workflow, event());
    expect(result.status).toBe('failed');
    const run = (await readRun(result.run.id))!;
    expect(run).toMatchObject({ status: 'failed', attempts: 3 });
    // A plain error is not meant for members: a generic message and code 'internal' (the log has the rest).
    expect(run).toMatchObject({ errorCode: 'internal', error: INTERNAL_ERROR_MESSAGE });
    expect(run.finishedAt).toBeInstanceOf(Date);
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('a non-retriable error and an invalid payload fail at once', async () => {
    let ran = 0;
    const workflow = defineWorkflow(
      {
        id: 'test-inline-nonretriable',
        trigger: { event: 'test/inline.nonretriable' },
        schema: payload,
        retries: 5,
      },
      async () => {
        ran++;
        throw new NonRetriableWorkflowError('no point retrying');
      },
    );
    const hopeless = await runInline(workflow, event());
    expect(hopeless.status).toBe('failed');
    expect((await readRun(hopeless.run.id))!.attempts).toBe(1);

    const invalid = await runInline(workflow, event({ n: 'not a number' }));
    expect(invalid.status).toBe('failed');
    expect(invalid.error).toMatch(/invalid input \(n\)/);
    expect(invalid.run.errorCode).toBe('invalid_payload');
    expect((await readRun(hopeless.run.id))!).toMatchObject({ errorCode: 'failed', error: 'no point retrying' });
    expect(ran).toBe(1);
  });

  it('a redelivered event (same id) does not run the workflow twice', async () => {
    let runs = 0;
    const workflow = defineWorkflow(
      {
        id: 'test-inline-redelivery',
        trigger: { event: 'test/inline.redelivery' },
        schema: payload,
      },
      async (_payload, step) => {
        return step.run('count', async () => ++runs);
      },
    );
    const e = event();
    // Concurrent redelivery shares the run in progress; a later one reports the recorded success.
    const [a, b] = await Promise.all([runInline(workflow, e), runInline(workflow, e)]);
    const c = await runInline(workflow, e);
    expect(runs).toBe(1);
    expect(a.run.id).toBe(b.run.id);
    expect(c).toMatchObject({ status: 'succeeded', replayed: true, output: 1 });
    expect(c.run.id).toBe(a.run.id);
    const row = await withSystem('test: test read', (tx) => findJobRun(tx, 'test-inline-redelivery', e.id));
    expect(row?.attempts).toBe(1);
  });

  it('step.sleep waits through the runner (capped) and is not repeated by a retry', async () => {
    let attempts = 0;
    const workflow = defineWorkflow(
      {
        id: 'test-inline-sleep',
        trigger: { event: 'test/inline.sleep' },
        schema: payload,
        retries: 1,
      },
      async (_payload, step) => {
        await step.sleep('pause', '1h');
        await step.sleep('short', 250);
        if (++attempts === 1) throw new Error('once');
        return 'done';
      },
    );
    sleeps.length = 0;
    const result = await runInline(workflow, event());
    expect(result.status).toBe('succeeded');
    // 10 s cap, 250 ms, one backoff of 5 ms; the retry skipped both sleeps.
    expect(sleeps).toEqual([10_000, 250, 5]);
  });

  it('step results come back as JSON, as they would from Inngest', async () => {
    const workflow = defineWorkflow(
      {
        id: 'test-inline-json',
        trigger: { event: 'test/inline.json' },
        schema: payload,
      },
      async (_payload, step) => {
        const when = await step.run('when', async () => new Date('2025-01-01T00:00:00Z'));
        return { type: typeof when };
      },
    );
    expect((await runInline(workflow, event())).output).toEqual({
      type: 'string',
    });
  });
});
