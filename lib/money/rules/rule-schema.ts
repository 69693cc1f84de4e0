import { z } from 'zod';

// Category rules and merchant aliases as a person edits them (forms and the API). Pure: the engine
// (apply-rules.ts) trusts these shapes and never re-validates them. Every message reads as a
// field error.

export const TEXT_FIELDS = ['payee', 'memo', 'merchant'] as const;
export const TEXT_OPS = ['contains', 'equals', 'starts_with', 'regex'] as const;
export const MERCHANT_NAME_MAX = 50;
export const PATTERN_MAX = 200;
export const RULE_PRIORITY_MAX = 1_000_000;

// ---------------------------------------------------------------------------------------------
// Regular expressions: compiled here so a bad one is refused when saved, not skipped at import.

/** The flags a rule's or alias's regex runs with. */
export function regexFlags(caseSensitive: boolean): string {
  return caseSensitive ? 'u' : 'iu';
}

/** Null when `source` compiles (with the `u` flag), else the engine's reason. */
export function regexError(source: string): string | null {
  try {
    new RegExp(source, 'u');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
  }
}

/**
 * `*`, `+`, `{n,}` and `{n,m}` with m > n and m > 1 repeat their atom a varying number of times
 * (`repeats`); `?` and `{n}` don't.
 */
function readQuantifier(source: string, at: number): { length: number; repeats: boolean } | null {
  const c = source[at];
  if (c === '*' || c === '+') return { length: 1, repeats: true };
  if (c === '?') return { length: 1, repeats: false };
  if (c !== '{') return null;
  const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
  if (!braces) return null;
  const [whole, min, comma, max] = braces;
  const repeats = comma !== undefined && (max === '' || (Number(max) > Number(min) && Number(max) > 1));
  return { length: whole.length, repeats };
}

/**
 * A small check for the classic catastrophic-backtracking shape: a group that holds a repeating
 * quantifier and is itself repeated — `(a+)+`, `(\w*)*`, `(?:x+y?){2,}`, `((ab)+c)*`. It does not
 * look for overlapping alternatives like `(a|a)+`; patterns are also capped at 200 characters and
 * only ever run on one transaction's text.
 */
export function hasNestedQuantifier(source: string): boolean {
  const stack: { inner: boolean }[] = [{ inner: false }];
  let closedGroup: { inner: boolean } | null = null;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1];
      // \u{…}, \p{…}, \P{…} and \k<…> carry braces or brackets that are not quantifiers.
      if ((next === 'u' || next === 'p' || next === 'P') && source[i + 2] === '{') {
        const end = source.indexOf('}', i + 3);
        i = end === -1 ? source.length : end;
      } else if (next === 'k' && source[i + 2] === '<') {
        const end = source.indexOf('>', i + 3);
        i = end === -1 ? source.length : end;
      } else i++;
      closedGroup = null;
      continue;
    }
    if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      closedGroup = null;
      continue;
    }
    if (c === '(') {
      stack.push({ inner: false });
      if (source[i + 1] === '?') {
        if (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') {
          const end = source.indexOf('>', i + 3);
          i = end === -1 ? source.length : end;
        } else i += source[i + 2] === '<' ? 3 : 2;
      }
      closedGroup = null;
      continue;
    }
    if (c === ')') {
      const frame = stack.length > 1 ? stack.pop()! : { inner: false };
      if (frame.inner) stack[stack.length - 1]!.inner = true;
      closedGroup = frame;
      continue;
    }
    const quantifier = readQuantifier(source, i);
    if (quantifier) {
      if (closedGroup?.inner && quantifier.repeats) return true;
      if (quantifier.repeats) stack[stack.length - 1]!.inner = true;
      i += quantifier.length - 1;
      if (source[i + 1] === '?') i++; // lazy
      closedGroup = null;
      continue;
    }
    closedGroup = null;
  }
  return false;
}

