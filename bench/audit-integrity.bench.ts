/**
 * Audit integrity check — target: the audit page's check ≤ 50 ms p50 on a 100k-entry chain.
 *
 * Seeds one workspace chain of BENCH_AUDIT_ROWS (100,000) valid, hash-linked entries in bulk,
 * then times, each as a whole transaction as the audit page runs it:
 *   (a) full: verifyChain, re-hashing every entry (what every page view did before the seal);
 *   (b) sealed: checkChainIntegrity with a fresh seal and 5 entries appended since, the
 *       steady state of the page between daily full checks.
 * Backend: DATABASE_URL → a fresh database on that server, dropped at the end; else PGlite in
 * memory. The seal lives in the in-process store (a Redis round trip adds ~1 ms in production).
 */
import { sql } from 'drizzle-orm';
import { emit, log, openBenchDatabase, percentile, round } from './support';

const ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 100_000);
const FULL_ROUNDS = Number(process.env.BENCH_FULL_ROUNDS ?? 5);
const SEALED_ROUNDS = Number(process.env.BENCH_SEALED_ROUNDS ?? 200);
const TARGET = '<=50ms p50 (sealed)';

// Settled before any db/ module is loaded (hence the dynamic imports below).
const database = await openBenchDatabase('tessera_bench_audit');
const backend = database.backend;

const { withSystem } = await import('@/db/tenant');
const { auditLog, workspaces } = await import('@/db/schema');
const { auditRowHash } = await import('@/lib/audit/hash');
const { recordWorkspaceAudit } = await import('@/lib/audit/record');
const { checkChainIntegrity } = await import('@/lib/audit/sealed-check');
const { verifyChain, workspaceChain } = await import('@/lib/audit/verify');
const { MemoryKeyValueStore } = await import('@/lib/redis/memory-store');
type HashedAuditFields = import('@/lib/audit/hash').HashedAuditFields;

async function seed(): Promise<string> {
  const started = performance.now();
  const [workspace] = await withSystem('bench: bench seed', (tx) =>
    tx.insert(workspaces).values({ slug: `bench-audit-${Date.now().toString(36)}`, name: 'Bench audit' }).returning({ id: workspaces.id }),
  );
  const tenantId = workspace!.id;
  const chain = workspaceChain(tenantId);
  let prevHash: string | null = null;
  const base = Date.now() - ROWS * 1000;
  for (let offset = 0; offset < ROWS; offset += 2000) {
    const batch: Array<HashedAuditFields & { hash: string }> = [];
    for (let seq = offset + 1; seq <= Math.min(ROWS, offset + 2000); seq += 1) {
      const fields: HashedAuditFields = {
        chain,
        seq,
        prevHash,
        tenantId,
        actorUserId: null,
        actorLabel: 'bench@example.test',
        action: seq % 3 === 0 ? 'member.role_changed' : 'workspace.updated',
        targetType: 'workspace',
        targetId: tenantId,
        ip: '203.0.113.7',
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) bench',
        metadata: { seq, field: 'timezone', from: 'UTC', to: 'Asia/Riyadh' },
        createdAt: new Date(base + seq * 1000),
      };
      const hash = auditRowHash(fields);
      batch.push({ ...fields, hash });
      prevHash = hash;
    }
    await withSystem('bench: bench seed audit', (tx) => tx.insert(auditLog).values(batch));
  }
  await withSystem('bench: bench analyze', (tx) => tx.execute(sql`analyze audit_log`));
  log(`seeded ${ROWS} entries in ${Math.round(performance.now() - started)} ms (${backend})`);
  return tenantId;
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

try {
  const tenantId = await seed();
  const chain = workspaceChain(tenantId);

  const full: number[] = [];
  for (let i = 0; i < FULL_ROUNDS; i += 1) {
    const { ms, value } = await time(() => withSystem('bench: bench full', (tx) => verifyChain(tx, chain)));
    if (!value.ok || value.rows !== ROWS) throw new Error(`full check failed: ${JSON.stringify(value)}`);
    full.push(ms);
  }

  const store = new MemoryKeyValueStore();
  await checkChainIntegrity(chain, (fn) => withSystem('bench: bench seal', fn), { store });
  await withSystem('bench: bench append', async (tx) => {
    for (let i = 0; i < 5; i += 1) await recordWorkspaceAudit(tx, tenantId, { action: 'workspace.updated', actorUserId: null });
  });
  const sealed: number[] = [];
  for (let i = 0; i < SEALED_ROUNDS; i += 1) {
    const { ms, value } = await time(() => checkChainIntegrity(chain, (fn) => withSystem('bench: bench sealed', fn), { store }));
    if (!value.ok || value.rows !== ROWS + 5) throw new Error(`sealed check failed: ${JSON.stringify(value)}`);
    sealed.push(ms);
  }
  full.sort((a, b) => a - b);
  sealed.sort((a, b) => a - b);
  emit({
    name: 'audit_integrity_check_ms_p50',
    value: round(percentile(sealed, 50), 2),
    unit: 'ms',
    target: TARGET,
    backend,
    rows: ROWS,
    p95_sealed_ms: round(percentile(sealed, 95), 2),
    p50_full_ms: round(percentile(full, 50), 1),
    full_rounds: FULL_ROUNDS,
  });
} finally {
  await database.close();
}
