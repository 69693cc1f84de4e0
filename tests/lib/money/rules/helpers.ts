import type { RuleTransaction } from '@/lib/money/rules/apply-rules';
import { type MerchantAliasInput, type RuleInput, type StoredMerchantAlias, type StoredRule, merchantAliasSchema, ruleSchema } from '@/lib/money/rules/rule-schema';

export const ACCOUNT_A = '00000000-0000-4000-8000-00000000000a';
export const ACCOUNT_B = '00000000-0000-4000-8000-00000000000b';
export const CAT_GROCERIES = '00000000-0000-4000-8000-000000000c01';
export const CAT_DINING = '00000000-0000-4000-8000-000000000c02';
export const CAT_SHOPPING = '00000000-0000-4000-8000-000000000c03';

let sequence = 0;

/** A saved rule: parsed by the schema (so defaults apply), with an id and an age (older = smaller `age`). */
export function rule(input: Partial<RuleInput> & Pick<RuleInput, 'conditions' | 'actions'>, saved: { id?: string; age?: number } = {}): StoredRule {
  const n = ++sequence;
  return {
    ...ruleSchema.parse({ name: `rule ${n}`, ...input }),
    id: saved.id ?? `rule-${n}`,
    createdAt: new Date(Date.UTC(2025, 0, 1) + (saved.age ?? n) * 60_000),
  };
}

export function alias(input: MerchantAliasInput, saved: { id?: string; age?: number } = {}): StoredMerchantAlias {
  const n = ++sequence;
  return {
    ...merchantAliasSchema.parse(input),
    id: saved.id ?? `alias-${n}`,
    createdAt: new Date(Date.UTC(2025, 0, 1) + (saved.age ?? n) * 60_000),
  };
}

export function tx(overrides: Partial<RuleTransaction> = {}): RuleTransaction {
  return { payee: 'WHOLE FOODS MKT #10234', memo: null, merchant: null, amountMinor: -4599n, currency: 'USD', accountId: ACCOUNT_A, ...overrides };
}

export const NOW = new Date('2025-06-01T12:00:00Z');
