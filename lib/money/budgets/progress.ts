import type { Tx } from '@/db/tenant';
import { dayNumber } from '@/lib/money/recurring/dates';
import {
  budgetStatus,
  MAX_CHAIN,
  percentOf,
  periodEndOf,
  periodStartOf,
  periodStartsBetween,
  projectedSpend,
  rolloverChain,
  type BudgetPeriod,
  type BudgetStatus,
} from './budget-math';
import { listBudgets, type BudgetItem } from './budgets';
import { spentByPeriod } from './spent';

export type BudgetProgress = {
  budget: BudgetItem;
  periodStart: string;
  periodEnd: string;
  /** What earlier periods left unspent and rolled into this one (0 without rollover). */
  carriedMinor: bigint;
  /** The amount plus what was carried: what the period may spend. */
  availableMinor: bigint;
  spentMinor: bigint;
  remainingMinor: bigint;
  percent: number;
  status: BudgetStatus;
  projectedMinor: bigint;
};

/** A rollover chain starts in the period the budget was created in (its first). */
function chainStart(budget: Pick<BudgetItem, 'period' | 'createdAt'>, target: string): string {
  const created = periodStartOf(budget.period, budget.createdAt.toISOString().slice(0, 10));
  return created < target ? created : target;
}

/** The periods a chain reads, oldest first: from `first` to `target`, at most MAX_CHAIN (the newest). */
export function chainStarts(period: BudgetPeriod, first: string, target: string): string[] {
  return periodStartsBetween(period, first, target, Number.MAX_SAFE_INTEGER).slice(-MAX_CHAIN);
}

/**
 * Every budget's standing for the period holding `day`, as of `today` (the household's own day,
 * resolved in the workspace's time zone by the caller). Without rollover only that period's
 * spending is read; with rollover the chain from the budget's first period.
 */
export async function budgetProgressFor(tx: Tx, budgets: readonly BudgetItem[], day: string, today: string): Promise<BudgetProgress[]> {
  if (!budgets.length) return [];
  const plan = budgets.map((budget) => {
    const target = periodStartOf(budget.period, day);
    const first = budget.rollover ? chainStart(budget, target) : target;
    return { budget, target, starts: chainStarts(budget.period, first, target) };
  });
  const from = plan.reduce((min, p) => (p.starts[0]! < min ? p.starts[0]! : min), plan[0]!.starts[0]!);
  const to = plan.reduce((max, p) => {
    const end = periodEndOf(p.budget.period, p.target);
    return end > max ? end : max;
  }, periodEndOf(plan[0]!.budget.period, plan[0]!.target));
  const spent = await spentByPeriod(tx, budgets, from, to);
  return plan.map(({ budget, target, starts }) => {
    const chain = rolloverChain(budget.amountMinor, starts, spent.get(budget.id) ?? new Map(), budget.rollover);
    const current = chain[chain.length - 1]!;
    return {
      budget,
      periodStart: target,
      periodEnd: periodEndOf(budget.period, target),
      carriedMinor: current.carriedMinor,
      availableMinor: current.availableMinor,
      spentMinor: current.spentMinor,
      remainingMinor: current.availableMinor - current.spentMinor,
      percent: percentOf(current.spentMinor, current.availableMinor),
      status: budgetStatus(current.spentMinor, current.availableMinor),
      projectedMinor: projectedSpend(budget.period, target, current.spentMinor, today),
    };
  });
}

export async function listBudgetProgress(tx: Tx, options: { month: string; today: string }): Promise<BudgetProgress[]> {
  return budgetProgressFor(tx, await listBudgets(tx), `${options.month}-01`, options.today);
}

/** Days into the period (for "day 12 of 31"). */
export function dayOfPeriod(period: BudgetPeriod, start: string, today: string): number {
  return dayNumber(today) - dayNumber(start) + 1;
}
