import {
  NonRetriableError,
  referenceFunction,
  RetryAfterError,
  StepError,
  type GetStepTools,
  type InngestFunction,
} from 'inngest';
import { backoffMs, type AnyWorkflow, type Workflow, type WorkflowContext, type WorkflowPayload } from '@/lib/jobs/define-workflow';
import { ChildWorkflowError, NonRetriableWorkflowError, WorkflowTimeoutError, safeError, safeWire } from '@/lib/jobs/errors';
import { loggableError } from '@/lib/observability/error-chain';
import { inngest } from '@/lib/jobs/inngest-client';
import { inngestFlowControl } from '@/lib/jobs/inngest-options';
import type { JobRun } from '@/lib/jobs/job-runs';
import { sendEventsFromRun } from '@/lib/jobs/run-events';
import { executeAttempt, failRunForEvent, parentRunOf, PARENT_RUN_KEY, recordRunProgress } from '@/lib/jobs/run-recorder';
import { durationMs, type StepEvent, type WorkflowStep } from '@/lib/jobs/step';
import { getLogger } from '@/lib/observability/logger';
import { workflowTrigger } from '../events';

type InngestStep = GetStepTools<typeof inngest>;
type RetryCount = NonNullable<InngestFunction.Options['retries']>;

const log = () => getLogger({ module: 'jobs' });

/** What Inngest stores for a failed step: the safe message, never the raw error (SQL, parameters). */
function wireError(error: unknown): Error {
  const wire = safeWire(error);
  return error instanceof NonRetriableWorkflowError ? new NonRetriableError(wire.message, { cause: wire }) : wire;
}

/**
 * Inngest's durable step behind the interface workflows are written against. Every step refuses
 * to start past the run's deadline (the execution may have been suspended across it), and a
 * failing step hands Inngest the safe error while the raw one goes to the log.
 */
export function inngestWorkflowStep(step: InngestStep, workflow: AnyWorkflow, run: JobRun, ctx: WorkflowContext, deadline: number | null): WorkflowStep {
  const checkDeadline = () => {
    if (deadline !== null && Date.now() >= deadline) throw new WorkflowTimeoutError(workflow.name, workflow.timeoutMs!);
  };
  const guarded = <T>(id: string, fn: () => Promise<T>) =>
    step.run(id, async () => {
      try {
        checkDeadline();
        return await fn();
      } catch (error) {
        log().warn({ workflow: workflow.name, runId: run.id, step: id, error: loggableError(error) }, 'workflow step failed');
        throw wireError(error);
      }
    }) as unknown as Promise<T>;
  return {
    // Inngest hands back the JSON form of the result (Jsonify<T>); workflows return JSON by contract.
    run: guarded,
    async sleep(id, duration) {
      checkDeadline();
      await step.sleep(id, durationMs(duration));
    },
    progress: (percent, message) => recordRunProgress(workflow.name, run.id, percent, message),
    sendEvent: (id: string, events: StepEvent | readonly StepEvent[]) => guarded(id, () => sendEventsFromRun(workflow.name, ctx, events)),
    async invoke<P extends WorkflowPayload, O>(id: string, child: Workflow<P, O, string>, payload: P): Promise<O> {
      checkDeadline();
      const data = { ...child.schema.parse(payload), [PARENT_RUN_KEY]: run.id };
      try {
        const output = await step.invoke(id, { function: referenceFunction({ functionId: child.id }), data });
        return output as O;
      } catch (error) {
        throw new ChildWorkflowError(child.name, safeError(error));
      }
    },
  };
}

/**
 * Wraps a workflow as an Inngest function: its trigger, its flow control (concurrency, throttle,
 * idempotency, timeout, retries — lib/jobs/inngest-options.ts), our backoff through
 * RetryAfterError, and the same job_runs recording the inline runner uses. Idempotency of
 * delivery is the event id: the outbox sends its row id, Inngest drops duplicates of it, and
 * job_runs keeps one row per (workflow, event id) so a redelivery reports the recorded success.
 */
export function workflowFunction(workflow: AnyWorkflow) {
  const { retries, ...flowControl } = inngestFlowControl(workflow);
  return inngest.createFunction(
    {
      id: workflow.id,
      triggers: [workflowTrigger(workflow)],
      retries: retries as RetryCount,
      ...flowControl,
      // Backstop for failures our handler never sees (a step out of retries, Inngest's timeout).
      onFailure: async ({ event, error }) => {
        // Our handler keys a run by its event id, or by Inngest's run id when the event has none (cron).
        const original = event.data.event as { id?: string } | undefined;
        const key = original?.id ?? event.data.run_id;
        if (key) await failRunForEvent(workflow.name, key, error);
      },
    },
    async ({ event, step, attempt, maxAttempts, runId }) => {
      const outcome = await executeAttempt({
        workflow,
        eventId: event.id ?? runId,
        data: event.data,
        attempt: attempt + 1,
        isFinalAttempt: attempt + 1 >= (maxAttempts ?? workflow.retries + 1),
        isFinalError: (error) => error instanceof StepError,
        parentRunId: parentRunOf(event.data),
        step: (run, ctx, deadline) => inngestWorkflowStep(step, workflow, run, ctx, deadline),
        raceDeadline: false,
      });
      if (outcome.status === 'succeeded') return outcome.output;
      // Under Inngest the idempotency key normally stops the event before it gets here.
      if (outcome.status === 'skipped') return outcome.run.output;
      const wire = safeWire(outcome.error);
      if (outcome.status === 'failed') throw new NonRetriableError(wire.message, { cause: wire });
      // The same backoff the inline runner waits.
      throw new RetryAfterError(wire.message, backoffMs(workflow.backoff, attempt), { cause: wire });
    },
  );
}
