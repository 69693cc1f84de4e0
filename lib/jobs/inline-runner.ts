import { getLogger } from '@/lib/observability/logger';
import type { Workflow, WorkflowPayload } from './define-workflow';
import type { JobRun } from './job-runs';
import { executeAttempt, recordRunProgress } from './run-recorder';
import { durationMs, type WorkflowStep } from './step';

/**
 * Zero-config runner: executes a workflow in this process once its event is dispatched. Step
 * results are remembered per run in memory, so retries skip completed steps; a process restart
 * forgets them and the run's steps execute again (at least once, like any retry).
 */

export type InlineRunnerConfig = {
  /** How the runner waits (step.sleep, retry backoff). Tests replace it to skip time. */
  sleep: (ms: number) => Promise<void>;
  /** step.sleep longer than this waits only this long: an in-process timer dies with the process anyway. */
  maxSleepMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
};

export type InlineRunResult = { status: 'succeeded' | 'failed'; run: JobRun; output?: unknown; error?: string; replayed: boolean };

const MEMO_LIMIT = 1_000;

type State = {
  config: InlineRunnerConfig;
  memo: Map<string, Map<string, unknown>>;
  active: Map<string, Promise<InlineRunResult>>;
  slots: Map<string, { running: number; waiting: Array<() => void> }>;
};

const defaults: InlineRunnerConfig = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  maxSleepMs: 6 * 3_600_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 5 * 60_000,
};

const holder = globalThis as unknown as { __tesseraInlineRunner?: State };

function state(): State {
  holder.__tesseraInlineRunner ??= { config: { ...defaults }, memo: new Map(), active: new Map(), slots: new Map() };
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

export function retryBackoffMs(retry: number, config: InlineRunnerConfig = state().config): number {
  return Math.min(config.backoffMaxMs, config.backoffBaseMs * 2 ** retry);
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

function inlineStep(workflowName: string, runId: string): WorkflowStep {
  const steps = memoFor(runId);
  // Like Inngest, a step id used again in the same execution (a loop) becomes id:1, id:2…
  const seen = new Map<string, number>();
  const key = (id: string) => {
    const count = seen.get(id) ?? 0;
    seen.set(id, count + 1);
    return count ? `${id}:${count}` : id;
  };
  return {
    async run<T>(id: string, fn: () => Promise<T>): Promise<T> {
      const k = `run:${key(id)}`;
      if (steps.has(k)) return steps.get(k) as T;
      const result = asJson(await fn());
      steps.set(k, result);
      return result;
    },
    async sleep(id: string, duration: string | number): Promise<void> {
      const k = `sleep:${key(id)}`;
      if (steps.has(k)) return;
      const { config } = state();
      await config.sleep(Math.min(durationMs(duration), config.maxSleepMs));
      steps.set(k, true);
    },
    progress(percent: number, message?: string): Promise<void> {
      return recordRunProgress(workflowName, runId, percent, message);
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

function concurrencySlot(workflow: { name: string; concurrencyKey?: string }, data: unknown): string | null {
  if (!workflow.concurrencyKey || typeof data !== 'object' || data === null) return null;
  const value = (data as Record<string, unknown>)[workflow.concurrencyKey];
  return value === undefined || value === null ? null : `${workflow.name}:${String(value)}`;
}

async function runAttempts<P extends WorkflowPayload, O>(workflow: Workflow<P, O>, eventId: string, data: unknown): Promise<InlineRunResult> {
  for (let retry = 0; ; retry++) {
    const outcome = await executeAttempt({
      workflow,
      eventId,
      data,
      attempt: 'next',
      isFinalAttempt: retry >= workflow.retries,
      step: (runId) => inlineStep(workflow.name, runId),
    });
    if (outcome.status === 'succeeded') {
      state().memo.delete(outcome.run.id);
      return { status: 'succeeded', run: outcome.run, output: outcome.output, replayed: outcome.replayed };
    }
    if (outcome.status === 'failed') {
      return { status: 'failed', run: outcome.run, error: outcome.run.error ?? String(outcome.error), replayed: false };
    }
    await state().config.sleep(retryBackoffMs(retry));
  }
}

/**
 * Runs `workflow` for one event. A second call for the same event while the first is running
 * gets the first's result; after it finished, the recorded run decides (a success is reported,
 * not repeated).
 */
export function runInline<P extends WorkflowPayload, O>(
  workflow: Workflow<P, O>,
  event: { id: string; data: unknown },
): Promise<InlineRunResult> {
  const { active } = state();
  const key = `${workflow.name}:${event.id}`;
  const running = active.get(key);
  if (running) return running;
  const promise = withSlot(concurrencySlot(workflow, event.data), workflow.concurrencyLimit, () =>
    runAttempts(workflow, event.id, event.data),
  )
    .catch((error: unknown) => {
      // Only the recording itself (the database) can land here; the outbox sweep will not retry it.
      getLogger({ module: 'jobs' }).error({ workflow: workflow.name, eventId: event.id, err: error }, 'inline run could not be recorded');
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
