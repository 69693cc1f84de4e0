import { randomUUID } from 'node:crypto';
import { InngestTestEngine, mockCtx } from '@inngest/test';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withSystem } from '@/db/tenant';
import { workflowFunction } from '@/inngest/functions/workflow-function';
import { defineWorkflow, type AnyWorkflow, type WorkflowPayload } from '@/lib/jobs/define-workflow';
import { INTERNAL_ERROR_MESSAGE } from '@/lib/jobs/errors';
import { configureInlineRunner, inlineRunsSettled, runInline } from '@/lib/jobs/inline-runner';
import { findJobRun, type JobRun } from '@/lib/jobs/job-runs';
import { outboxDispatchSettled } from '@/lib/jobs/outbox';
import { PARENT_RUN_KEY } from '@/lib/jobs/run-recorder';
import { createTenant, systemQuery } from '../../helpers/database';

/**
 * One contract, two runners: the inline runner (zero-config) and the Inngest adapter driven by
 * @inngest/test. Each runner delivers an event to a workflow and reports the run's outcome; the
 * assertions are the same. @inngest/test models no retries, so the Inngest runner re-executes
 * with the next `attempt` while the previous execution asked for a retry, carrying the
 * completed steps' state forward the way Inngest does.
 */

type Delivery = { status: 'succeeded' | 'failed' | 'skipped'; output?: unknown };
type StepMock = { id: string; handler: () => unknown };

type Runner = {
  name: 'inline' | 'inngest';
  deliver(workflow: AnyWorkflow, event: { id: string; data: WorkflowPayload }, options?: { steps?: StepMock[] }): Promise<Delivery>;
};

const inline: Runner = {
  name: 'inline',
  async deliver(workflow, event) {
    const result = await runInline(workflow, event);
    return { status: result.status, output: result.output };
  },
};

const inngestRunner: Runner = {
  name: 'inngest',
  async deliver(workflow, event, options = {}) {
    const fn = workflowFunction(workflow);
    const carried: Array<{ id: string; idIsHashed?: boolean; handler: () => unknown }> = [...(options.steps ?? [])];
    for (let attempt = 0; ; attempt++) {
      const engine = new InngestTestEngine({
        function: fn,
        events: [{ id: event.id, name: workflow.event ?? 'inngest/scheduled.timer', data: event.data }],
        steps: carried,
        transformCtx: (ctx) => ({ ...mockCtx(ctx), attempt, maxAttempts: workflow.retries + 1 }),
      });
      const { result, error, state } = await engine.execute();
      if (error === undefined) {
        // A skipped event (idempotency key already ran) leaves no run of its own.
        return { status: (await readRun(workflow.id, event.id)) ? 'succeeded' : 'skipped', output: result };
      }
      const retry = (error as { name?: string }).name === 'RetryAfterError';
      if (!retry || attempt >= workflow.retries) return { status: 'failed' };
      // Completed steps are memoised across attempts, as Inngest does.
      for (const [hashed, promise] of Object.entries(state)) {
        const value = await promise.then(
          (v) => ({ ok: true as const, v }),
          () => ({ ok: false as const }),
        );
        if (value.ok && !carried.some((s) => s.id === hashed)) carried.push({ id: hashed, idIsHashed: true, handler: () => value.v });
      }
    }
  },
};

const readRun = (workflow: string, eventId: string): Promise<JobRun | undefined> =>
  withSystem('test: contract read', (t) => findJobRun(t, workflow, eventId));
const runsOf = (workflow: string) =>
  systemQuery<{ id: string; status: string; attempts: number; idempotency_key: string }>(
    sql`select id, status, attempts, idempotency_key from job_runs where workflow = ${workflow} order by created_at`,
  );

let tenantId: string;
let restore: () => void;

beforeAll(async () => {
  restore = configureInlineRunner({ sleep: async () => {}, backoffOverride: { initialMs: 1, maxMs: 1 } });
  tenantId = (await createTenant()).workspace.id;
});
afterAll(async () => {
  await inlineRunsSettled();
  await outboxDispatchSettled();
  restore();
});

// Workflow ids are per runner so the two suites never share job_runs rows.
const uniq = (runner: Runner, name: string) => `test-${runner.name}-${name}`;

