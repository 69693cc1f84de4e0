import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { moneyBudgets, moneyRules, moneySavedFilters, moneyTags, moneyTransactions, moneyTransactionSplits, MONEY_TAG_NAMESPACES } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { bumpMoneyCache } from './cache-version';
import { NO_BUCKET } from './rules/apply-rules';
import { bucketNameSchema, occasionTagSchema, type Action } from './rules/rule-schema';
import { fieldError, parseOrThrow } from './transactions/field-errors';

// Buckets (one per transaction) and occasion tags (any number). Transactions carry a tag's name,
// not its id, as the reference does: renaming one rewrites the transactions, split lines, rules,
// budgets and saved filters that name it, in the same transaction. Account tags follow their
// account (lib/money/defaults) and are only recoloured here.

export type MoneyTagNamespace = (typeof MONEY_TAG_NAMESPACES)[number];
export type MoneyTag = typeof moneyTags.$inferSelect;
export type TagWithUse = MoneyTag & { transactions: number };

const COLOR = /^#[0-9a-f]{6}$/i;
const colorSchema = z.preprocess((v) => (v === '' ? null : v), z.string().regex(COLOR, { error: 'A colour such as #3b82f6.' }).nullable().optional());
const descriptionSchema = z.preprocess((v) => (v === '' ? null : v), z.string().trim().max(200, { error: 'At most 200 characters.' }).nullable().optional());

export const tagInputSchema = z.discriminatedUnion('namespace', [
  z.strictObject({ namespace: z.literal('bucket'), name: bucketNameSchema, color: colorSchema, description: descriptionSchema }),
  z.strictObject({ namespace: z.literal('occasion'), name: occasionTagSchema, color: colorSchema, description: descriptionSchema }),
], { error: 'Choose bucket or occasion.' });

export const tagPatchSchema = z.strictObject({
  name: z.string().optional(),
  color: colorSchema,
  description: descriptionSchema,
  sortOrder: z.coerce.number().int().min(0).max(10_000).optional(),
});

/** Adds the tag rows for names used on transactions (idempotent), so every name in use is listed. */
export async function ensureTagNames(tx: Tx, tenantId: string, namespace: 'bucket' | 'occasion', names: readonly string[]): Promise<void> {
  const unique = [...new Set(names)].filter((name) => name !== '');
  if (!unique.length) return;
  await tx.insert(moneyTags).values(unique.map((name) => ({ tenantId, namespace, name }))).onConflictDoNothing();
}

export async function listTags(tx: Tx, namespace?: MoneyTagNamespace): Promise<TagWithUse[]> {
  const tags = await tx
    .select()
    .from(moneyTags)
    .where(namespace ? eq(moneyTags.namespace, namespace) : undefined)
    .orderBy(asc(moneyTags.namespace), asc(moneyTags.sortOrder), asc(moneyTags.name));
  const buckets = await tx.select({ name: moneyTransactions.bucket, n: count() }).from(moneyTransactions).groupBy(moneyTransactions.bucket);
  const occasions = await tx
    .select({ name: sql<string>`tag`, n: count() })
    .from(sql`${moneyTransactions}, unnest(${moneyTransactions.tags}) as tag`)
    .groupBy(sql`tag`);
  // An account tag is carried by every transaction on its account.
  const accounts = await tx.select({ id: moneyTransactions.accountId, n: count() }).from(moneyTransactions).groupBy(moneyTransactions.accountId);
  const bucketUse = new Map(buckets.map((b) => [b.name, b.n]));
  const occasionUse = new Map(occasions.map((o) => [o.name, o.n]));
  const accountUse = new Map(accounts.map((a) => [a.id, a.n]));
  const use = (tag: MoneyTag) => {
    if (tag.namespace === 'bucket') return bucketUse.get(tag.name) ?? 0;
    if (tag.namespace === 'occasion') return occasionUse.get(tag.name) ?? 0;
    return tag.accountId ? (accountUse.get(tag.accountId) ?? 0) : 0;
  };
  return tags.map((tag) => ({ ...tag, transactions: use(tag) }));
}

export async function getTagOrThrow(tx: Tx, id: string): Promise<MoneyTag> {
  const [row] = await tx.select().from(moneyTags).where(eq(moneyTags.id, id));
  if (!row) throw new AppError('not_found', 'That tag does not exist.');
  return row;
}

const duplicate = (namespace: string, name: string) =>
  fieldError('name', `There is already a${namespace === 'occasion' ? 'n occasion' : ' bucket'} named “${name}”.`, 'conflict');

