import { desc, ne } from 'drizzle-orm';
import { moneyTransactions } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { evaluateRules, RuleSet } from '@/lib/money/rules/apply-rules';
import type { Rule } from '@/lib/money/rules/rule-schema';
import { loadRules } from '@/lib/money/rules/store';
import { suggestRuleFromRecategorisation } from '@/lib/money/rules/suggest';
import type { MoneyTransaction } from './transactions';

// After a hand recategorisation: the rule that would have done it, shown with a one-click
// "create this rule". Only the most recent transactions are looked at for the "would also match"
// figure: it is a hint, and the rule's own test shows every match before it is applied.

const SIMILAR_WINDOW = 2000;

export type RecategorisationSuggestion = { rule: Rule; matches: number; wouldChange: number };

export async function suggestAfterRecategorisation(tx: Tx, transaction: MoneyTransaction, categoryId: string): Promise<RecategorisationSuggestion | null> {
  const rules = new RuleSet(await loadRules(tx));
  // A rule already files it there: nothing to suggest.
  if (evaluateRules(transaction, rules).categoryId === categoryId) return null;
  const similar = await tx
    .select({
      id: moneyTransactions.id,
      payee: moneyTransactions.payee,
      memo: moneyTransactions.memo,
      merchant: moneyTransactions.merchant,
      amountMinor: moneyTransactions.amountMinor,
      currency: moneyTransactions.currency,
      accountId: moneyTransactions.accountId,
      categoryId: moneyTransactions.categoryId,
    })
    .from(moneyTransactions)
    .where(ne(moneyTransactions.id, transaction.id))
    .orderBy(desc(moneyTransactions.bookedOn))
    .limit(SIMILAR_WINDOW);
  return suggestRuleFromRecategorisation(transaction, categoryId, similar);
}
