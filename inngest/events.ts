import { workflowList, type workflows } from '@/lib/workflows';
import { workflowTrigger } from './functions/workflow-function';

/**
 * Every event Inngest sees, derived from lib/workflows.ts: a workflow's event reuses the
 * workflow's own payload schema, so the outbox, the inline runner and Inngest agree on one
 * definition. Cron workflows have no event.
 */

type Defined = (typeof workflows)[number];

/** Event name → payload, for every event workflow. */
export type WorkflowEvents = {
  [W in Defined as W['event'] extends string ? W['event'] : never]: Parameters<W['run']>[0];
};

export type WorkflowEventName = keyof WorkflowEvents & string;

export const workflowEvents = Object.freeze(
  Object.fromEntries(workflowList.filter((w) => w.event !== null).map((w) => [w.event!, workflowTrigger(w)])),
);
