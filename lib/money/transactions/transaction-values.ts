// The values money_transactions' check constraints allow, for schemas and select lists.

export const MONEY_TRANSACTION_STATUSES = ['pending', 'cleared'] as const;
export type MoneyTransactionStatus = (typeof MONEY_TRANSACTION_STATUSES)[number];

/** manually_entered marks a row a person typed in (no bank line behind it). */
export const MONEY_TRANSACTION_RECONCILIATION = ['unreconciled', 'matched', 'manually_entered', 'ignored'] as const;
export type MoneyReconciliation = (typeof MONEY_TRANSACTION_RECONCILIATION)[number];

export const RECONCILIATION_LABELS: Record<MoneyReconciliation, string> = {
  unreconciled: 'Unreconciled',
  matched: 'Matched',
  manually_entered: 'Entered by hand',
  ignored: 'Ignored',
};