describe.each([inline, inngestRunner])('workflow runner contract: $name', (runner) => {
  const deliver = runner.deliver;

  it('idempotency: a second event with the same key within 24 h makes no second run', async () => {
    let calls = 0;
    const workflow = defineWorkflow(
      {
        id: uniq(runner, 'idempotent'),
        trigger: { event: 'test/contract.idempotent' },
        schema: z.object({ orderId: z.string(), note: z.string() }),
        idempotency: 'orderId',
      },
      async ({ orderId }, step) => step.run('charge', async () => `${orderId}#${++calls}`),
    );
    const erased = workflow as unknown as AnyWorkflow;
    const first = await deliver(erased, { id: randomUUID(), data: { orderId: 'A', note: 'click' } });
    const doubleClick = await deliver(erased, { id: randomUUID(), data: { orderId: 'A', note: 'double click' } });
    const other = await deliver(erased, { id: randomUUID(), data: { orderId: 'B', note: 'click' } });
    expect([first.status, doubleClick.status, other.status]).toEqual(['succeeded', 'skipped', 'succeeded']);
    expect(calls).toBe(2);
    expect(await runsOf(workflow.id)).toHaveLength(2);
  });

  it('retries: a failing attempt is retried with the attempts recorded, and a member sees only a safe error', async () => {
    let calls = 0;
    const workflow = defineWorkflow(
      { id: uniq(runner, 'retried'), trigger: { event: 'test/contract.retried' }, schema: z.object({ n: z.number() }), retries: 2 },
      async ({ n }) => {
        if (++calls < 3) throw new Error(`select secret from vault where pin = ${n}`);
        return { n, calls };
      },
    );
    const eventId = randomUUID();
    const result = await deliver(workflow as unknown as AnyWorkflow, { id: eventId, data: { n: 1234 } });
    expect(result.status).toBe('succeeded');
    expect(await readRun(workflow.id, eventId)).toMatchObject({ status: 'succeeded', attempts: 3, error: null, errorCode: null });

    // Out of retries: failed, with the generic message and code — never the raw text.
    const hopeless = defineWorkflow(
      { id: uniq(runner, 'hopeless'), trigger: { event: 'test/contract.hopeless' }, schema: z.object({ n: z.number() }), retries: 1 },
      async ({ n }) => {
        throw new Error(`Failed query: select * from users where pin = $1\nparams: ${n}`);
      },
    );
    const failedId = randomUUID();
    expect((await deliver(hopeless as unknown as AnyWorkflow, { id: failedId, data: { n: 4321 } })).status).toBe('failed');
    const failed = await readRun(hopeless.id, failedId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 2, errorCode: 'internal', error: INTERNAL_ERROR_MESSAGE });
  });

  it('timeout: a run past its timeout fails with code timeout', async () => {
    const workflow = defineWorkflow(
      { id: uniq(runner, 'timeout'), trigger: { event: 'test/contract.timeout' }, schema: z.object({}), timeout: 150, retries: 3 },
      async (_payload, step) => {
        await step.run('slow', () => new Promise((resolve) => setTimeout(() => resolve('late'), 400)));
        return step.run('after', async () => 'never reached in time');
      },
    );
    const eventId = randomUUID();
    expect((await deliver(workflow as unknown as AnyWorkflow, { id: eventId, data: {} })).status).toBe('failed');
    const run = await readRun(workflow.id, eventId);
    expect(run).toMatchObject({ status: 'failed', errorCode: 'timeout' });
    expect(run!.error).toMatch(/did not finish within its time limit/);
  });

  it('sendEvent: fan-out writes its events once per run, however often the run is retried', async () => {
    let calls = 0;
    const name = `test/contract.fanned-${runner.name}`;
    const workflow = defineWorkflow(
      { id: uniq(runner, 'fan-out'), trigger: { event: 'test/contract.fan-out' }, schema: z.object({ tenantId: z.uuid() }), retries: 2 },
      async ({ tenantId: tenant }, step) => {
        const sent = await step.sendEvent(
          'fan-out',
          [1, 2, 3].map((i) => ({ name, data: { i, tenantId: tenant } })),
        );
        if (++calls === 1) throw new Error('crash after the fan-out');
        return sent.ids.length;
      },
    );
    const eventId = randomUUID();
    const result = await deliver(workflow as unknown as AnyWorkflow, { id: eventId, data: { tenantId } });
    expect(result.status).toBe('succeeded');
    expect(calls).toBe(2);
    const rows = await systemQuery<{ n: number }>(
      sql`select count(*)::int as n from outbox where name = ${name} and tenant_id = ${tenantId}`,
    );
    expect(rows[0]!.n).toBe(3);
    expect(await readRun(workflow.id, eventId)).toMatchObject({ status: 'succeeded', attempts: 2, output: 3 });
  });

  it("invoke: a child run's output comes back to the parent, linked to it, and the parent's progress follows", async () => {
    const child = defineWorkflow(
      { id: uniq(runner, 'child'), trigger: { event: 'test/contract.child' }, schema: z.object({ n: z.number() }) },
      async ({ n }, step) => {
        await step.progress(60, 'Halfway');
        return { tenfold: n * 10 };
      },
    );
    let parentProgress: number | undefined;
    const parent = defineWorkflow(
      { id: uniq(runner, 'parent'), trigger: { event: 'test/contract.parent' }, schema: z.object({ n: z.number() }) },
      async ({ n }, step, ctx) => {
        const out = await step.invoke('child', child, { n });
        parentProgress = await step.run('peek', async () => (await readRunById(ctx.runId))?.progress);
        return { fromChild: out.tenfold, plusOne: out.tenfold + 1 };
      },
    );
    const parentEvent = randomUUID();
    const childEvent = randomUUID();
    // Under Inngest the invoke step is served by running the child's own function (test engine).
    const steps: StepMock[] =
      runner.name === 'inngest'
        ? [
            {
              id: 'child',
              handler: async () => {
                const parentRun = await readRun(parent.id, parentEvent);
                const out = await inngestRunner.deliver(child as unknown as AnyWorkflow, {
                  id: childEvent,
                  data: { n: 4, [PARENT_RUN_KEY]: parentRun!.id },
                });
                return out.output;
              },
            },
          ]
        : [];
    const result = await deliver(parent as unknown as AnyWorkflow, { id: parentEvent, data: { n: 4 } }, { steps });
    expect(result.status).toBe('succeeded');
    const parentRun = (await readRun(parent.id, parentEvent))!;
    expect(parentRun.output).toEqual({ fromChild: 40, plusOne: 41 });
    const children = await systemQuery<{ parent_run_id: string; status: string; output: unknown }>(
      sql`select parent_run_id, status, output from job_runs where workflow = ${child.id}`,
    );
    expect(children).toEqual([{ parent_run_id: parentRun.id, status: 'succeeded', output: { tenfold: 40 } }]);
    // The child finished (100) while the parent was still running: the parent's bar moved with it.
    expect(parentProgress).toBeGreaterThanOrEqual(60);
    expect(parentRun.progress).toBe(100);
  });
});

