import { tenantContext, withSystem, type SystemReason } from '@/db/tenant';
import { getLogger } from '@/lib/observability/logger';
import { recordJobRun } from '@/lib/observability/metrics';
import type { Workflow, WorkflowContext, WorkflowPayload } from './define-workflow';
import { loggableError } from '@/lib/observability/error-chain';
import { NonRetriableWorkflowError, WorkflowTimeoutError, safeError } from './errors';
import { cancelJobRun, failJobRun, findJobRun, recordAttempt, recordAttemptError, recordProgress, startJobRun, succeedJobRun, type JobRun } from './job-runs';
import type { WorkflowStep } from './step';
import { evaluateKey } from './workflow-key';

/**
 * The one recording path both runners share: find or create the job_runs row (or find that the
 * idempotency key already ran), skip a run that already succeeded, enforce the timeout, record
 * the attempt, run the workflow, record the outcome with a safe error. Runners differ only in
 * the step they provide and in how they retry.
 */

export type AttemptNumber =
  /** Inline runner: every call is a new attempt. */
  | 'next'
  /** Inngest: the handler runs once per step, all reporting the same 1-based attempt. */
  | number;

export type AttemptOutcome<O> =
  | { status: 'succeeded'; run: JobRun; output: O; replayed: boolean }
  | { status: 'retry'; run: JobRun; error: unknown }
  | { status: 'failed'; run: JobRun; error: unknown; retriable: false }
  /** The idempotency key already ran within 24 h (`run` is that earlier run): nothing was started. */
  | { status: 'skipped'; run: JobRun };

export type AttemptRequest<P extends WorkflowPayload, O> = {
  workflow: Workflow<P, O>;
  eventId: string;
  data: unknown;
  attempt: AttemptNumber;
  /** No retry follows this attempt, so an error fails the run. */
  isFinalAttempt: boolean;
  /** Errors the runner knows cannot be retried (Inngest: a step already out of retries). */
  isFinalError?: (error: unknown) => boolean;
  /** The run that invoked this one (step.invoke). */
  parentRunId?: string | null;
  /**
   * The step interface for this run. `deadline` (epoch ms, or null) lets a runner refuse to start
   * a step past the timeout (Inngest, whose executions may be abandoned mid-run).
   */
  step: (run: JobRun, ctx: WorkflowContext, deadline: number | null) => WorkflowStep;
  /**
   * Fail the attempt the moment the deadline passes (inline). Off for Inngest: an execution
   * suspended at a step must not fire a timer later; there the steps check the deadline and
   * Inngest's own `timeouts.finish` backs it up.
   */
  raceDeadline: boolean;
};

const log = () => getLogger({ module: 'jobs' });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reserved event-data key carrying the parent run id through Inngest's step.invoke. */
export const PARENT_RUN_KEY = '__parentRunId';

function tenantOf(data: unknown): string | null {
  const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).tenantId : undefined;
  return typeof value === 'string' && UUID.test(value) ? value : null;
}

function withoutMeta(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || !(PARENT_RUN_KEY in data)) return data;
  const rest = { ...(data as Record<string, unknown>) };
  delete rest[PARENT_RUN_KEY];
  return rest;
}

export function parentRunOf(data: unknown): string | null {
  const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[PARENT_RUN_KEY] : undefined;
  return typeof value === 'string' && UUID.test(value) ? value : null;
}

export function workflowContext(run: JobRun, eventId: string, attempt: number): WorkflowContext {
  const tenantId = run.tenantId;
  return Object.freeze({
    runId: run.id,
    eventId,
    attempt,
    tenantId,
    parentRunId: run.parentRunId,
    asTenant() {
      if (!tenantId) throw new NonRetriableWorkflowError(`run ${run.id} has no tenant`, { code: 'no_tenant' });
      // A workflow acts for the workspace, not for a person; admin (not owner) so owner-only
      // actions still need an explicit actor.
      return tenantContext({ tenantId, userId: null, role: 'admin', via: 'workflow' });
    },
  });
}

function reason(workflow: { name: string }, what: string): SystemReason {
  return `workflows: ${workflow.name} ${what}`;
}

/** Rejects at the deadline; the work itself cannot be cancelled and finishes in the background. */
async function withinDeadline<T>(work: Promise<T>, deadline: number | null, error: () => Error): Promise<T> {
  if (deadline === null) return work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), Math.max(0, deadline - Date.now()));
    timer.unref?.();
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

