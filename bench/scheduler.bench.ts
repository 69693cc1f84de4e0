/**
 * Bots scheduler — targets: 10,000 active paper bots in one workspace; one tick (due selection,
 * schedule move, one `bots/run.requested` outbox event per bot) ≤ 1 s; in inline mode all runs of
 * that tick finish within 60 s.
 *
 * Seeds BENCH_SCHEDULER_BOTS (10,000) active paper DCA bots with one BTCUSDT pair each, all due,
 * then times (a) queueDueBotRuns — the tick — and the outbox handover of its events to an
 * in-memory sender, and (b) every run of the tick through runBot on the paper exchange, at most
 * BOT_RUNS_PER_WORKSPACE at once (the workflow's per-workspace limit). Filters are off, so every
 * first run opens a deal: each run places and records an order and a fill.
 * Backend: DATABASE_URL → a fresh database on that server, dropped at the end; else PGlite in memory.
 */
import { emit, log, openBenchDatabase, round } from './support';

const BOTS = Number(process.env.BENCH_SCHEDULER_BOTS ?? 10_000);
process.env.LOG_LEVEL ??= 'warn';
const database = await openBenchDatabase('tessera_bench_scheduler');

const { tenantContext, withSystem, withTenant } = await import('@/db/tenant');
const { bots, botPairs, memberships, users, workspaces } = await import('@/db/schema');
const { queueDueBotRuns } = await import('@/lib/bots/schedule');
const { runBot } = await import('@/lib/bots/run/run-bot');
const { BOT_RUNS_PER_WORKSPACE } = await import('@/lib/bots/workflows');
const { dispatchOutbox } = await import('@/lib/jobs/outbox');
type OutboxSender = import('@/lib/jobs/outbox').OutboxSender;

const ctx = await withSystem('bench: scheduler seed', async (tx) => {
  const [user] = await tx.insert(users).values({ email: 'bench-scheduler@example.test' }).returning({ id: users.id });
  const [ws] = await tx.insert(workspaces).values({ slug: 'bench-scheduler', name: 'Bench scheduler', createdBy: user!.id }).returning({ id: workspaces.id });
  await tx.insert(memberships).values({ tenantId: ws!.id, userId: user!.id, role: 'owner' });
  return tenantContext({ tenantId: ws!.id, userId: user!.id, role: 'owner', via: 'session' });
});

const now = new Date();
const due = new Date(now.getTime() - 60_000);
const seedStarted = performance.now();
for (let start = 0; start < BOTS; start += 1_000) {
  await withTenant(ctx, async (tx) => {
    const rows = await tx
      .insert(bots)
      .values(
        Array.from({ length: Math.min(1_000, BOTS - start) }, (_, i) => ({
          tenantId: ctx.tenantId,
          name: `Bench bot ${start + i}`,
          exchange: 'paper',
          strategy: 'dca_ladder',
          status: 'active',
          paperStartingBalance: '10000',
          nextRunAt: due,
        })),
      )
      .returning({ id: bots.id });
    await tx.insert(botPairs).values(
      rows.map((row) => ({
        tenantId: ctx.tenantId,
        botId: row.id,
        symbol: 'BTCUSDT',
        side: 'long',
        leverage: 3,
        params: { baseOrderSize: 100, safetyOrderSize: 100, maxSafetyOrders: 2 },
        filters: { emaEnabled: false, volatilityEnabled: false, declineEnabled: false },
      })),
    );
  });
}
log(`seeded ${BOTS} bots in ${round((performance.now() - seedStarted) / 1000, 1)} s (${database.backend})`);

const tickStarted = performance.now();
const tick = await queueDueBotRuns(now, { tenantIds: [ctx.tenantId] });
const tickMs = performance.now() - tickStarted;
if (tick.queued !== BOTS) throw new Error(`the tick queued ${tick.queued} of ${BOTS} bots`);

let handed = 0;
const capture: OutboxSender = { send: async (events) => void (handed += events.length) };
const dispatchStarted = performance.now();
await dispatchOutbox({ sender: capture, budgetMs: 60_000 });
const dispatchMs = performance.now() - dispatchStarted;
log(`tick ${round(tickMs, 0)} ms; outbox handover of ${handed} events ${round(dispatchMs, 0)} ms`);

const runsStarted = performance.now();
let next = 0;
let succeeded = 0;
await Promise.all(
  Array.from({ length: BOT_RUNS_PER_WORKSPACE }, async () => {
    while (next < tick.runs.length) {
      const run = tick.runs[next++]!;
      const result = await runBot(ctx, { botId: run.botId, slot: run.slot }, { now });
      if (result.status === 'succeeded') succeeded++;
    }
  }),
);
const runsSeconds = (performance.now() - runsStarted) / 1000;
log(`${succeeded} of ${tick.runs.length} runs succeeded in ${round(runsSeconds, 1)} s`);

emit({
  name: 'scheduler',
  value: round(tickMs, 1),
  unit: 'ms',
  target: '≤ 1000 ms for the tick of 10,000 bots; ≤ 60 s for all their runs inline',
  backend: database.backend,
  bots: BOTS,
  dispatchMs: round(dispatchMs, 1),
  eventsHanded: handed,
  runsSeconds: round(runsSeconds, 2),
  runsPerSecond: round(succeeded / runsSeconds, 1),
  runsSucceeded: succeeded,
});
await database.close();