export async function createTag(tx: Tx, ctx: TenantContext, raw: unknown): Promise<MoneyTag> {
  const input = parseOrThrow(tagInputSchema, raw);
  const [last] = await tx.select({ max: sql<number>`coalesce(max(${moneyTags.sortOrder}), -1)` }).from(moneyTags).where(eq(moneyTags.namespace, input.namespace));
  const [row] = await tx
    .insert(moneyTags)
    .values({ tenantId: ctx.tenantId, namespace: input.namespace, name: input.name, color: input.color ?? null, description: input.description ?? null, sortOrder: Number(last?.max ?? -1) + 1 })
    .onConflictDoNothing()
    .returning();
  if (!row) throw duplicate(input.namespace, input.name);
  await bumpMoneyCache(tx, ctx.tenantId);
  return row;
}

function renameInActions(actions: Action[], namespace: 'bucket' | 'occasion', from: string, to: string | null): Action[] {
  return actions.flatMap((action): Action[] => {
    if (namespace === 'bucket' && action.type === 'set_bucket' && action.bucket === from) return to ? [{ ...action, bucket: to }] : [];
    if (namespace === 'occasion' && action.type === 'add_tags' && action.tags.includes(from)) {
      const tags = [...new Set(action.tags.flatMap((tag) => (tag === from ? (to ? [to] : []) : [tag])))];
      return tags.length ? [{ ...action, tags }] : [];
    }
    return [action];
  });
}

function renameInFilter(filter: Record<string, unknown>, namespace: 'bucket' | 'occasion', from: string, to: string | null): Record<string, unknown> {
  const keys = namespace === 'bucket' ? ['buckets'] : ['tags', 'excludeTags'];
  const next = { ...filter };
  for (const key of keys) {
    const list = next[key];
    if (Array.isArray(list) && list.includes(from)) next[key] = [...new Set(list.flatMap((v) => (v === from ? (to ? [to] : []) : [v])))];
  }
  return next;
}

/** Rules and saved filters naming the tag, rewritten (to = null removes the name). Returns the rules left with no action. */
async function rewriteReferences(tx: Tx, namespace: 'bucket' | 'occasion', from: string, to: string | null, apply: boolean): Promise<{ emptied: string[] }> {
  const rules = await tx.select({ id: moneyRules.id, name: moneyRules.name, actions: moneyRules.actions }).from(moneyRules);
  const emptied: string[] = [];
  for (const rule of rules) {
    const before = rule.actions as Action[];
    const after = renameInActions(before, namespace, from, to);
    if (JSON.stringify(after) === JSON.stringify(before)) continue;
    if (!after.length) emptied.push(rule.name);
    else if (apply) await tx.update(moneyRules).set({ actions: after, updatedAt: sql`now()` }).where(eq(moneyRules.id, rule.id));
  }
  if (apply && !emptied.length) {
    const filters = await tx.select({ id: moneySavedFilters.id, filter: moneySavedFilters.filter }).from(moneySavedFilters);
    for (const saved of filters) {
      const before = saved.filter as Record<string, unknown>;
      const after = renameInFilter(before, namespace, from, to);
      if (JSON.stringify(after) !== JSON.stringify(before)) await tx.update(moneySavedFilters).set({ filter: after, updatedAt: sql`now()` }).where(eq(moneySavedFilters.id, saved.id));
    }
  }
  return { emptied };
}