export async function executeAttempt<P extends WorkflowPayload, O>(request: AttemptRequest<P, O>): Promise<AttemptOutcome<O>> {
  const { workflow, eventId } = request;
  const data = withoutMeta(request.data);
  const parsed = workflow.schema.safeParse(data);
  const tenantId = tenantOf(parsed.success ? parsed.data : data);
  let dedupeKey: string | null = null;
  if (workflow.idempotency && parsed.success) dedupeKey = evaluateKey(workflow.idempotency, parsed.data);

  const started = await withSystem(reason(workflow, 'start'), async (tx) => {
    const found = await startJobRun(tx, {
      workflow: workflow.name,
      idempotencyKey: eventId,
      tenantId,
      input: data,
      dedupeKey,
      parentRunId: request.parentRunId ?? null,
      attempt: request.attempt === 'next' ? 1 : request.attempt,
    });
    if (found.duplicateOf) return { kind: 'skipped' as const, run: found.duplicateOf };
    const run = found.run;
    if (found.created) return { kind: 'run' as const, run };
    if (run.status === 'succeeded') return { kind: 'replay' as const, run };
    // A run whose earlier attempts already used up its time fails without another attempt.
    if (workflow.timeoutMs !== null && run.startedAt && Date.now() - run.startedAt.getTime() >= workflow.timeoutMs) {
      return { kind: 'expired' as const, run };
    }
    const attempt = await recordAttempt(tx, run.id, request.attempt === 'next' ? run.attempts + 1 : request.attempt);
    return { kind: 'run' as const, run: attempt ?? run };
  });
  if (started.kind === 'skipped') {
    log().info({ workflow: workflow.name, eventId, duplicateOf: started.run.id }, 'idempotency key already ran; no second run');
    return { status: 'skipped', run: started.run };
  }
  if (started.kind === 'replay') {
    return { status: 'succeeded', run: started.run, output: started.run.output as O, replayed: true };
  }
  const run = started.run;

  let outcome: AttemptOutcome<O>;
  try {
    if (started.kind === 'expired') throw new WorkflowTimeoutError(workflow.name, workflow.timeoutMs!);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
      throw new NonRetriableWorkflowError(`The job ${workflow.name} was started with invalid input (${fields}).`, {
        code: 'invalid_payload',
      });
    }
    const ctx = workflowContext(run, eventId, run.attempts - 1);
    const deadline = workflow.timeoutMs !== null && run.startedAt ? run.startedAt.getTime() + workflow.timeoutMs : null;
    const output = await withinDeadline(
      workflow.run(parsed.data, request.step(run, ctx, deadline), ctx),
      request.raceDeadline ? deadline : null,
      () => new WorkflowTimeoutError(workflow.name, workflow.timeoutMs!),
    );
    const done = await withSystem(reason(workflow, 'succeeded'), (tx) => succeedJobRun(tx, run.id, output));
    outcome = { status: 'succeeded', run: done ?? run, output, replayed: false };
  } catch (error) {
    const final = request.isFinalAttempt || error instanceof NonRetriableWorkflowError || Boolean(request.isFinalError?.(error));
    const safe = safeError(error);
    if (final) {
      const failed = await withSystem(reason(workflow, 'failed'), (tx) => failJobRun(tx, run.id, safe));
      outcome = { status: 'failed', run: failed ?? run, error, retriable: false };
    } else {
      await withSystem(reason(workflow, 'attempt failed'), (tx) => recordAttemptError(tx, run.id, safe));
      outcome = { status: 'retry', run, error };
    }
    // The raw error (SQL parameters redacted) goes to the log only; job_runs has the safe one.
    log().warn(
      { workflow: workflow.name, runId: run.id, attempt: run.attempts, final, code: safe.code, error: loggableError(error) },
      'workflow attempt failed',
    );
  }
  if (outcome.status === 'succeeded' || outcome.status === 'failed') {
    recordJobRun({ workflow: workflow.name, status: outcome.status, durationMs: outcome.run.durationMs ?? 0 });
  }
  return outcome;
}

/** step.progress for both runners. */
export function recordRunProgress(workflowName: string, runId: string, percent: number, message?: string): Promise<void> {
  if (!Number.isFinite(percent)) throw new Error(`progress must be a number: ${percent}`);
  return withSystem(`workflows: workflow ${workflowName} progress`, (tx) => recordProgress(tx, runId, percent, message));
}

/** Inngest's onFailure: the run is out of retries (or was cancelled) without our handler seeing it. */
export async function failRunForEvent(workflowName: string, eventId: string, error: unknown): Promise<void> {
  await withSystem(`workflows: workflow ${workflowName} failed`, async (tx) => {
    const found = await startJobRun(tx, { workflow: workflowName, idempotencyKey: eventId, tenantId: null, input: null });
    if (found.run) await failJobRun(tx, found.run.id, safeError(error));
  });
  log().warn({ workflow: workflowName, eventId, error: loggableError(error) }, 'workflow failed (reported by Inngest)');
}

/**
 * Inngest cancelled a run (its `timeouts.finish`, cancelOn, bulk cancel) — our handler never
 * hears of it, so without this the job_runs row would stay `running`. A run past its own timeout
 * fails with code `timeout`; any other cancellation is `cancelled`.
 */
export async function recordInngestCancellation(workflow: Pick<Workflow, 'name' | 'timeoutMs'>, eventId: string): Promise<JobRun | undefined> {
  return withSystem(`workflows: workflow ${workflow.name} cancelled`, async (tx) => {
    const run = await findJobRun(tx, workflow.name, eventId);
    if (!run || run.status === 'succeeded' || run.status === 'failed' || run.status === 'cancelled') return run;
    const started = run.startedAt ?? run.createdAt;
    if (workflow.timeoutMs !== null && Date.now() - started.getTime() >= workflow.timeoutMs) {
      return failJobRun(tx, run.id, safeError(new WorkflowTimeoutError(workflow.name, workflow.timeoutMs)));
    }
    return cancelJobRun(tx, run.id, { code: 'cancelled', message: `The job ${workflow.name} was cancelled.` });
  });
}
