import { withSystem, withTenant } from '@/db/tenant';
import type { WorkflowContext } from './define-workflow';
import { afterCommitDispatch, enqueueEvents, type EventInput } from './outbox';
import type { StepEvent } from './step';

/**
 * step.sendEvent for both runners (each wraps it in its own memoised step, so a retried or
 * replayed run writes the events once): one multi-row outbox insert, then a dispatch kick. A
 * tenant run inserts under withTenant, so RLS refuses events for another workspace.
 */
export async function sendEventsFromRun(
  workflowId: string,
  ctx: Pick<WorkflowContext, 'tenantId' | 'asTenant'>,
  events: StepEvent | readonly StepEvent[],
): Promise<{ ids: string[] }> {
  const list = (Array.isArray(events) ? events : [events]) as readonly StepEvent[];
  if (list.length === 0) return { ids: [] };
  const inputs: EventInput[] = list.map((event) => {
    const fromData = typeof event.data.tenantId === 'string' ? event.data.tenantId : null;
    return { name: event.name, data: event.data, tenantId: event.tenantId === undefined ? fromData : event.tenantId };
  });
  const ids = ctx.tenantId
    ? await withTenant(ctx.asTenant(), (tx) => enqueueEvents(tx, inputs))
    : await withSystem(`workflows: ${workflowId} fan-out`, (tx) => enqueueEvents(tx, inputs));
  void afterCommitDispatch();
  return { ids };
}
