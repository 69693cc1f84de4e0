import { and, eq, gte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { moneyRecurringPatterns, moneyTransactions } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import type { CurrencyCode } from '@/lib/currency';
import { AppError } from '@/lib/errors/app-error';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { addDays, dayNumber } from './dates';
import { detectRecurring, isMissing, RECURRING_DEFAULTS, RECURRING_FREQUENCIES, upcoming, type RecurringFrequency, type RecurringPattern } from './detect-recurring';

// The workspace's recurring payments: detection over its own non-transfer transactions (pure,
// detect-recurring.ts) joined with the household's decisions on them (money_recurring_patterns,
// keyed by the same merchant key detection groups by).

/** Three yearly occurrences need a little over two years of history; this reads three. */
const HISTORY_DAYS = 3 * 365 + 30;

export type RecurringDecision = 'confirmed' | 'dismissed';
export type RecurringStatus = 'active' | 'paused' | 'ended';

export type RecurringItem = {
  key: string;
  merchant: string;
  frequency: RecurringFrequency;
  confidence: number;
  occurrences: number;
  currency: CurrencyCode;
  /** Money in (a salary) or out (a bill). */
  direction: 'in' | 'out';
  averageMinor: bigint;
  amountMinMinor: bigint;
  amountMaxMinor: bigint;
  firstOn: string;
  lastOn: string;
  lastAmountMinor: bigint;
  nextExpectedOn: string;
  /** The confirmed amount when there is one, else the average: what to expect next. */
  nextAmountMinor: bigint;
  decision: RecurringDecision | null;
  status: RecurringStatus;
  confirmedAmountMinor: bigint | null;
  flags: { missed: boolean; amountWentUp: boolean; isNew: boolean };
};

export type RecurringOverview = { items: RecurringItem[]; upcoming: RecurringItem[]; missed: RecurringItem[]; dismissed: RecurringItem[] };

const abs = (v: bigint) => (v < 0n ? -v : v);

type Decision = typeof moneyRecurringPatterns.$inferSelect;

/**
 * The flags as the page shows them: missed (7 days past the expected date, while active); amount
 * went up (the last amount above the confirmed amount, or above the range when unconfirmed); new
 * (undecided, and it became recurring with a payment within the last period).
 */
export function recurringItem(pattern: RecurringPattern, rows: ReadonlyMap<string, { amountMinor: bigint; currency: string; bookedOn: string }>, decision: Decision | undefined, today: string): RecurringItem {
  const first = rows.get(pattern.transactionIds[0]!)!;
  const last = rows.get(pattern.transactionIds[pattern.transactionIds.length - 1]!)!;
  const lastAbs = abs(last.amountMinor);
  const status = (decision?.decision === 'confirmed' ? decision.status : 'active') as RecurringStatus;
  const confirmed = decision?.decision === 'confirmed' ? decision.confirmedAmountMinor : null;
  const periodDays = RECURRING_FREQUENCIES.find((f) => f.frequency === pattern.frequency)!.expectedDays;
  return {
    key: pattern.key,
    merchant: pattern.merchant,
    frequency: pattern.frequency,
    confidence: pattern.confidence,
    occurrences: pattern.occurrences,
    currency: last.currency as CurrencyCode,
    direction: last.amountMinor > 0n ? 'in' : 'out',
    averageMinor: pattern.averageMinor,
    amountMinMinor: pattern.amountMinMinor,
    amountMaxMinor: pattern.amountMaxMinor,
    firstOn: first.bookedOn,
    lastOn: pattern.lastOn,
    lastAmountMinor: lastAbs,
    nextExpectedOn: pattern.nextExpectedOn,
    nextAmountMinor: confirmed ?? pattern.averageMinor,
    decision: (decision?.decision as RecurringDecision | undefined) ?? null,
    status,
    confirmedAmountMinor: confirmed,
    flags: {
      missed: status === 'active' && isMissing(pattern, today),
      amountWentUp: confirmed !== null ? lastAbs > confirmed : lastAbs > pattern.amountMaxMinor,
      isNew: !decision && pattern.occurrences === RECURRING_DEFAULTS.minOccurrences && dayNumber(today) - dayNumber(pattern.lastOn) <= periodDays,
    },
  };
}

async function detect(tx: Tx, today: string, key?: string) {
  const rows = await tx
    .select({ id: moneyTransactions.id, bookedOn: moneyTransactions.bookedOn, amountMinor: moneyTransactions.amountMinor, currency: moneyTransactions.currency, merchant: moneyTransactions.merchant, payee: moneyTransactions.payee })
    .from(moneyTransactions)
    .where(and(eq(moneyTransactions.isTransfer, false), gte(moneyTransactions.bookedOn, addDays(today, -HISTORY_DAYS))));
  const patterns = detectRecurring(rows, { today });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { patterns: key ? patterns.filter((p) => p.key === key) : patterns, byId };
}

export async function listRecurring(tx: Tx, options: { today: string }): Promise<RecurringOverview> {
  const { today } = options;
  const [{ patterns, byId }, decisions] = await Promise.all([detect(tx, today), tx.select().from(moneyRecurringPatterns)]);
  const byKey = new Map(decisions.map((d) => [d.merchantKey, d]));
  const all = patterns.map((p) => recurringItem(p, byId, byKey.get(p.key), today));
  const items = all.filter((i) => i.decision !== 'dismissed');
  const live = items.filter((i) => i.status === 'active');
  return {
    items,
    upcoming: upcoming(live, today),
    missed: live.filter((i) => i.flags.missed),
    dismissed: all.filter((i) => i.decision === 'dismissed'),
  };
}

export const RECURRING_ACTIONS = ['confirm', 'dismiss', 'pause', 'resume', 'end', 'undo'] as const;

export const recurringDecisionSchema = z.strictObject({
  merchantKey: z.string({ error: 'Choose a recurring payment.' }).trim().min(1, { error: 'Choose a recurring payment.' }).max(200),
  action: z.enum(RECURRING_ACTIONS, { error: 'Choose confirm, dismiss, pause, resume, end or undo.' }),
});

/**
 * The household's word on a pattern: confirm (with its typical amount, which "amount went up"
 * then compares against), dismiss, pause, resume or end a confirmed one, or undo (forget the
 * decision). Returns the pattern as it now stands, or null when it was undone and is no longer detected.
 */
export async function decideRecurring(tx: Tx, ctx: TenantContext, raw: unknown, meta: RequestMeta, options: { today: string }): Promise<RecurringItem | null> {
  const parsed = recurringDecisionSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('validation_failed', parsed.error.issues[0]!.message, { fields: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'form', [i.message]])) });
  const { merchantKey, action } = parsed.data;
  const { today } = options;
  const { patterns, byId } = await detect(tx, today, merchantKey);
  const pattern = patterns[0];
  const [existing] = await tx.select().from(moneyRecurringPatterns).where(eq(moneyRecurringPatterns.merchantKey, merchantKey)).for('update');
  if (!pattern && !existing) throw new AppError('not_found', 'No recurring payment is detected for that merchant.');

  const upsert = async (values: { decision: RecurringDecision; status: RecurringStatus; confirmedAmountMinor: bigint | null }) => {
    await tx
      .insert(moneyRecurringPatterns)
      .values({ tenantId: ctx.tenantId, merchantKey, ...values, decidedBy: ctx.userId })
      .onConflictDoUpdate({ target: [moneyRecurringPatterns.tenantId, moneyRecurringPatterns.merchantKey], set: { ...values, decidedBy: ctx.userId, decidedAt: sql`now()` } });
  };
  if (action === 'confirm') {
    if (!pattern) throw new AppError('conflict', 'That payment is no longer detected as recurring, so it cannot be confirmed.');
    await upsert({ decision: 'confirmed', status: 'active', confirmedAmountMinor: pattern.averageMinor });
  } else if (action === 'dismiss') {
    await upsert({ decision: 'dismissed', status: 'active', confirmedAmountMinor: null });
  } else if (action === 'undo') {
    await tx.delete(moneyRecurringPatterns).where(eq(moneyRecurringPatterns.merchantKey, merchantKey));
  } else {
    if (existing?.decision !== 'confirmed') throw new AppError('conflict', 'Confirm the recurring payment first; then it can be paused, resumed or ended.');
    const status: RecurringStatus = action === 'pause' ? 'paused' : action === 'end' ? 'ended' : 'active';
    await tx.update(moneyRecurringPatterns).set({ status, decidedBy: ctx.userId, decidedAt: sql`now()` }).where(eq(moneyRecurringPatterns.merchantKey, merchantKey));
  }
  await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.recurring_decided', actorUserId: ctx.userId, targetType: 'money_recurring_pattern', targetId: merchantKey, metadata: { action }, ...meta });
  if (!pattern) return null;
  const [decision] = await tx.select().from(moneyRecurringPatterns).where(eq(moneyRecurringPatterns.merchantKey, merchantKey));
  return recurringItem(pattern, byId, decision, today);
}
