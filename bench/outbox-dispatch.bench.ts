/**
 * Outbox dispatch — target: 10,000 events written in one transaction all sent in ≤ 2 s.
 *
 * Each round writes BENCH_OUTBOX_EVENTS (10,000) events for one workspace in one withTenant
 * transaction (enqueueEvents), then times dispatchOutbox from the first claim until the outbox is
 * drained, and checks every row is marked dispatched:
 *   (a) inline: the zero-config sender, for an event no workflow listens to (the handover itself);
 *   (b) http: the production path — the real Inngest client (INNGEST_EVENT_KEY/SIGNING_KEY set,
 *       INNGEST_BASE_URL pointing at a local HTTP receiver on 127.0.0.1 that answers like the event
 *       API's /e/<key> with { ids, status: 200 }); the receiver must get every event exactly once;
 *   (c) once, inline with a trivial workflow listening (BENCH_OUTBOX_WORKFLOW_EVENTS, 10,000): the
 *       handover, plus the time until every run is recorded succeeded in job_runs. Set it to 0 to skip.
 * BENCH_OUTBOX_ROUNDS (3) rounds of (a) and (b), alternating; `value` is the worse of their medians.
 * Backend: DATABASE_URL → a fresh database on that server, dropped at the end; else PGlite in memory.
 */
import { startFakeInngestReceiver } from '../tests/helpers/fake-inngest-receiver';
import { emit, log, openBenchDatabase, percentile, round } from './support';

const EVENTS = Number(process.env.BENCH_OUTBOX_EVENTS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_OUTBOX_ROUNDS ?? 3);
const WORKFLOW_EVENTS = Number(process.env.BENCH_OUTBOX_WORKFLOW_EVENTS ?? 10_000);
const TARGET = '<=2000ms for 10,000 events (inline and HTTP)';

// The receiver first: its address configures the Inngest client, which reads the environment when
// lib/jobs/inngest-client is first loaded (below, through dynamic imports).
const receiver = await startFakeInngestReceiver();
process.env.INNGEST_EVENT_KEY = 'bench-event-key';
process.env.INNGEST_SIGNING_KEY = 'signkey-test-0123456789abcdef';
process.env.INNGEST_BASE_URL = receiver.url;
delete process.env.INNGEST_DEV;
process.env.LOG_LEVEL ??= 'warn';
const database = await openBenchDatabase('tessera_bench_outbox');
const backend = database.backend;

const { sql } = await import('drizzle-orm');
const { z } = await import('zod');
const { tenantContext, withSystem, withTenant } = await import('@/db/tenant');
const { memberships, users, workspaces } = await import('@/db/schema');
const { rowsOf } = await import('@/db/rows');
const { dispatchOutbox, enqueueEvents, inlineSender } = await import('@/lib/jobs/outbox');
const { defaultOutboxSender } = await import('@/lib/jobs/outbox-senders');
const { workflowBackend } = await import('@/lib/jobs/backend');
const { defineWorkflow, eraseWorkflow } = await import('@/lib/jobs/define-workflow');
const { inlineRunsSettled } = await import('@/lib/jobs/inline-runner');
type OutboxSender = import('@/lib/jobs/outbox').OutboxSender;
type TenantContext = import('@/db/tenant').TenantContext;

async function workspace(tag: string): Promise<TenantContext> {
  return withSystem('bench: outbox seed', async (tx) => {
    const [user] = await tx.insert(users).values({ email: `bench-outbox-${tag}@example.test` }).returning({ id: users.id });
    const [ws] = await tx.insert(workspaces).values({ slug: `bench-outbox-${tag}`, name: `Bench ${tag}`, createdBy: user!.id }).returning({ id: workspaces.id });
    await tx.insert(memberships).values({ tenantId: ws!.id, userId: user!.id, role: 'owner' });
    return tenantContext({ tenantId: ws!.id, userId: user!.id, role: 'owner', via: 'session' });
  });
}

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await withSystem('bench: outbox check', async (tx) => rowsOf<{ n: number }>(await tx.execute(query)));
  return row!.n;
}

type Round = { write_ms: number; dispatch_ms: number; batches: number; passes: number; ids: string[] };

