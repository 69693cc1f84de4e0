import { describe, expect, it } from 'vitest';
import { workflowEvents, type WorkflowEventName, type WorkflowEvents } from '@/inngest/events';
import { functions } from '@/inngest/functions';
import { cronWorkflows, workflowCatalog, workflowsForEvent } from '@/lib/jobs/catalog';
import { inngestFlowControl } from '@/lib/jobs/inngest-options';
import { workflowList } from '@/lib/workflows';

// Everything is derived from lib/workflows.ts; these guard that the derivations agree.
describe('one registration: lib/workflows.ts', () => {
  it('serves exactly one Inngest function per listed workflow, same ids, same order (plus the cancellation recorder)', () => {
    expect(functions.map((fn) => fn.id())).toEqual([...workflowList.map((w) => w.id), 'workflow-run-cancelled']);
  });

  it('the outbox catalog is the same list, and finds each event workflow by its event', () => {
    expect(workflowCatalog).toBe(workflowList);
    for (const workflow of workflowList.filter((w) => w.event)) {
      expect(workflowsForEvent(workflow.event!), workflow.id).toContain(workflow);
    }
    expect(workflowsForEvent('nobody/listens.here')).toEqual([]);
  });

  it('every event workflow has its Inngest event type, and nothing else does', () => {
    expect(Object.keys(workflowEvents).sort()).toEqual([...new Set(workflowList.flatMap((w) => (w.event ? [w.event] : [])))].sort());
  });

  it('the event types are typed from the list: event name → payload', () => {
    const name: WorkflowEventName = 'platform/hello.requested';
    const payload: WorkflowEvents['platform/hello.requested'] = { tenantId: '00000000-0000-4000-8000-000000000000' };
    // @ts-expect-error cron workflows have no event
    const none: WorkflowEventName = 'outbox-sweep';
    expect([name, payload.tenantId, none]).toHaveLength(3);
  });

  it("each function's trigger is its workflow's event or cron, and the in-process ticker runs the same crons", () => {
    for (const workflow of workflowList) {
      const fn = functions.find((f) => f.id() === workflow.id)!;
      const expected = workflow.cron ? { cron: workflow.cron } : { event: workflow.event };
      expect(fn.opts.triggers, workflow.id).toEqual([expect.objectContaining(expected)]);
    }
    expect(cronWorkflows().map((w) => w.cron)).toEqual(workflowList.filter((w) => w.cron).map((w) => w.cron));
  });

  it('each function carries its workflow flow control (concurrency, throttle, idempotency, timeout, retries)', () => {
    for (const workflow of workflowList) {
      const fn = functions.find((f) => f.id() === workflow.id)!;
      expect(fn.opts, workflow.id).toMatchObject(inngestFlowControl(workflow));
    }
  });

  it('the outbox sweep runs every minute; the nightly audit check and retention daily', () => {
    const cron = (id: string) => workflowList.find((w) => w.id === id)?.cron;
    expect(cron('outbox-sweep')).toBe('TZ=UTC * * * * *');
    expect(cron('audit-integrity')).toBe('TZ=UTC 15 3 * * *');
    expect(cron('workflow-retention')).toMatch(/^TZ=UTC \d+ \d+ \* \* \*$/);
  });
});
