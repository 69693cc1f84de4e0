import { workflowList } from '@/lib/workflows';
import type { AnyWorkflow } from './define-workflow';

/**
 * Lookups over the one workflow list (lib/workflows.ts). Loaded lazily (the outbox's inline
 * sender, the cron ticker), so modules whose workflows import lib/jobs do not form an import cycle.
 */
export const workflowCatalog: readonly AnyWorkflow[] = workflowList;

const ids = new Set<string>();
for (const workflow of workflowCatalog) {
  if (ids.has(workflow.id)) throw new Error(`two workflows share the id ${workflow.id} (lib/workflows.ts)`);
  ids.add(workflow.id);
}

const byEvent = new Map<string, AnyWorkflow[]>();
for (const workflow of workflowCatalog) {
  if (workflow.event) byEvent.set(workflow.event, [...(byEvent.get(workflow.event) ?? []), workflow]);
}

export function workflowsForEvent(name: string): AnyWorkflow[] {
  return byEvent.get(name) ?? [];
}

/** What the in-process cron ticker runs in zero-config mode; under Inngest the same workflows get cron triggers. */
export function cronWorkflows(): AnyWorkflow[] {
  return workflowCatalog.filter((workflow) => workflow.cron !== null);
}