async function measureRound(tag: string, name: string, n: number, sender: OutboxSender): Promise<Round> {
  const ctx = await workspace(tag);
  const writeStarted = performance.now();
  const ids = await withTenant(ctx, (tx) =>
    enqueueEvents(tx, Array.from({ length: n }, (_, i) => ({ name, data: { i, botId: `bot-${i}` }, tenantId: ctx.tenantId }))),
  );
  const write_ms = performance.now() - writeStarted;

  const started = performance.now();
  let batches = 0;
  let passes = 0;
  for (;;) {
    const result = await dispatchOutbox({ sender, budgetMs: 60_000 });
    passes += 1;
    batches += result.batches;
    if (result.failed) throw new Error(`${tag}: ${result.failed} events failed to send`);
    if (result.drained) break;
  }
  const dispatch_ms = performance.now() - started;
  const pending = await count(sql`select count(*)::int as n from outbox where tenant_id = ${ctx.tenantId} and dispatched_at is null`);
  if (pending !== 0) throw new Error(`${tag}: ${pending} events still pending after draining`);
  log(`[outbox] ${tag}: write ${write_ms.toFixed(0)} ms, dispatch ${dispatch_ms.toFixed(0)} ms (${batches} batches, ${passes} passes)`);
  return { write_ms, dispatch_ms, batches, passes, ids };
}

const median = (values: number[]) => percentile([...values].sort((x, y) => x - y), 50);

try {
  if (workflowBackend() !== 'inngest') throw new Error(`expected the Inngest backend for (b), got ${workflowBackend()}`);
  const inline: Round[] = [];
  const http: Round[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    inline.push(await measureRound(`inline-${r}`, 'bench/outbox.no-listener', EVENTS, inlineSender()));
    const accepted = receiver.accepted.length;
    const result = await measureRound(`http-${r}`, 'bench/outbox.to-inngest', EVENTS, defaultOutboxSender());
    const received = receiver.accepted.slice(accepted).flat().map((event) => event.id);
    const unique = new Set(received);
    if (received.length !== EVENTS || unique.size !== EVENTS || result.ids.some((id) => !unique.has(id))) {
      throw new Error(`http-${r}: receiver got ${received.length} events (${unique.size} distinct) for ${EVENTS} written`);
    }
    http.push(result);
  }

  let withWorkflow: Record<string, unknown> | null = null;
  if (WORKFLOW_EVENTS > 0) {
    const noop = eraseWorkflow(
      defineWorkflow(
        { id: 'bench-outbox-noop', trigger: { event: 'bench/outbox.noop' }, schema: z.object({ i: z.number(), botId: z.string(), tenantId: z.uuid() }), retries: 0 },
        async (payload) => ({ botId: payload.botId }),
      ),
    );
    const sender = inlineSender({ workflowsFor: (name) => (name === noop.event ? [noop] : []) });
    const started = performance.now();
    const result = await measureRound('inline-workflow', 'bench/outbox.noop', WORKFLOW_EVENTS, sender);
    await inlineRunsSettled();
    const settled_ms = performance.now() - started;
    const succeeded = await count(sql`select count(*)::int as n from job_runs where workflow = 'bench-outbox-noop' and status = 'succeeded'`);
    if (succeeded !== WORKFLOW_EVENTS) throw new Error(`inline-workflow: ${succeeded} runs succeeded of ${WORKFLOW_EVENTS}`);
    log(`[outbox] inline-workflow: all ${WORKFLOW_EVENTS} runs succeeded ${settled_ms.toFixed(0)} ms after the dispatch started`);
    withWorkflow = {
      events: WORKFLOW_EVENTS,
      dispatch_ms: round(result.dispatch_ms, 0),
      runs_settled_ms: round(settled_ms, 0),
      runs_per_s: round(WORKFLOW_EVENTS / (settled_ms / 1000), 0),
    };
  }

  const inlineMs = median(inline.map((r) => r.dispatch_ms));
  const httpMs = median(http.map((r) => r.dispatch_ms));
  emit({
    name: 'outbox_dispatch_10k_ms',
    value: round(Math.max(inlineMs, httpMs), 0),
    unit: 'ms',
    target: TARGET,
    backend,
    events: EVENTS,
    rounds: ROUNDS,
    inline_dispatch_ms_p50: round(inlineMs, 0),
    http_dispatch_ms_p50: round(httpMs, 0),
    inline_dispatch_ms: inline.map((r) => round(r.dispatch_ms, 0)),
    http_dispatch_ms: http.map((r) => round(r.dispatch_ms, 0)),
    http_requests_per_round: http[0]?.batches ?? null,
    http_max_request_kb: round(receiver.maxRequestBytes / 1024, 1),
    write_ms_p50: round(median([...inline, ...http].map((r) => r.write_ms)), 0),
    inline_with_workflow: withWorkflow,
  });
} finally {
  await receiver.close();
  await database.close();
}
