/**
 * Money import — target: 100,000 CSV rows end to end (decode, preset detection, parse, de-dup
 * against the account, insert, quota and audit, through withTenant in one transaction) at ≥ 0.5
 * of a raw `COPY` of the same rows into the same table in the same run.
 *
 * Seeds one workspace on Pro with one checking account, writes a Chase-checking CSV of
 * BENCH_IMPORT_ROWS (100,000) distinct rows over a year, commits it through commitImport, then
 * COPYs the same rows (the values the commit wrote, new ids and hashes) into money_transactions
 * as the database owner — no RLS, no parsing, no checks: the floor.
 * Backend: DATABASE_URL → a fresh database on that server, dropped at the end (COPY needs it);
 * else PGlite in memory, which reports the import alone.
 */
import { emit, log, openBenchDatabase, round } from './support';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
process.env.LOG_LEVEL ??= 'warn';
const database = await openBenchDatabase('tessera_bench_money_import');

const { tenantContext, withSystem, withTenant } = await import('@/db/tenant');
const { memberships, users, workspaces } = await import('@/db/schema');
const { testCheckout } = await import('@/lib/billing/test-checkout');
const { createAccount } = await import('@/lib/money/accounts');
const { commitImport } = await import('@/lib/money/import/commit-import');
const { NO_REQUEST_META } = await import('@/lib/tenancy/request-meta');

const ctx = await withSystem('bench: money import seed', async (tx) => {
  const [user] = await tx.insert(users).values({ email: 'bench-money@example.test' }).returning({ id: users.id });
  const [ws] = await tx.insert(workspaces).values({ slug: 'bench-money', name: 'Bench money', createdBy: user!.id }).returning({ id: workspaces.id });
  await tx.insert(memberships).values({ tenantId: ws!.id, userId: user!.id, role: 'owner' });
  await testCheckout(tx, { tenantId: ws!.id, planId: 'pro', interval: 'month' });
  return tenantContext({ tenantId: ws!.id, userId: user!.id, role: 'owner', via: 'session' });
});
const account = await withTenant(ctx, (tx) => createAccount(tx, ctx, { name: 'Bench checking', type: 'checking', currency: 'USD' }, NO_REQUEST_META));

const lines = ['Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #'];
const start = Date.UTC(2025, 0, 1);
for (let i = 0; i < ROWS; i++) {
  const day = new Date(start + Math.floor((i / ROWS) * 365) * 86_400_000);
  const date = `${String(day.getUTCMonth() + 1).padStart(2, '0')}/${String(day.getUTCDate()).padStart(2, '0')}/${day.getUTCFullYear()}`;
  const cents = 100 + ((i * 7_919) % 50_000);
  lines.push(`DEBIT,${date},"MERCHANT ${i % 997} STORE #${i}",-${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')},DEBIT_CARD,,`);
}
const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
log(`${ROWS} rows, ${round(bytes.byteLength / 1e6, 1)} MB of CSV (${database.backend})`);

const importStarted = performance.now();
const result = await withTenant(ctx, (tx) => commitImport(tx, ctx, { accountId: account.id, fileName: 'bench.csv', bytes }, NO_REQUEST_META));
const importSeconds = (performance.now() - importStarted) / 1000;
if (result.added !== ROWS) throw new Error(`the import added ${result.added} of ${ROWS} rows`);
log(`import: ${round(importSeconds, 2)} s, ${Math.round(ROWS / importSeconds)} rows/s`);

let copySeconds: number | null = null;
if (database.backend === 'postgres') {
  const { default: postgres } = await import('postgres');
  const owner = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  const rows = await owner`select tenant_id, account_id, booked_on::text, amount_minor::text, currency, payee, status, reconciliation, content_hash, global_hash, source_line from money_transactions where account_id = ${account.id}`;
  const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
  const copyStarted = performance.now();
  const stream = await owner`copy money_transactions (tenant_id, account_id, booked_on, amount_minor, currency, payee, status, reconciliation, content_hash, global_hash, source_line) from stdin`.writable();
  const chunk: string[] = [];
  for (const row of rows) {
    chunk.push([row.tenant_id, row.account_id, row.booked_on, row.amount_minor, row.currency, escape(row.payee), row.status, row.reconciliation, `copy-${row.content_hash}`, row.global_hash, row.source_line].join('\t'));
    if (chunk.length === 5_000) {
      if (!stream.write(chunk.join('\n') + '\n')) await new Promise((resolve) => stream.once('drain', resolve));
      chunk.length = 0;
    }
  }
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    stream.end(chunk.length ? chunk.join('\n') + '\n' : undefined);
  });
  copySeconds = (performance.now() - copyStarted) / 1000;
  await owner.end();
  log(`COPY: ${round(copySeconds, 2)} s, ${Math.round(ROWS / copySeconds)} rows/s`);
}

emit({
  name: 'money-import',
  value: round(ROWS / importSeconds, 0),
  unit: 'rows/s',
  target: '≥ 0.5 of COPY’s rate for 100,000 CSV rows',
  backend: database.backend,
  rows: ROWS,
  importSeconds: round(importSeconds, 2),
  copySeconds: copySeconds === null ? null : round(copySeconds, 2),
  ratioToCopy: copySeconds === null ? null : round(copySeconds / importSeconds, 3),
});
await database.close();
