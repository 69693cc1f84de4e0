import { getLogger } from '@/lib/observability/logger';
import { backoffMs, type AnyWorkflow, type Workflow, type WorkflowContext, type WorkflowPayload } from './define-workflow';
import { loggableError } from '@/lib/observability/error-chain';
import { ChildWorkflowError } from './errors';
import type { JobRun } from './job-runs';
import { sendEventsFromRun } from './run-events';
import { executeAttempt, recordRunProgress } from './run-recorder';
import { durationMs, type StepEvent, type WorkflowStep } from './step';
import { evaluateKey } from './workflow-key';

/**
 * Zero-config runner: executes a workflow in this process once its event is dispatched, with the
 * same options Inngest honours — concurrency (limit, key), throttle (limit per period, key),
 * idempotency (24 h, through job_runs), retries with the workflow's backoff, timeout. Step
 * results are remembered per run in memory, so retries skip completed steps; a process restart
 * forgets them and the run's steps execute again (at least once, like any retry).
 */

export type InlineRunnerConfig = {
  /** How the runner waits (step.sleep, retry backoff, throttle). Tests replace it to skip time. */
  sleep: (ms: number) => Promise<void>;
  /** The clock throttling reads; tests pair it with `sleep`. */
  now: () => number;
  /** step.sleep longer than this waits only this long: an in-process timer dies with the process anyway. */
  maxSleepMs: number;
  /** Tests: overrides every workflow's backoff so retries don't wait. */
  backoffOverride: { initialMs: number; maxMs: number } | null;
};

export type InlineRunResult = {
  /** `skipped`: the idempotency key already ran within 24 h; `run` is that earlier run. */
  status: 'succeeded' | 'failed' | 'skipped';
  run: JobRun;
  output?: unknown;
  error?: string;
  replayed: boolean;
};

/** An event for runInline; `parentRunId` links a child started by step.invoke. */
export type InlineEvent = { id: string; data: unknown; parentRunId?: string | null };

const MEMO_LIMIT = 1_000;

type Slot = { running: number; waiting: Array<() => void> };

type State = {
  config: InlineRunnerConfig;
  memo: Map<string, Map<string, unknown>>;
  active: Map<string, Promise<InlineRunResult>>;
  slots: Map<string, Slot>;
  /** Per throttle key, the earliest time the next run may start (GCRA's theoretical arrival time). */
  throttles: Map<string, number>;
};

const defaults: InlineRunnerConfig = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
  maxSleepMs: 6 * 3_600_000,
  backoffOverride: null,
};

const holder = globalThis as unknown as { __tesseraInlineRunner?: State };

function state(): State {
  holder.__tesseraInlineRunner ??= { config: { ...defaults }, memo: new Map(), active: new Map(), slots: new Map(), throttles: new Map() };
  holder.__tesseraInlineRunner.throttles ??= new Map();
  return holder.__tesseraInlineRunner;
}

/** Changes the runner's timing (tests); returns a function that restores the previous config. */
export function configureInlineRunner(changes: Partial<InlineRunnerConfig>): () => void {
  const s = state();
  const previous = s.config;
  s.config = { ...previous, ...changes };
  return () => {
    s.config = previous;
  };
}

export function retryBackoffMs(workflow: Pick<AnyWorkflow, 'backoff'>, retry: number): number {
  return backoffMs(state().config.backoffOverride ?? workflow.backoff, retry);
}

