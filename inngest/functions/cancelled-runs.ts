import type { AnyWorkflow } from '@/lib/jobs/define-workflow';
import { inngest } from '@/lib/jobs/inngest-client';
import { recordInngestCancellation } from '@/lib/jobs/run-recorder';

/** Inngest names a function `<app id>-<function id>` in system events. */
const prefix = `${inngest.id}-`;

/**
 * Not a workflow: Inngest's own `inngest/function.cancelled` system event (sent when a run hits
 * its `timeouts.finish` or is cancelled) marks our job_runs row failed (code `timeout`) or
 * cancelled, which our handler, never called again, could not do.
 */
export function cancelledRunsFunction(workflows: readonly AnyWorkflow[]) {
  const byFunctionId = new Map(workflows.map((w) => [`${prefix}${w.id}`, w]));
  return inngest.createFunction(
    {
      id: 'workflow-run-cancelled',
      triggers: [{ event: 'inngest/function.cancelled', if: [...byFunctionId.keys()].map((id) => `event.data.function_id == "${id}"`).join(' || ') }],
      retries: 3,
    },
    async ({ event }) => {
      const data = event.data as { function_id?: string; run_id?: string; event?: { id?: string } };
      const workflow = data.function_id ? byFunctionId.get(data.function_id) : undefined;
      // As in the handler: the event id, or Inngest's run id for an event without one (cron).
      const eventId = data.event?.id ?? data.run_id;
      if (!workflow || !eventId) return { recorded: false };
      const run = await recordInngestCancellation(workflow, eventId);
      return { recorded: Boolean(run), status: run?.status ?? null };
    },
  );
}
