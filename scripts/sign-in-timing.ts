// Does a wrong password take longer for an email that has an account than for one that doesn't?
// Against a running production server (`npm run build && next start`) on the same database:
//
//   DATABASE_URL=… REDIS_URL=… CLIENT_IP_SOURCE=xff TRUSTED_PROXY_HOPS=1 npx next start -p 3000
//   DATABASE_URL=… BASE_URL=http://localhost:3000 npx tsx scripts/sign-in-timing.ts [pairs=100]
//
// It creates one account per pair (so no account reaches the lockout or the per-account limit),
// then times pairs of password sign-ins through Auth.js's credentials endpoint — (known email +
// wrong password) and (unknown email + wrong password), in random order within each pair, each
// from its own client address so the per-IP limit never interferes — and prints one JSON line.
import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { closeDatabase } from '@/db/client';
import { users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { hashPassword } from '@/lib/auth/password';
import { BASE_URL, passwordSignIn, percentile, round } from './support/http-client';

const pairs = Number(process.argv[2] ?? 100);
const run = randomUUID().slice(0, 8);
const WRONG = 'not the password 1234';

const passwordHash = await hashPassword(`right password ${run}`);
const known = Array.from({ length: pairs }, (_, i) => `timing-${run}-${i}@example.test`);
await withSystem('bench: sign-in timing accounts', (tx) =>
  tx.insert(users).values(known.map((email) => ({ email, passwordHash, emailVerified: new Date() }))),
);

// One unmeasured round first: the first requests pay for compilation caches and connections.
await passwordSignIn(`warmup-${run}@example.test`, WRONG);
await passwordSignIn(known[0]!, WRONG);

const knownMs: number[] = [];
const unknownMs: number[] = [];
let knownSlower = 0;
const unexpected: string[] = [];
for (let i = 0; i < pairs; i++) {
  const email = known[(i + 1) % pairs]!;
  const stranger = `nobody-${run}-${i}@example.test`;
  const order = Math.random() < 0.5 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const);
  const result: Record<string, number> = {};
  for (const which of order) {
    const outcome = await passwordSignIn(which === 'known' ? email : stranger, WRONG);
    if (outcome.code !== 'credentials' && outcome.code !== 'CredentialsSignin') unexpected.push(`${which}: ${outcome.status} ${outcome.location}`);
    result[which] = outcome.ms;
  }
  knownMs.push(result.known!);
  unknownMs.push(result.unknown!);
  if (result.known! > result.unknown!) knownSlower += 1;
}

await withSystem('bench: sign-in timing cleanup', (tx) => tx.delete(users).where(inArray(users.email, known))).catch((error: unknown) => {
  process.stderr.write(`could not delete the ${pairs} timing accounts (timing-${run}-*): ${String(error)}\n`);
});
await closeDatabase();

const summary = (values: number[]) => ({ p50: round(percentile(values, 50)), p90: round(percentile(values, 90)), min: round(Math.min(...values)), max: round(Math.max(...values)) });
process.stdout.write(
  `${JSON.stringify({
    name: 'sign_in_timing_known_vs_unknown',
    base: BASE_URL,
    pairs,
    unit: 'ms',
    known: summary(knownMs),
    unknown: summary(unknownMs),
    median_difference_ms: round(percentile(knownMs, 50) - percentile(unknownMs, 50), 2),
    known_slower_pairs: knownSlower,
    unexpected_answers: unexpected.length,
  })}\n`,
);
if (unexpected.length) process.stderr.write(`unexpected answers (not a plain wrong-password refusal):\n${unexpected.slice(0, 5).join('\n')}\n`);