/** The field error for a pattern a person typed as a regex, or null when it is fine to save. */
export function regexProblem(source: string): string | null {
  const invalid = regexError(source);
  if (invalid) return `That is not a valid regular expression (${invalid}).`;
  if (hasNestedQuantifier(source)) {
    return 'That regular expression repeats a group that itself repeats, like (a+)+, which can take minutes to run. Remove the inner or the outer repetition.';
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Small pieces.

const text = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}.` })
    .trim()
    .min(1, { error: `Enter ${what}.` })
    .max(max, { error: `Keep ${what} to ${max} characters or fewer.` });

const uuid = (what: string) => z.uuid({ error: `Choose ${what}.` });

/** A non-negative amount in major units, as typed: "12", "12.5", "0.99". Parsed per currency at match time. */
const AMOUNT_TEXT = /^\d+(\.\d+)?$|^\.\d+$/;
const amountText = (what: string) =>
  z
    .string({ error: `Enter ${what} as a number, like 12.34.` })
    .trim()
    .superRefine((value, ctx) => {
      const message =
        value === ''
          ? `Enter ${what}.`
          : /^[+-]/.test(value)
            ? `Enter ${what} without a sign: amounts are compared without it. Add a direction condition for money in or out.`
            : AMOUNT_TEXT.test(value)
              ? null
              : `Enter ${what} as a number, like 12.34 (no currency symbol or thousands separators).`;
      if (message) ctx.addIssue({ code: 'custom', message });
    });

/** A decimal string → a comparable [whole, fraction] pair, with no floats. */
function compareAmountText(a: string, b: string): number {
  const [aw = '', af = ''] = a.split('.');
  const [bw = '', bf = ''] = b.split('.');
  const wa = aw.replace(/^0+/, '');
  const wb = bw.replace(/^0+/, '');
  if (wa.length !== wb.length) return wa.length - wb.length;
  if (wa !== wb) return wa < wb ? -1 : 1;
  const width = Math.max(af.length, bf.length);
  const fa = af.padEnd(width, '0');
  const fb = bf.padEnd(width, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/** Lower case, runs of spaces → one dash (the reference's account-tag spelling). */
function slug(value: string): string {
  return value.trim().toLowerCase().replace(/\s+/g, '-');
}
const SLUG = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u;

/** A bucket name, `groceries` (a `bucket:` prefix is accepted and dropped). */
export const bucketNameSchema = z
  .string({ error: 'Choose a bucket.' })
  .transform((value) => slug(value).replace(/^bucket:/, ''))
  .pipe(
    z
      .string()
      .min(1, { error: 'Choose a bucket.' })
      .max(MERCHANT_NAME_MAX, { error: `Keep a bucket name to ${MERCHANT_NAME_MAX} characters or fewer.` })
      .regex(SLUG, { error: 'A bucket name is letters, digits and dashes, like home-improvement.' }),
  );

/** An occasion tag, `vacation-2025` (an `occasion:` prefix is accepted and dropped). */
export const occasionTagSchema = z
  .string({ error: 'Enter a tag.' })
  .transform((value) => slug(value))
  .refine((value) => !/^(bucket|account):/.test(value), {
    error: 'Buckets and account tags are not added here: use "Set bucket" for a bucket; account tags come from the account.',
  })
  .transform((value) => value.replace(/^occasion:/, ''))
  .pipe(
    z
      .string()
      .min(1, { error: 'Enter a tag.' })
      .max(MERCHANT_NAME_MAX, { error: `Keep a tag to ${MERCHANT_NAME_MAX} characters or fewer.` })
      .regex(SLUG, { error: 'A tag is letters, digits and dashes, like vacation-2025.' }),
  );

// ---------------------------------------------------------------------------------------------
// Conditions.

export const textConditionSchema = z
  .strictObject({
    field: z.enum(TEXT_FIELDS, { error: 'Choose payee, memo or merchant.' }),
    op: z.enum(TEXT_OPS, { error: 'Choose contains, equals, starts with or matches (regex).' }),
    value: z
      .string({ error: 'Enter the text to look for.' })
      .min(1, { error: 'Enter the text to look for.' })
      .max(PATTERN_MAX, { error: `Keep the text to ${PATTERN_MAX} characters or fewer.` })
      .refine((value) => value.trim() !== '', { error: 'Enter the text to look for.' }),
    caseSensitive: z.boolean().default(false),
  })
  .superRefine((condition, ctx) => {
    if (condition.op !== 'regex') return;
    const problem = regexProblem(condition.value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  });

export const amountBetweenConditionSchema = z
  .strictObject({
    field: z.literal('amount'),
    op: z.literal('between'),
    min: amountText('the smallest amount').optional(),
    max: amountText('the largest amount').optional(),
  })
  .superRefine((condition, ctx) => {
    if (condition.min === undefined && condition.max === undefined) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'Enter a smallest amount, a largest amount, or both.' });
    } else if (condition.min !== undefined && condition.max !== undefined && compareAmountText(condition.min, condition.max) > 0) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'The largest amount must not be smaller than the smallest amount.' });
    }
  });

export const amountEqualsConditionSchema = z.strictObject({
  field: z.literal('amount'),
  op: z.literal('equals'),
  value: amountText('the amount'),
});

export const directionConditionSchema = z.strictObject({
  field: z.literal('direction'),
  value: z.enum(['in', 'out'], { error: 'Choose money in or money out.' }),
});

export const accountConditionSchema = z.strictObject({
  field: z.literal('account'),
  accountIds: z
    .array(uuid('an account'), { error: 'Choose at least one account.' })
    .min(1, { error: 'Choose at least one account.' })
    .max(100, { error: 'Choose at most 100 accounts.' })
    .transform((ids) => [...new Set(ids)]),
});

export const conditionSchema = z.discriminatedUnion(
  'field',
  [
    textConditionSchema,
    z.discriminatedUnion('op', [amountBetweenConditionSchema, amountEqualsConditionSchema], {
      error: 'Choose "between" or "equals" for an amount.',
    }),
    directionConditionSchema,
    accountConditionSchema,
  ],
  { error: 'Choose what to match: payee, memo, merchant, amount, direction or account.' },
);

export type TextCondition = z.output<typeof textConditionSchema>;
export type AmountBetweenCondition = z.output<typeof amountBetweenConditionSchema>;
export type AmountEqualsCondition = z.output<typeof amountEqualsConditionSchema>;
export type DirectionCondition = z.output<typeof directionConditionSchema>;
export type AccountCondition = z.output<typeof accountConditionSchema>;
export type Condition = z.output<typeof conditionSchema>;
export type ConditionInput = z.input<typeof conditionSchema>;

// ---------------------------------------------------------------------------------------------
// Actions.

export const merchantNameSchema = text('a merchant name', MERCHANT_NAME_MAX);

export const actionSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('set_category'), categoryId: uuid('a category') }),
    z.strictObject({ type: z.literal('set_bucket'), bucket: bucketNameSchema }),
    z.strictObject({
      type: z.literal('add_tags'),
      tags: z
        .array(occasionTagSchema, { error: 'Enter at least one tag.' })
        .min(1, { error: 'Enter at least one tag.' })
        .max(20, { error: 'Add at most 20 tags in one rule.' })
        .transform((tags) => [...new Set(tags)]),
    }),
    z.strictObject({ type: z.literal('set_merchant'), merchant: merchantNameSchema }),
    z.strictObject({ type: z.literal('mark_transfer') }),
    z.strictObject({ type: z.literal('skip') }),
  ],
  { error: 'Choose what the rule does: set category, set bucket, add tags, set merchant, mark as transfer or skip.' },
);

export type Action = z.output<typeof actionSchema>;
export type ActionInput = z.input<typeof actionSchema>;
export type ActionType = Action['type'];

// ---------------------------------------------------------------------------------------------
// Rules and aliases.

const prioritySchema = z
  .number({ error: 'Enter a priority as a whole number.' })
  .int({ error: 'Enter a priority as a whole number.' })
  .min(-RULE_PRIORITY_MAX, { error: `Enter a priority between ${-RULE_PRIORITY_MAX} and ${RULE_PRIORITY_MAX}.` })
  .max(RULE_PRIORITY_MAX, { error: `Enter a priority between ${-RULE_PRIORITY_MAX} and ${RULE_PRIORITY_MAX}.` });

export const ruleSchema = z
  .strictObject({
    name: text('a name for the rule', 100),
    priority: prioritySchema.default(0),
    match: z.enum(['all', 'any'], { error: 'Choose whether all conditions or any one of them must match.' }).default('all'),
    conditions: z
      .array(conditionSchema, { error: 'Add at least one condition.' })
      .min(1, { error: 'Add at least one condition.' })
      .max(20, { error: 'A rule has at most 20 conditions.' }),
    actions: z
      .array(actionSchema, { error: 'Add at least one action.' })
      .min(1, { error: 'Add at least one action.' })
      .max(10, { error: 'A rule has at most 10 actions.' }),
    enabled: z.boolean().default(true),
  })
  .superRefine((rule, ctx) => {
    const seen = new Map<ActionType, number>();
    rule.actions.forEach((action, index) => {
      if (seen.has(action.type)) {
        ctx.addIssue({ code: 'custom', path: ['actions', index, 'type'], message: 'This rule already has that action: keep one of them.' });
      } else seen.set(action.type, index);
    });
  });

export type RuleInput = z.input<typeof ruleSchema>;
export type Rule = z.output<typeof ruleSchema>;

/** A saved rule: what the engine receives (ordering needs the age). */
export type StoredRule = Rule & { id: string; createdAt: Date };

export const merchantAliasSchema = z
  .strictObject({
    pattern: z
      .string({ error: 'Enter the payee text to recognise.' })
      .min(1, { error: 'Enter the payee text to recognise.' })
      .max(PATTERN_MAX, { error: `Keep the pattern to ${PATTERN_MAX} characters or fewer.` })
      .refine((value) => value.trim() !== '', { error: 'Enter the payee text to recognise.' }),
    kind: z.enum(['exact', 'contains', 'regex'], { error: 'Choose exact, contains or regex.' }).default('contains'),
    merchant: merchantNameSchema,
    priority: prioritySchema.default(0),
  })
  .superRefine((alias, ctx) => {
    if (alias.kind !== 'regex') return;
    const problem = regexProblem(alias.pattern);
    if (problem) ctx.addIssue({ code: 'custom', path: ['pattern'], message: problem });
  });

export type MerchantAliasInput = z.input<typeof merchantAliasSchema>;
export type MerchantAlias = z.output<typeof merchantAliasSchema>;
export type StoredMerchantAlias = MerchantAlias & { id: string; createdAt: Date };