async function readRunById(id: string) {
  const rows = await systemQuery<{ progress: number }>(sql`select progress from job_runs where id = ${id}`);
  return rows[0];
}

describe('inline runner flow control', () => {
  // @inngest/test swallows a mocked step.invoke's error, so the Inngest side of this is the adapter test below.
  it('a failed child fails the parent with the child’s safe message', async () => {
    const child = defineWorkflow(
      { id: 'test-inline-bad-child', trigger: { event: 'test/contract.bad-child' }, schema: z.object({}), retries: 0 },
      async () => {
        throw new (await import('@/lib/errors/app-error')).AppError('conflict', 'The store is already being optimised.');
      },
    );
    const parent = defineWorkflow(
      { id: 'test-inline-sad-parent', trigger: { event: 'test/contract.sad-parent' }, schema: z.object({}), retries: 0 },
      async (_payload, step) => step.invoke('child', child, {}),
    );
    const eventId = randomUUID();
    expect((await inline.deliver(parent as unknown as AnyWorkflow, { id: eventId, data: {} })).status).toBe('failed');
    expect(await readRun(parent.id, eventId)).toMatchObject({
      status: 'failed',
      errorCode: 'conflict',
      error: `Child job ${child.id} failed: The store is already being optimised.`,
    });
  });

  it("sendEvent from a tenant's run cannot emit another workspace's events (RLS on the outbox insert)", async () => {
    const other = (await createTenant()).workspace.id;
    const name = 'test/contract.foreign-fan-out';
    const workflow = defineWorkflow(
      { id: 'test-inline-foreign-fan-out', trigger: { event: 'test/inline.foreign' }, schema: z.object({ tenantId: z.uuid() }), retries: 0 },
      async (_payload, step) => step.sendEvent('fan-out', [{ name, data: { x: 1 }, tenantId: other }]),
    );
    const result = await runInline(workflow, { id: randomUUID(), data: { tenantId } });
    expect(result.status).toBe('failed');
    expect(result.run).toMatchObject({ errorCode: 'internal' });
    expect(await systemQuery(sql`select id from outbox where name = ${name}`)).toEqual([]);
  });

  it('concurrency: at most `limit` runs per key value at once; other keys run alongside', async () => {
    const inFlight = new Map<string, number>();
    const peak = new Map<string, number>();
    const workflow = defineWorkflow(
      {
        id: 'test-inline-concurrency',
        trigger: { event: 'test/inline.concurrency' },
        schema: z.object({ storeId: z.string(), i: z.number() }),
        concurrency: { limit: 1, key: 'storeId' },
      },
      async ({ storeId }) => {
        inFlight.set(storeId, (inFlight.get(storeId) ?? 0) + 1);
        peak.set(storeId, Math.max(peak.get(storeId) ?? 0, inFlight.get(storeId)!));
        await new Promise((resolve) => setTimeout(resolve, 30));
        inFlight.set(storeId, inFlight.get(storeId)! - 1);
        return storeId;
      },
    );
    const events = ['s1', 's1', 's1', 's2', 's2'].map((storeId, i) => ({ id: randomUUID(), data: { storeId, i } }));
    const results = await Promise.all(events.map((e) => runInline(workflow, e)));
    expect(results.every((r) => r.status === 'succeeded')).toBe(true);
    expect(Object.fromEntries(peak)).toEqual({ s1: 1, s2: 1 });
  });

  it('two concurrency limits: one run per bot and at most two per workspace, both held at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const perBot = new Map<string, number>();
    let botPeak = 0;
    const workflow = defineWorkflow(
      {
        id: 'test-inline-two-limits',
        trigger: { event: 'test/inline.two-limits' },
        schema: z.object({ tenantId: z.string(), botId: z.string() }),
        concurrency: [
          { limit: 1, key: 'botId' },
          { limit: 2, key: 'tenantId' },
        ],
      },
      async ({ botId }) => {
        inFlight++;
        perBot.set(botId, (perBot.get(botId) ?? 0) + 1);
        peak = Math.max(peak, inFlight);
        botPeak = Math.max(botPeak, perBot.get(botId)!);
        await new Promise((resolve) => setTimeout(resolve, 20));
        perBot.set(botId, perBot.get(botId)! - 1);
        inFlight--;
        return botId;
      },
    );
    const events = ['b1', 'b1', 'b2', 'b3', 'b4', 'b5'].map((botId) => ({ id: randomUUID(), data: { tenantId: 't1', botId } }));
    const results = await Promise.all(events.map((e) => runInline(workflow, e)));
    expect(results.every((r) => r.status === 'succeeded')).toBe(true);
    expect(peak).toBe(2);
    expect(botPeak).toBe(1);
    expect(workflowFunction(workflow as unknown as AnyWorkflow).opts.concurrency).toEqual([
      { limit: 1, key: 'event.data.botId' },
      { limit: 2, key: 'event.data.tenantId' },
    ]);
  });

  it('throttle: starts are spread evenly over the period per key (as Inngest does), later ones wait their turn', async () => {
    let clock = 1_000_000;
    const waited: number[] = [];
    const restoreClock = configureInlineRunner({
      now: () => clock,
      sleep: async (ms) => {
        waited.push(ms);
        clock += ms;
      },
    });
    try {
      const starts: Array<[string, number]> = [];
      const workflow = defineWorkflow(
        {
          id: 'test-inline-throttle',
          trigger: { event: 'test/inline.throttle' },
          schema: z.object({ exchange: z.string() }),
          throttle: { limit: 2, period: '1m', key: 'exchange' },
        },
        async ({ exchange }) => void starts.push([exchange, clock - 1_000_000]),
      );
      for (const exchange of ['bybit', 'bybit', 'bybit', 'phemex']) {
        await runInline(workflow, { id: randomUUID(), data: { exchange } });
      }
      // 2 per minute: one every 30 s for bybit; phemex has its own schedule and starts at once.
      expect(starts).toEqual([
        ['bybit', 0],
        ['bybit', 30_000],
        ['bybit', 60_000],
        ['phemex', 60_000],
      ]);
      expect(waited).toEqual([30_000, 30_000]);
    } finally {
      restoreClock();
    }
  });

  it('cron: a duplicated tick (same workflow, same minute) runs once', async () => {
    const { runDueCronWorkflows } = await import('@/lib/jobs/cron-ticker');
    let calls = 0;
    const workflow = defineWorkflow({ id: 'test-inline-cron', trigger: { cron: 'TZ=UTC */5 * * * *' } }, async () => ++calls);
    const tick = new Date('2030-01-01T10:05:00Z');
    await runDueCronWorkflows(tick, [workflow as unknown as AnyWorkflow]);
    await runDueCronWorkflows(new Date('2030-01-01T10:05:40Z'), [workflow as unknown as AnyWorkflow]);
    await runDueCronWorkflows(new Date('2030-01-01T10:06:00Z'), [workflow as unknown as AnyWorkflow]);
    expect(calls).toBe(1);
    expect(await runsOf(workflow.id)).toEqual([
      expect.objectContaining({ status: 'succeeded', attempts: 1, idempotency_key: 'cron:test-inline-cron:2030-01-01T10:05:00.000Z' }),
    ]);
  });
});

