import { getLogger } from '@/lib/observability/logger';
import { workflowBackend } from './backend';
import { cronJobs, type CronJob } from './cron-jobs';
import { cronMatches, parseCron } from './cron-expression';
import { afterCommitDispatch } from './outbox';

type Ticker = { timer: ReturnType<typeof setTimeout> | null; running: Set<string>; jobs: readonly CronJob[] };

// Next may load this module in several bundles; one ticker per process lives on globalThis.
const holder = globalThis as unknown as { __tesseraCronTicker?: Ticker };

/**
 * Runs the jobs due at `at` (its minute), skipping any whose previous run is still going so a
 * slow job never piles up. Returns the ids started. Exposed for tests and for a manual tick.
 */
export async function runDueCronJobs(at: Date, jobs: readonly CronJob[] = cronJobs, running = new Set<string>()): Promise<string[]> {
  const due = jobs.filter((job) => cronMatches(job.schedule, at) && !running.has(job.id));
  await Promise.all(
    due.map(async (job) => {
      running.add(job.id);
      try {
        await job.run();
      } catch (error) {
        getLogger({ module: 'cron' }).warn({ job: job.id, err: error }, 'cron job failed');
      } finally {
        running.delete(job.id);
      }
    }),
  );
  return due.map((job) => job.id);
}

function msToNextMinute(now: number): number {
  return 60_000 - (now % 60_000) + 50;
}

/**
 * Starts the zero-config ticker once per process (call from the server's start-up). Under
 * Inngest it does nothing: Inngest's cron triggers own the schedule. Returns whether it started.
 */
export function startCronTicker(options: { jobs?: readonly CronJob[]; force?: boolean } = {}): boolean {
  if (holder.__tesseraCronTicker) return false;
  if (!options.force && workflowBackend() !== 'inline') return false;
  const jobs = options.jobs ?? cronJobs;
  for (const job of jobs) parseCron(job.schedule);
  const ticker: Ticker = { timer: null, running: new Set(), jobs };
  holder.__tesseraCronTicker = ticker;
  const schedule = () => {
    ticker.timer = setTimeout(() => {
      void runDueCronJobs(new Date(), ticker.jobs, ticker.running);
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