/** Inngest stores step results as JSON; doing the same here keeps a workflow from relying on anything else. */
function asJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function memoFor(runId: string): Map<string, unknown> {
  const { memo } = state();
  let steps = memo.get(runId);
  if (!steps) {
    steps = new Map();
    memo.set(runId, steps);
    if (memo.size > MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  }
  return steps;
}

function inlineStep(workflow: AnyWorkflow, run: JobRun, ctx: WorkflowContext): WorkflowStep {
  const steps = memoFor(run.id);
  // Like Inngest, a step id used again in the same execution (a loop) becomes id:1, id:2…
  const seen = new Map<string, number>();
  const key = (id: string) => {
    const count = seen.get(id) ?? 0;
    seen.set(id, count + 1);
    return count ? `${id}:${count}` : id;
  };
  const memoised = async <T>(k: string, fn: () => Promise<T>): Promise<T> => {
    if (steps.has(k)) return steps.get(k) as T;
    const result = asJson(await fn());
    steps.set(k, result);
    return result;
  };
  return {
    run: <T>(id: string, fn: () => Promise<T>) => memoised(`run:${key(id)}`, fn),
    async sleep(id: string, duration: string | number): Promise<void> {
      const k = `sleep:${key(id)}`;
      if (steps.has(k)) return;
      const { config } = state();
      await config.sleep(Math.min(durationMs(duration), config.maxSleepMs));
      steps.set(k, true);
    },
    progress(percent: number, message?: string): Promise<void> {
      return recordRunProgress(workflow.name, run.id, percent, message);
    },
    sendEvent(id: string, events: StepEvent | readonly StepEvent[]) {
      return memoised(`send:${key(id)}`, () => sendEventsFromRun(workflow.name, ctx, events));
    },
    invoke<P extends WorkflowPayload, O>(id: string, child: Workflow<P, O, string>, payload: P): Promise<O> {
      const stepKey = key(id);
      return memoised(`invoke:${stepKey}`, async () => {
        // A stable child event id: a retried parent finds its child's recorded run instead of starting another.
        const result = await runInline(child, { id: `${run.id}:${stepKey}`, data: child.schema.parse(payload), parentRunId: run.id });
        if (result.status === 'failed') {
          throw new ChildWorkflowError(child.name, { code: result.run.errorCode ?? 'internal', message: result.run.error ?? 'failed' });
        }
        return result.run.output as O;
      });
    },
  };
}

async function withSlot<T>(key: string | null, limit: number, fn: () => Promise<T>): Promise<T> {
  if (!key) return fn();
  const { slots } = state();
  let slot = slots.get(key);
  if (!slot) {
    slot = { running: 0, waiting: [] };
    slots.set(key, slot);
  }
  if (slot.running >= limit) await new Promise<void>((resolve) => slot.waiting.push(resolve));
  slot.running++;
  try {
    return await fn();
  } finally {
    slot.running--;
    const next = slot.waiting.shift();
    if (next) next();
    else if (slot.running === 0) slots.delete(key);
  }
}

/** `workflow` or `workflow:<key value>`; a key that cannot be read (invalid payload) shares the workflow's slot. */
function scopedKey(workflow: AnyWorkflow, fields: readonly string[] | null, data: unknown): string {
  if (!fields) return workflow.name;
  try {
    return `${workflow.name}:${evaluateKey(fields, data)}`;
  } catch {
    return workflow.name;
  }
}

/**
 * Inngest's throttle, in-process: starts are spread evenly over the period (one every
 * period / limit, burst 1 — Inngest's default), per key value; a start over the limit waits for
 * its slot, it is never dropped. The slot is reserved before waiting, so waiters queue in order.
 */
async function awaitThrottle(workflow: AnyWorkflow, data: unknown): Promise<void> {
  const throttle = workflow.throttle;
  if (!throttle) return;
  const key = scopedKey(workflow, throttle.key, data);
  const { throttles, config } = state();
  const now = config.now();
  const startAt = Math.max(now, throttles.get(key) ?? now);
  throttles.set(key, startAt + throttle.periodMs / throttle.limit);
  if (startAt > now) await config.sleep(startAt - now);
}

async function runAttempts(workflow: AnyWorkflow, event: InlineEvent): Promise<InlineRunResult> {
  for (let retry = 0; ; retry++) {
    const outcome = await executeAttempt({
      workflow,
      eventId: event.id,
      data: event.data,
      attempt: 'next',
      isFinalAttempt: retry >= workflow.retries,
      parentRunId: event.parentRunId ?? null,
      step: (run, ctx) => inlineStep(workflow, run, ctx),
      raceDeadline: true,
    });
    if (outcome.status === 'skipped') return { status: 'skipped', run: outcome.run, output: outcome.run.output, replayed: false };
    if (outcome.status === 'succeeded') {
      state().memo.delete(outcome.run.id);
      return { status: 'succeeded', run: outcome.run, output: outcome.output, replayed: outcome.replayed };
    }
    if (outcome.status === 'failed') {
      state().memo.delete(outcome.run.id);
      return { status: 'failed', run: outcome.run, error: outcome.run.error ?? 'failed', replayed: false };
    }
    await state().config.sleep(retryBackoffMs(workflow, retry));
  }
}

/**
 * Runs `workflow` for one event. A second call for the same event while the first is running
 * gets the first's result; after it finished, the recorded run decides (a success is reported,
 * not repeated). Throttle applies to the start, the concurrency slot to the whole run.
 */
export function runInline<P extends WorkflowPayload, O>(workflow: Workflow<P, O, string>, event: InlineEvent): Promise<InlineRunResult> {
  const erased = workflow as unknown as AnyWorkflow;
  const { active } = state();
  const key = `${workflow.name}:${event.id}`;
  const running = active.get(key);
  if (running) return running;
  const { concurrency, extraConcurrency: extra } = erased;
  const promise = (async () => {
    await awaitThrottle(erased, event.data);
    // Both limits' slots, always the first one first, so two runs never wait on each other's.
    return withSlot(concurrency ? scopedKey(erased, concurrency.key, event.data) : null, concurrency?.limit ?? 1, () =>
      withSlot(extra ? `${scopedKey(erased, extra.key, event.data)}#2` : null, extra?.limit ?? 1, () => runAttempts(erased, event)),
    );
  })()
    .catch((error: unknown) => {
      // Only the recording itself (the database) can land here; the outbox sweep will not retry it.
      getLogger({ module: 'jobs' }).error(
        { workflow: workflow.name, eventId: event.id, error: loggableError(error) },
        'inline run could not be recorded',
      );
      throw error;
    })
    .finally(() => active.delete(key));
  active.set(key, promise);
  return promise;
}

/** Resolves when every inline run started so far has finished (tests, graceful shutdown). */
export async function inlineRunsSettled(): Promise<void> {
  const { active } = state();
  while (active.size) await Promise.allSettled([...active.values()]);
}