describe('Inngest adapter', () => {
  it("step.invoke: a failed child (Inngest's StepError around the child's wire error) fails the step with the child's code and message", async () => {
    const { inngestWorkflowStep } = await import('@/inngest/functions/workflow-function');
    const { StepError } = await import('inngest');
    const child = defineWorkflow(
      { id: 'test-adapter-child', trigger: { event: 'test/adapter.child' }, schema: z.object({}) },
      async () => 1,
    );
    const parent = child as unknown as AnyWorkflow;
    const wire = { name: 'WorkflowError[conflict]', message: 'The store is already being optimised.' };
    const fakeStep = { invoke: async () => Promise.reject(new StepError('child', wire)) } as unknown as Parameters<
      typeof inngestWorkflowStep
    >[0];
    const run = { id: randomUUID() } as JobRun;
    const step = inngestWorkflowStep(fakeStep, parent, run, { tenantId: null } as never, null);
    await expect(step.invoke('child', child, {})).rejects.toMatchObject({
      name: 'ChildWorkflowError',
      code: 'conflict',
      message: 'Child job test-adapter-child failed: The store is already being optimised.',
    });
  });

  it('a step past the deadline is refused with code timeout (a suspended execution never fires a timer)', async () => {
    const { inngestWorkflowStep } = await import('@/inngest/functions/workflow-function');
    const workflow = defineWorkflow(
      { id: 'test-adapter-late', trigger: { event: 'test/adapter.late' }, schema: z.object({}), timeout: '1s' },
      async () => 1,
    );
    let ran = false;
    const fakeStep = { run: async (_id: string, fn: () => Promise<unknown>) => fn(), sleep: async () => {} } as unknown as Parameters<
      typeof inngestWorkflowStep
    >[0];
    const step = inngestWorkflowStep(
      fakeStep,
      workflow as unknown as AnyWorkflow,
      { id: randomUUID() } as JobRun,
      { tenantId: null } as never,
      Date.now() - 1,
    );
    await expect(step.run('late', async () => (ran = true))).rejects.toMatchObject({ name: 'NonRetriableError' });
    await expect(step.sleep('nap', '1m')).rejects.toMatchObject({ code: 'timeout' });
    expect(ran).toBe(false);
  });
});