export async function updateTag(tx: Tx, ctx: TenantContext, id: string, raw: unknown, meta: RequestMeta): Promise<MoneyTag> {
  const input = parseOrThrow(tagPatchSchema, raw);
  const tag = await getTagOrThrow(tx, id);
  let name: string | undefined;
  if (input.name !== undefined) {
    if (tag.namespace === 'account') throw fieldError('name', 'An account tag follows its account’s name: rename the account instead.');
    name = parseOrThrow(z.object({ name: tag.namespace === 'bucket' ? bucketNameSchema : occasionTagSchema }), { name: input.name }).name;
    if (tag.namespace === 'bucket' && tag.name === NO_BUCKET && name !== NO_BUCKET) throw fieldError('name', 'The “none” bucket means “not filed yet” and keeps its name.');
    if (name === tag.name) name = undefined;
  }
  if (name !== undefined) {
    const namespace = tag.namespace as 'bucket' | 'occasion';
    const [clash] = await tx.select({ id: moneyTags.id }).from(moneyTags).where(and(eq(moneyTags.namespace, namespace), eq(moneyTags.name, name), ne(moneyTags.id, id)));
    if (clash) throw duplicate(namespace, name);
    if (namespace === 'bucket') {
      await tx.update(moneyTransactions).set({ bucket: name, updatedAt: sql`now()` }).where(eq(moneyTransactions.bucket, tag.name));
      await tx.update(moneyTransactionSplits).set({ bucket: name }).where(eq(moneyTransactionSplits.bucket, tag.name));
      await tx.update(moneyBudgets).set({ bucket: name, updatedAt: sql`now()` }).where(eq(moneyBudgets.bucket, tag.name));
    } else {
      await tx
        .update(moneyTransactions)
        .set({ tags: sql`array(select x from unnest(array_replace(${moneyTransactions.tags}, ${tag.name}::text, ${name}::text)) with ordinality as u(x, n) group by x order by min(n))`, updatedAt: sql`now()` })
        .where(sql`${moneyTransactions.tags} @> array[${tag.name}]::text[]`);
    }
    await rewriteReferences(tx, namespace, tag.name, name, true);
    await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.tag_renamed', actorUserId: ctx.userId, targetType: 'money_tag', targetId: id, metadata: { namespace, from: tag.name, to: name }, ...meta });
  }
  const [row] = await tx
    .update(moneyTags)
    .set({
      ...(name !== undefined ? { name } : {}),
      ...(input.color !== undefined ? { color: input.color } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.sortOrder !== undefined ? { sortOrder: input.sortOrder } : {}),
    })
    .where(eq(moneyTags.id, id))
    .returning();
  await bumpMoneyCache(tx, ctx.tenantId);
  return row!;
}

/**
 * Deletes a bucket (its transactions go back to `none`) or an occasion tag (taken off its
 * transactions). Refused for `none`, account tags, a bucket a budget watches, and a tag that is
 * some rule's only action.
 */
export async function deleteTag(tx: Tx, ctx: TenantContext, id: string, meta: RequestMeta): Promise<void> {
  const tag = await getTagOrThrow(tx, id);
  if (tag.namespace === 'account') throw new AppError('conflict', 'An account tag goes when its account does.');
  if (tag.namespace === 'bucket' && tag.name === NO_BUCKET) throw new AppError('conflict', 'The “none” bucket means “not filed yet” and cannot be deleted.');
  const namespace = tag.namespace as 'bucket' | 'occasion';
  if (namespace === 'bucket') {
    const [budget] = await tx.select({ n: count() }).from(moneyBudgets).where(eq(moneyBudgets.bucket, tag.name));
    if (budget?.n) throw new AppError('conflict', `A budget watches the “${tag.name}” bucket: delete that budget first.`);
  }
  const { emptied } = await rewriteReferences(tx, namespace, tag.name, null, false);
  if (emptied.length) throw new AppError('conflict', `The rule${emptied.length === 1 ? '' : 's'} ${emptied.map((n) => `“${n}”`).join(', ')} would be left doing nothing: change or delete ${emptied.length === 1 ? 'it' : 'them'} first.`);
  await rewriteReferences(tx, namespace, tag.name, null, true);
  if (namespace === 'bucket') {
    await tx.update(moneyTransactions).set({ bucket: NO_BUCKET, updatedAt: sql`now()` }).where(eq(moneyTransactions.bucket, tag.name));
    await tx.update(moneyTransactionSplits).set({ bucket: NO_BUCKET }).where(eq(moneyTransactionSplits.bucket, tag.name));
  } else {
    await tx
      .update(moneyTransactions)
      .set({ tags: sql`array_remove(${moneyTransactions.tags}, ${tag.name}::text)`, updatedAt: sql`now()` })
      .where(sql`${moneyTransactions.tags} @> array[${tag.name}]::text[]`);
  }
  await tx.delete(moneyTags).where(eq(moneyTags.id, id));
  await bumpMoneyCache(tx, ctx.tenantId);
  await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.tag_deleted', actorUserId: ctx.userId, targetType: 'money_tag', targetId: id, metadata: { namespace, name: tag.name }, ...meta });
}

/** The names in a namespace, in display order (selects in forms). */
export async function tagNames(tx: Tx, namespace: 'bucket' | 'occasion'): Promise<string[]> {
  const rows = await tx.select({ name: moneyTags.name }).from(moneyTags).where(inArray(moneyTags.namespace, [namespace])).orderBy(asc(moneyTags.sortOrder), asc(moneyTags.name));
  return rows.map((r) => r.name);
}
