import { tenantContext, withSystem, type SystemReason } from '@/db/tenant';
import { getLogger } from '@/lib/observability/logger';
import { recordJobRun } from '@/lib/observability/metrics';
import type { Workflow, WorkflowContext, WorkflowPayload } from './define-workflow';
import { NonRetriableWorkflowError, errorText } from './errors';
import {
  failJobRun,
  recordAttempt,
  recordAttemptError,
  recordProgress,
  startJobRun,
  succeedJobRun,
  type JobRun,
} from './job-runs';
import type { WorkflowStep } from './step';

/**
 * The one recording path both runners share: find or create the job_runs row, skip a run that
 * already succeeded, record the attempt, run the workflow, record the outcome. Runners differ only
 * in the step they provide and in how they retry.
 */

export type AttemptNumber =
  /** Inline runner: every call is a new attempt. */
  | 'next'
  /** Inngest: the handler runs once per step, all reporting the same 1-based attempt. */
  | number;

export type AttemptOutcome<O> =
  | { status: 'succeeded'; run: JobRun; output: O; replayed: boolean }
  | { status: 'retry'; run: JobRun; error: unknown }
  | { status: 'failed'; run: JobRun; error: unknown; retriable: false };

export type AttemptRequest<P extends WorkflowPayload, O> = {
  workflow: Workflow<P, O>;
  eventId: string;
  data: unknown;
  attempt: AttemptNumber;
  /** No retry follows this attempt, so an error fails the run. */
  isFinalAttempt: boolean;
  /** Errors the runner knows cannot be retried (Inngest: a step already out of retries). */
  isFinalError?: (error: unknown) => boolean;
  step: (runId: string) => WorkflowStep;
};

const log = () => getLogger({ module: 'jobs' });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function tenantOf(data: unknown): string | null {
  const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).tenantId : undefined;
  return typeof value === 'string' && UUID.test(value) ? value : null;
}

export function workflowContext(run: JobRun, eventId: string, attempt: number): WorkflowContext {
  const tenantId = run.tenantId;
  return Object.freeze({
    runId: run.id,
    eventId,
    attempt,
    tenantId,
    asTenant() {
      if (!tenantId) throw new NonRetriableWorkflowError(`run ${run.id} has no tenant`);
      // A workflow acts for the workspace, not for a person; admin (not owner) so owner-only
      // actions still need an explicit actor.
      return tenantContext({ tenantId, userId: null, role: 'admin', via: 'workflow' });
    },
  });
}

function reason(workflow: { name: string }, what: string): SystemReason {
  return `workflows: ${workflow.name} ${what}`;
}

export async function executeAttempt<P extends WorkflowPayload, O>(request: AttemptRequest<P, O>): Promise<AttemptOutcome<O>> {
  const { workflow, eventId } = request;
  const parsed = workflow.schema.safeParse(request.data);
  const tenantId = tenantOf(parsed.success ? parsed.data : request.data);

  const started = await withSystem(reason(workflow, 'start'), async (tx) => {
    const run = await startJobRun(tx, { workflow: workflow.name, idempotencyKey: eventId, tenantId, input: request.data });
    if (run.status === 'succeeded') return { run, replay: true as const };
    const attempt = await recordAttempt(tx, run.id, request.attempt === 'next' ? run.attempts + 1 : request.attempt);
    return { run: attempt ?? run, replay: false as const };
  });
  if (started.replay) {
    return { status: 'succeeded', run: started.run, output: started.run.output as O, replayed: true };
  }
  const run = started.run;

  let outcome: AttemptOutcome<O>;
  try {
    if (!parsed.success) {
      throw new NonRetriableWorkflowError(`invalid payload for ${workflow.event}: ${parsed.error.message}`);
    }
    const output = await workflow.run(parsed.data, request.step(run.id), workflowContext(run, eventId, run.attempts - 1));
    const done = await withSystem(reason(workflow, 'succeeded'), (tx) => succeedJobRun(tx, run.id, output));
    outcome = { status: 'succeeded', run: done ?? run, output, replayed: false };
  } catch (error) {
    const final = request.isFinalAttempt || error instanceof NonRetriableWorkflowError || Boolean(request.isFinalError?.(error));
    const message = errorText(error);
    if (final) {
      const failed = await withSystem(reason(workflow, 'failed'), (tx) => failJobRun(tx, run.id, message));
      outcome = { status: 'failed', run: failed ?? run, error, retriable: false };
    } else {
      await withSystem(reason(workflow, 'attempt failed'), (tx) => recordAttemptError(tx, run.id, message));
      outcome = { status: 'retry', run, error };
    }
    log().warn({ workflow: workflow.name, runId: run.id, attempt: run.attempts, final, error: message }, 'workflow attempt failed');
  }
  if (outcome.status !== 'retry') {
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
    const run = await startJobRun(tx, { workflow: workflowName, idempotencyKey: eventId, tenantId: null, input: null });
    await failJobRun(tx, run.id, errorText(error));
  });
}
