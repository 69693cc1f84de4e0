import { cron, eventType } from 'inngest';
import type { z } from 'zod';
import type { AnyWorkflow, Workflow, WorkflowPayload } from '@/lib/jobs/define-workflow';
import { workflowList, type workflows } from '@/lib/workflows';

/**
 * Every event Inngest sees, derived from lib/workflows.ts: a workflow's event reuses the
 * workflow's own payload schema, so the outbox, the inline runner and Inngest agree on one
 * definition. Cron workflows have no event.
 */

type Defined = (typeof workflows)[number];

/** Event name → payload, for every event workflow. */
export type WorkflowEvents = {
  [W in Defined as NonNullable<W['event']>]: Parameters<W['run']>[0];
};

export type WorkflowEventName = keyof WorkflowEvents & string;

// Workflow payload schemas are plain objects without transforms (input = output), which is what
// eventType asks for; zod's static type leaves the input open, hence the narrowing here.
function payloadSchema<P extends WorkflowPayload>(workflow: Workflow<P, unknown, string>): z.ZodType<P, P> {
  return workflow.schema as unknown as z.ZodType<P, P>;
}

/** The trigger Inngest gets for a workflow: its event (typed by its payload schema) or its cron. */
export function workflowTrigger(workflow: AnyWorkflow) {
  return workflow.event !== null ? eventType(workflow.event, { schema: payloadSchema(workflow) }) : cron(workflow.cron!);
}

export const workflowEvents = Object.freeze(
  Object.fromEntries(workflowList.filter((w) => w.event !== null).map((w) => [w.event!, workflowTrigger(w)])),
);
