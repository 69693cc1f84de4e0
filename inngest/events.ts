import { eventType } from 'inngest';
import { z } from 'zod';
import type { Workflow, WorkflowPayload } from '@/lib/jobs';
import { helloWorkflow } from '@/lib/jobs/workflows';

/**
 * Every event Inngest sees. A workflow's event reuses the workflow's own payload schema, so the
 * outbox, the inline runner and Inngest agree on one definition.
 */

// Workflow payload schemas are plain objects without transforms (input = output), which is what
// eventType asks for; zod's static type leaves the input open, hence the narrowing here.
function payloadSchema<P extends WorkflowPayload>(workflow: Workflow<P, unknown>): z.ZodType<P, P> {
  return workflow.schema as unknown as z.ZodType<P, P>;
}

export const helloRequested = eventType(helloWorkflow.event, { schema: payloadSchema(helloWorkflow) });

/** Asks for an outbox sweep now; the same function also runs every minute on cron. */
export const outboxSweepRequested = eventType('platform/outbox.sweep', {
  schema: z.object({ reason: z.string().max(200).optional() }),
});
