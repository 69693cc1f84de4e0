import { randomUUID } from 'node:crypto';
import { InngestTestEngine } from '@inngest/test';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withSystem } from '@/db/tenant';
import { workflowFunction } from '@/inngest/functions/workflow-function';
import { defineWorkflow, helloWorkflow, NonRetriableWorkflowError } from '@/lib/jobs';
import { configureInlineRunner, runInline } from '@/lib/jobs/inline-runner';
import { findJobRun } from '@/lib/jobs/job-runs';
import { createTenant } from '../helpers/database';

const platformHello = workflowFunction(helloWorkflow);

let tenantId: string;
let workspaceName: string;

beforeAll(async () => {
  configureInlineRunner({ sleep: async () => {} });
  const { workspace } = await createTenant();
  tenantId = workspace.id;
  workspaceName = workspace.name;
});

const helloEvent = (id: string) => ({ id, name: 'platform/hello.requested', data: { tenantId } });
const readRun = (workflow: string, eventId: string) => withSystem('test: test read', (tx) => findJobRun(tx, workflow, eventId));

describe('platform-hello as an Inngest function', () => {
  it('runs the same workflow and records job_runs the way the inline runner does', async () => {
    const eventId = randomUUID();
    const t = new InngestTestEngine({ function: platformHello, events: [helloEvent(eventId)] });
    const { result, ctx } = await t.execute();
    const expected = { members: 1, greeting: `Hello, ${workspaceName}` };
    expect(result).toEqual(expected);
    expect(ctx.step.run).toHaveBeenCalledWith('count-members', expect.any(Function));

    const run = await readRun('platform-hello', eventId);
    expect(run).toMatchObject({ status: 'succeeded', attempts: 1, progress: 100, tenantId, error: null });
    expect(run!.output).toEqual(expected);
    expect(run!.durationMs).toBeGreaterThanOrEqual(0);

    // The inline runner, given another event, produces the same output.
    const inline = await runInline(helloWorkflow, { id: randomUUID(), data: { tenantId } });
    expect(inline.output).toEqual(expected);
  });

  it('a redelivered event (same id) reports the recorded run without running its steps again', async () => {
    const eventId = randomUUID();
    await new InngestTestEngine({ function: platformHello, events: [helloEvent(eventId)] }).execute();
    const again = new InngestTestEngine({ function: platformHello, events: [helloEvent(eventId)] });
    const { result, ctx } = await again.execute();
    expect(result).toMatchObject({ members: 1 });
    expect(ctx.step.run).not.toHaveBeenCalled();
    const run = await readRun('platform-hello', eventId);
    expect(run?.attempts).toBe(1);
  });

  it('adapts step.sleep and progress, and fails the run without retry on a non-retriable error', async () => {
    const workflow = defineWorkflow(
      { id: 'test-inngest-sleepy', trigger: { event: 'test/inngest.sleepy' }, schema: z.object({ fail: z.boolean() }), retries: 0 },
      async ({ fail }, step) => {
        await step.sleep('pause', '5m');
        await step.progress(60, 'Woke up');
        if (fail) throw new NonRetriableWorkflowError('Woke up grumpy.');
        return step.run('finish', async () => 'rested');
      },
    );
    const fn = workflowFunction(workflow);
    // step.sleep hangs in the test engine unless mocked.
    const sleepMock = { id: 'pause', handler: () => null };

    const ok = randomUUID();
    const t = new InngestTestEngine({ function: fn, events: [{ id: ok, name: 'test/inngest.sleepy', data: { fail: false } }], steps: [sleepMock] });
    const { result, ctx } = await t.execute();
    expect(result).toBe('rested');
    expect(ctx.step.sleep).toHaveBeenCalledWith('pause', 300_000);
    expect(await readRun('test-inngest-sleepy', ok)).toMatchObject({ status: 'succeeded', progress: 100 });

    const bad = randomUUID();
    const t2 = new InngestTestEngine({ function: fn, events: [{ id: bad, name: 'test/inngest.sleepy', data: { fail: true } }], steps: [sleepMock] });
    const failed = await t2.execute();
    expect(failed.error).toBeDefined();
    const run = await readRun('test-inngest-sleepy', bad);
    expect(run).toMatchObject({ status: 'failed', attempts: 1, progress: 60 });
    expect(run).toMatchObject({ error: 'Woke up grumpy.', errorCode: 'failed' });
  });
});
