import type { Workflow, WorkflowPayload } from './define-workflow';

/**
 * What a workflow may do besides plain code. Both runners implement it: the inline runner in
 * process, the Inngest adapter over Inngest's durable `step`. Step results must be JSON: Inngest
 * stores them serialized, so a Date comes back as a string there.
 */
export interface WorkflowStep {
  /** Runs `fn` once per run: a retry or replay returns the recorded result instead of calling it again. */
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
  /** Waits `duration` (ms, or '30s', '5m', '2h', '1d'); a replay past it does not wait again. */
  sleep(id: string, duration: string | number): Promise<void>;
  /** Moves the run's progress bar; never backwards, so a replay cannot make it jump back. */
  progress(percent: number, message?: string): Promise<void>;
  /**
   * Fan-out: writes the events to the outbox in one insert (once per run, however often the run
   * is retried or replayed) and has them dispatched. A tenant run may only emit its own tenant's
   * events (its insert runs under withTenant); a platform run (cron) may emit anyone's.
   */
  sendEvent(id: string, events: StepEvent | readonly StepEvent[]): Promise<{ ids: string[] }>;
  /**
   * Runs `workflow` as a child of this run and returns its output; a failed child fails this
   * step with the child's safe message. The child's job_runs row points at this run, and this
   * run's progress follows the children's (for children started together, e.g. Promise.all).
   */
  invoke<P extends WorkflowPayload, O>(id: string, workflow: Workflow<P, O, string>, payload: P): Promise<O>;
}

/** An event for step.sendEvent: as for enqueueEvent, the tenant defaults to data.tenantId. */
export type StepEvent = { name: string; data: Record<string, unknown>; tenantId?: string | null };

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** '1h30m', '45s', '250ms' or a number of milliseconds. */
export function durationMs(duration: string | number): number {
  if (typeof duration === 'number') {
    if (!Number.isFinite(duration) || duration < 0) throw new Error(`invalid duration: ${duration}`);
    return duration;
  }
  const parts = [...duration.trim().matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)];
  const consumed = parts.map((p) => p[0]).join('');
  if (!parts.length || consumed !== duration.trim().replace(/\s+/g, '')) throw new Error(`invalid duration: ${duration}`);
  return parts.reduce((sum, [, value, unit]) => sum + Number(value) * UNIT_MS[unit as keyof typeof UNIT_MS], 0);
}