describe('Inngest function config', () => {
  it('carries concurrency, throttle, idempotency, timeout, retries and the cron trigger', () => {
    const payload = z.object({ tenantId: z.string(), storeId: z.string() });
    const workflow = defineWorkflow(
      {
        id: 'test-inngest-config',
        trigger: { event: 'test/inngest.config' },
        schema: payload,
        concurrency: { limit: 2, key: ['tenantId', 'storeId'] },
        throttle: { limit: 10, period: '1m', key: 'tenantId' },
        idempotency: 'storeId',
        retries: 7,
        timeout: '15m',
      },
      async () => null,
    );
    const fn = workflowFunction(workflow as unknown as AnyWorkflow);
    expect(fn.opts).toMatchObject({
      id: 'test-inngest-config',
      retries: 7,
      concurrency: { limit: 2, key: 'event.data.tenantId + "-" + event.data.storeId' },
      throttle: { limit: 10, period: '1m', key: 'event.data.tenantId' },
      idempotency: 'event.data.storeId',
      timeouts: { finish: '900s' },
    });
    const cron = defineWorkflow({ id: 'test-inngest-cron', trigger: { cron: 'TZ=UTC 0 * * * *' } }, async () => null);
    const cronFn = workflowFunction(cron as unknown as AnyWorkflow);
    expect(cronFn.opts.triggers).toEqual([{ cron: 'TZ=UTC 0 * * * *' }]);
    // Cron workflows run one at a time by default.
    expect(cronFn.opts.concurrency).toEqual({ limit: 1 });
  });
});
