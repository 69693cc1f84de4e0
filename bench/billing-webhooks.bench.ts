/**
 * Stripe webhook handling throughput — how many signed deliveries a second one process applies.
 *
 * What a delivery costs end to end through the route handler (app/api/webhooks/stripe): signature
 * check over the raw body, the event recorded once, the subscription re-read from Stripe (a local
 * fake built from Stripe's fixtures, on 127.0.0.1), applySubscriptionState, the entitlements
 * version bump. Three runs: fresh `customer.subscription.updated` events one at a time and eight
 * at a time (a burst after a bulk change), and replays of delivered ids (Stripe retries), which
 * stop at the recorded event. No target in the issue beyond "within seconds": the figures go in
 * the README.
 *
 * Backend: DATABASE_URL set → a fresh database on that server, dropped at the end; unset → PGlite
 * in memory. Knobs: BENCH_WORKSPACES (50), BENCH_EVENTS (300), BENCH_CONCURRENCY (8).
 */
import { randomUUID } from 'node:crypto';
import { emit, log, openBenchDatabase, percentile, round } from './support';

const WORKSPACES = Number(process.env.BENCH_WORKSPACES ?? 50);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const database = await openBenchDatabase('tessera_bench_webhooks');
const { fakePriceIds, signedEvent, startFakeStripe, subscriptionObject } = await import('@/tests/helpers/fake-stripe');
const fake = await startFakeStripe();
const secret = `whsec_bench_${randomUUID().slice(0, 8)}`;
const prices = fakePriceIds('bench');
fake.configure({ webhookSecret: secret, prices });

const { withSystem } = await import('@/db/tenant');
const { workspaces } = await import('@/db/schema');
const { openBillingAccount } = await import('@/lib/billing/accounts');
const { closeKv } = await import('@/lib/redis');
const { POST } = await import('@/app/api/webhooks/stripe/route');

type Delivery = { payload: string; header: string };

async function deliver({ payload, header }: Delivery): Promise<number> {
  const t0 = performance.now();
  const response = await POST(new Request('http://localhost/api/webhooks/stripe', { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body: payload }));
  if (response.status !== 200) throw new Error(`delivery answered ${response.status}: ${await response.text()}`);
  return performance.now() - t0;
}

async function run(deliveries: Delivery[], concurrency: number): Promise<{ perSecond: number; p50: number; p95: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < deliveries.length) latencies.push(await deliver(deliveries[next++]!));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: deliveries.length / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

async function main(): Promise<void> {
  const tag = Date.now().toString(36);
  const subscriptionIds: string[] = [];
  for (let i = 0; i < WORKSPACES; i++) {
    const tenantId = await withSystem('bench: bench seed', async (tx) => {
      const [ws] = await tx.insert(workspaces).values({ slug: `bench-wh-${tag}-${i}`, name: `Bench ${i}` }).returning({ id: workspaces.id });
      await openBillingAccount(tx, ws!.id);
      return ws!.id;
    });
    const subscription = subscriptionObject({
      id: `sub_bench${tag}${i}`,
      customer: `cus_bench${tag}${i}`,
      items: [{ price: prices.STRIPE_PRICE_PRO_MONTH! }],
      metadata: { workspace_id: tenantId },
    });
    fake.subscriptions.set(subscription.id, subscription);
    subscriptionIds.push(subscription.id);
  }
  const fresh = (count: number) =>
    Array.from({ length: count }, (_, i) => {
      const id = subscriptionIds[i % subscriptionIds.length]!;
      return signedEvent(secret, { id: `evt_${randomUUID().replace(/-/g, '')}`, type: 'customer.subscription.updated', object: fake.subscriptions.get(id) });
    });

  await run(fresh(Math.min(20, EVENTS)), 1); // warm-up: connections, modules, first inserts
  const sequential = await run(fresh(EVENTS), 1);
  const concurrentDeliveries = fresh(EVENTS);
  const concurrent = await run(concurrentDeliveries, CONCURRENCY);
  const replays = await run(concurrentDeliveries, CONCURRENCY);

  log(
    `one at a time      ${sequential.perSecond.toFixed(0)}/s  p50 ${sequential.p50.toFixed(2)} ms  p95 ${sequential.p95.toFixed(2)} ms\n` +
      `${CONCURRENCY} at a time        ${concurrent.perSecond.toFixed(0)}/s  p50 ${concurrent.p50.toFixed(2)} ms  p95 ${concurrent.p95.toFixed(2)} ms\n` +
      `replays, ${CONCURRENCY} at a time ${replays.perSecond.toFixed(0)}/s  p50 ${replays.p50.toFixed(2)} ms  p95 ${replays.p95.toFixed(2)} ms`,
  );
  emit({
    name: 'stripe_webhooks_per_second',
    value: round(concurrent.perSecond),
    unit: 'deliveries/s',
    target: 'none set (README)',
    sequential_per_second: round(sequential.perSecond),
    sequential_p50_ms: round(sequential.p50),
    sequential_p95_ms: round(sequential.p95),
    concurrent_p50_ms: round(concurrent.p50),
    concurrent_p95_ms: round(concurrent.p95),
    replay_per_second: round(replays.perSecond),
    replay_p95_ms: round(replays.p95),
    concurrency: CONCURRENCY,
    events: EVENTS,
    workspaces: WORKSPACES,
    backend: database.backend,
  });
}

try {
  await main();
} finally {
  await fake.close();
  await closeKv();
  await database.close();
}
