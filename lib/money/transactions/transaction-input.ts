import { z } from 'zod';
import { currencyCodeSchema } from '@/lib/currency';
import { NO_BUCKET } from '@/lib/money/rules/apply-rules';
import { bucketNameSchema, merchantNameSchema, occasionTagSchema } from '@/lib/money/rules/rule-schema';
import { MONEY_TRANSACTION_RECONCILIATION, MONEY_TRANSACTION_STATUSES } from './transaction-values';

// A transaction as a person types it (forms) or a client sends it (the API, after lib/api turns
// amount_minor into these decimals): amounts in major units of the account's currency, negative
// for money out. Empty text fields mean "none".

export const MAX_SPLITS = 50;
export const MAX_TAGS = 20;

const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

const optionalText = (max: number, what: string) =>
  z.preprocess(blankToNull, z.string().trim().max(max, { error: `Keep ${what} to ${max} characters or fewer.` }).nullable().optional());

export const amountTextSchema = z
  .string({ error: 'Enter an amount such as -12.50.' })
  .trim()
  .regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, { error: 'Enter an amount such as -12.50 (negative for money out), without a currency sign.' });

const categoryIdSchema = z.preprocess(blankToNull, z.uuid({ error: 'Choose a category from the list.' }).nullable().optional());
const isoDate = (what: string) => z.iso.date({ error: `Enter ${what} as a date such as 2026-01-31.` });

export const splitInputSchema = z.strictObject({
  categoryId: categoryIdSchema,
  bucket: bucketNameSchema.default(NO_BUCKET),
  amount: amountTextSchema,
  memo: optionalText(200, 'the note'),
});

const tagsSchema = z
  .array(occasionTagSchema)
  .max(MAX_TAGS, { error: `At most ${MAX_TAGS} tags.` })
  .transform((tags) => [...new Set(tags)]);

const fields = {
  accountId: z.uuid({ error: 'Choose an account.' }),
  bookedOn: isoDate('the date'),
  valueOn: z.preprocess(blankToNull, isoDate('the value date').nullable().optional()),
  amount: amountTextSchema,
  /** Only checked: a transaction is in its account's currency. */
  currency: currencyCodeSchema.optional(),
  payee: z.string({ error: 'Enter the payee.' }).trim().min(1, { error: 'Enter the payee.' }).max(200, { error: 'Keep the payee to 200 characters or fewer.' }),
  merchant: z.preprocess(blankToNull, merchantNameSchema.nullable().optional()),
  memo: optionalText(500, 'the memo'),
  notes: optionalText(2000, 'the notes'),
  categoryId: categoryIdSchema,
  bucket: bucketNameSchema,
  tags: tagsSchema,
  status: z.enum(MONEY_TRANSACTION_STATUSES, { error: 'Choose pending or cleared.' }),
  splits: z.array(splitInputSchema).max(MAX_SPLITS, { error: `At most ${MAX_SPLITS} split lines.` }),
};

export const transactionInputSchema = z.strictObject({
  ...fields,
  bucket: fields.bucket.default(NO_BUCKET),
  tags: fields.tags.default([]),
  status: fields.status.default('cleared'),
  splits: fields.splits.default([]),
});

export const transactionPatchSchema = z.strictObject({
  accountId: fields.accountId.optional(),
  bookedOn: fields.bookedOn.optional(),
  valueOn: fields.valueOn,
  amount: fields.amount.optional(),
  currency: fields.currency,
  payee: fields.payee.optional(),
  merchant: fields.merchant,
  memo: fields.memo,
  notes: fields.notes,
  categoryId: fields.categoryId,
  bucket: fields.bucket.optional(),
  tags: fields.tags.optional(),
  status: fields.status.optional(),
  reconciliation: z.enum(MONEY_TRANSACTION_RECONCILIATION, { error: 'Choose a reconciliation status.' }).optional(),
  /** When sent, replaces the split lines ([] removes them). */
  splits: fields.splits.optional(),
});

export const BULK_MAX = 500;

export const bulkEditSchema = z
  .strictObject({
    ids: z
      .array(z.uuid({ error: 'Select transactions from the list.' }))
      .min(1, { error: 'Select at least one transaction.' })
      .max(BULK_MAX, { error: `Change at most ${BULK_MAX} transactions at once.` })
      .transform((ids) => [...new Set(ids)]),
    /** null clears the category. */
    categoryId: categoryIdSchema,
    bucket: bucketNameSchema.optional(),
    addTags: tagsSchema.optional(),
    removeTags: tagsSchema.optional(),
    /** null clears the merchant. */
    merchant: z.preprocess(blankToNull, merchantNameSchema.nullable().optional()),
  })
  .refine(
    (edit) =>
      edit.categoryId !== undefined || edit.bucket !== undefined || edit.addTags?.length || edit.removeTags?.length || edit.merchant !== undefined,
    { error: 'Choose something to change: a category, a bucket, tags or the merchant.', path: ['form'] },
  );

export type TransactionInput = z.input<typeof transactionInputSchema>;
export type TransactionPatch = z.input<typeof transactionPatchSchema>;
export type BulkEdit = z.input<typeof bulkEditSchema>;
