// Backtest metrics (documented in the README, "Backtest metrics"). Daily returns are equity at each
// UTC midnight over the one before; ratios are annualised with √365 because crypto trades every day.
//   Sharpe  = mean(r) / stdev(r) × √365            (sample stdev, risk-free rate 0)
//   Sortino = mean(r) / √(Σ min(r, 0)² / n) × √365 (downside deviation against 0)
//   Calmar  = annualised return / max drawdown,    annualised = (final / initial)^(365 / days) − 1
// A ratio that has no meaning (fewer than two daily returns, no variation, no drawdown) is null.

export interface DealOutcome {
  net: number;
  openedAt: number;
  closedAt: number | null;
  safetyOrders: number;
}

export interface BacktestMetrics {
  initialBalance: number;
  finalBalance: number;
  finalEquity: number;
  netProfit: number;
  returnPct: number;
  /** Net profit ÷ the most margin the bot ever had committed (positions plus resting entry orders). */
  roiOnMaxCapital: number | null;
  maxCapitalUsed: number;
  /** Deepest fall of equity from its peak, as a fraction of the peak, and in quote. */
  maxDrawdown: number;
  maxDrawdownValue: number;
  /** Deepest unrealised loss of the open position, as a fraction of the wallet balance at the time. */
  maxFloatingDrawdown: number;
  peakEquity: number;
  deals: number;
  closedDeals: number;
  winRate: number | null;
  profitFactor: number | null;
  expectancy: number | null;
  averageWin: number | null;
  averageLoss: number | null;
  sharpe: number | null;
  sortino: number | null;
  calmar: number | null;
  averageDealMinutes: number | null;
  longestDealMinutes: number | null;
  maxSafetyOrdersUsed: number;
  feesPaid: number;
  liquidations: number;
  days: number;
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

export function dailyReturns(dailyEquity: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < dailyEquity.length; i++) if (dailyEquity[i - 1]! > 0) out.push(dailyEquity[i]! / dailyEquity[i - 1]! - 1);
  return out;
}

export function sharpe(returns: readonly number[]): number | null {
  if (returns.length < 2) return null;
  const m = mean(returns);
  const variance = returns.reduce((sum, r) => sum + (r - m) ** 2, 0) / (returns.length - 1);
  return variance > 0 ? (m / Math.sqrt(variance)) * Math.sqrt(365) : null;
}

export function sortino(returns: readonly number[]): number | null {
  if (returns.length < 2) return null;
  const downside = Math.sqrt(returns.reduce((sum, r) => sum + Math.min(r, 0) ** 2, 0) / returns.length);
  return downside > 0 ? (mean(returns) / downside) * Math.sqrt(365) : null;
}

export function calmar(initial: number, final: number, days: number, maxDrawdown: number): number | null {
  if (!(days > 0) || !(maxDrawdown > 0) || !(initial > 0) || !(final > 0)) return null;
  return ((final / initial) ** (365 / days) - 1) / maxDrawdown;
}

export function dealStats(deals: readonly DealOutcome[]) {
  const closed = deals.filter((d) => d.closedAt !== null);
  const wins = closed.filter((d) => d.net > 0);
  const losses = closed.filter((d) => d.net <= 0);
  const grossProfit = wins.reduce((sum, d) => sum + d.net, 0);
  const grossLoss = -losses.reduce((sum, d) => sum + d.net, 0);
  const durations = closed.map((d) => (d.closedAt! - d.openedAt) / 60_000);
  return {
    closedDeals: closed.length,
    winRate: closed.length ? wins.length / closed.length : null,
    profitFactor: grossLoss > 0 ? grossProfit / grossLoss : null,
    expectancy: closed.length ? mean(closed.map((d) => d.net)) : null,
    averageWin: wins.length ? grossProfit / wins.length : null,
    averageLoss: losses.length ? -grossLoss / losses.length : null,
    averageDealMinutes: durations.length ? mean(durations) : null,
    longestDealMinutes: durations.length ? Math.max(...durations) : null,
    maxSafetyOrdersUsed: deals.reduce((max, d) => Math.max(max, d.safetyOrders), 0),
    wins: wins.length,
    losses: losses.length,
  };
}
