import { eraseWorkflow, type AnyWorkflow } from './define-workflow';
import { helloWorkflow } from './workflows';

/**
 * Every workflow the inline runner can start, by event. Each module adds its own here
 * (lib/<module>/workflows.ts) and an Inngest function beside it in inngest/functions;
 * tests/inngest/functions-catalog.test.ts keeps the two lists equal. Loaded lazily by the
 * dispatcher, so modules whose workflows import lib/jobs do not form an import cycle.
 */
export const workflowCatalog: readonly AnyWorkflow[] = [eraseWorkflow(helloWorkflow)];

export function workflowsForEvent(name: string): AnyWorkflow[] {
  return workflowCatalog.filter((w) => w.event === name);
}
