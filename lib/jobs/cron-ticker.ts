import { getLogger } from '@/lib/observability/logger';
import { workflowBackend } from './backend';
import { cronMatches } from './cron-expression';
import type { AnyWorkflow } from './define-workflow';
import { loggableError } from '@/lib/observability/error-chain';
import { runInline } from './inline-runner';
import { afterCommitDispatch } from './outbox';

type Ticker = { timer: ReturnType<typeof setTimeout> | null; running: Set<string>; workflows: readonly AnyWorkflow[] | null };

// Next may load this module in several bundles; one ticker per process lives on globalThis.
const holder = globalThis as unknown as { __tesseraCronTicker?: Ticker };

/** One event id per workflow and minute: a tick seen twice (two timers, a restart) is one run. */
export function cronEventId(workflow: Pick<AnyWorkflow, 'id'>, at: Date): string {
  const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
  return `cron:${workflow.id}:${minute.toISOString()}`;
}

/**
 * Runs the cron workflows due at `at` (its minute) through the inline runner, skipping any whose
 * previous run is still going so a slow job never piles up. Returns the ids started. Exposed for
 * tests and for a manual tick.
 */
export async function runDueCronWorkflows(
  at: Date,
  workflows: readonly AnyWorkflow[],
  running = new Set<string>(),
  run: (workflow: AnyWorkflow, event: { id: string; data: unknown }) => Promise<unknown> = runInline,
): Promise<string[]> {
  const due = workflows.filter((w) => w.cron !== null && cronMatches(w.cron, at) && !running.has(w.id));
  await Promise.all(
    due.map(async (workflow) => {
      running.add(workflow.id);
      try {
        await run(workflow, { id: cronEventId(workflow, at), data: {} });
      } catch (error) {
        getLogger({ module: 'cron' }).warn({ workflow: workflow.id, error: loggableError(error) }, 'cron workflow could not run');
      } finally {
        running.delete(workflow.id);
      }
    }),
  );
  return due.map((workflow) => workflow.id);
}

function msToNextMinute(now: number): number {
  return 60_000 - (now % 60_000) + 50;
}

async function loadCronWorkflows(): Promise<AnyWorkflow[]> {
  // Lazily: the catalog imports the workflow list, which imports the modules, which import lib/jobs.
  const { cronWorkflows } = await import('./catalog');
  return cronWorkflows();
}

/**
 * Starts the zero-config ticker once per process (call from the server's start-up). Under
 * Inngest it does nothing: the same cron workflows are Inngest cron functions there. Returns
 * whether it started.
 */
export function startCronTicker(options: { workflows?: readonly AnyWorkflow[]; force?: boolean } = {}): boolean {
  if (holder.__tesseraCronTicker) return false;
  if (!options.force && workflowBackend() !== 'inline') return false;
  const ticker: Ticker = { timer: null, running: new Set(), workflows: options.workflows ?? null };
  holder.__tesseraCronTicker = ticker;
  const schedule = () => {
    ticker.timer = setTimeout(() => {
      void (async () => {
        ticker.workflows ??= await loadCronWorkflows();
        await runDueCronWorkflows(new Date(), ticker.workflows, ticker.running);
      })().catch((error: unknown) => getLogger({ module: 'cron' }).error({ error: loggableError(error) }, 'cron tick failed'));
      if (holder.__tesseraCronTicker === ticker) schedule();
    }, msToNextMinute(Date.now()));
    // The ticker alone must not keep a script or test process alive.
    ticker.timer.unref?.();
  };
  schedule();
  // Events left pending by the previous process go out now rather than at the first tick.
  void afterCommitDispatch();
  return true;
}

export function stopCronTicker(): void {
  const ticker = holder.__tesseraCronTicker;
  if (ticker?.timer) clearTimeout(ticker.timer);
  holder.__tesseraCronTicker = undefined;
}

export function cronTickerRunning(): boolean {
  return Boolean(holder.__tesseraCronTicker);
}
