import { NonRetriableError, StepError, type EventType, type GetStepTools, type InngestFunction, type StandardSchemaV1 } from 'inngest';
import type { Workflow, WorkflowPayload, WorkflowStep } from '@/lib/jobs';
import { durationMs } from '@/lib/jobs';
import { errorText } from '@/lib/jobs/errors';
import { executeAttempt, failRunForEvent, recordRunProgress } from '@/lib/jobs/run-recorder';
import { inngest } from '@/lib/jobs/inngest-client';

type InngestStep = GetStepTools<typeof inngest>;
type RetryCount = NonNullable<InngestFunction.Options['retries']>;

/** Inngest's durable step behind the interface workflows are written against. */
export function inngestWorkflowStep(step: InngestStep, workflowName: string, runId: string): WorkflowStep {
  return {
    // Inngest hands back the JSON form of the result (Jsonify<T>); workflows return JSON by contract.
    run: <T>(id: string, fn: () => Promise<T>) => step.run(id, fn) as unknown as Promise<T>,
    sleep: (id, duration) => step.sleep(id, durationMs(duration)),
    progress: (percent, message) => recordRunProgress(workflowName, runId, percent, message),
  };
}

/**
 * Wraps a workflow as an Inngest function: its event as trigger, a concurrency key from its
 * payload, its retries, and the same job_runs recording the inline runner uses. Idempotency is
 * the event id: the outbox sends its row id, Inngest drops duplicates of it, and job_runs keeps
 * one row per (workflow, event id) so a redelivery reports the recorded success.
 */
export function workflowFunction<P extends WorkflowPayload, O, E extends string>(
  workflow: Workflow<P, O, E>,
  trigger: EventType<E, StandardSchemaV1<P, P>>,
) {
  return inngest.createFunction(
    {
      id: workflow.name,
      triggers: [trigger],
      retries: Math.min(20, workflow.retries) as RetryCount,
      ...(workflow.concurrencyKey
        ? { concurrency: { key: `event.data.${workflow.concurrencyKey}`, limit: workflow.concurrencyLimit } }
        : {}),
      // Backstop for failures our handler never sees (cancellation, a step out of retries).
      onFailure: async ({ event, error }) => {
        const original = event.data.event;
        if (original.id) await failRunForEvent(workflow.name, original.id, error);
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
        step: (jobRunId) => inngestWorkflowStep(step, workflow.name, jobRunId),
      });
      if (outcome.status === 'succeeded') return outcome.output;
      if (outcome.status === 'failed') {
        const message = outcome.error instanceof Error ? outcome.error.message : errorText(outcome.error);
        throw new NonRetriableError(message, { cause: outcome.error });
      }
      throw outcome.error;
    },
  );
}
