/** One thing wrong with a candle file; `row` is as a person counts it in the file, 0 for the file as a whole. */
export interface CandleProblem {
  row: number;
  message: string;
}

const SHOWN = 3;

/** A candle file that cannot be used, with every problem found (not just the first) so it can be fixed in one go. */
export class CandleFileError extends Error {
  constructor(readonly problems: CandleProblem[]) {
    super(summary(problems));
    this.name = 'CandleFileError';
  }
}

function summary(problems: CandleProblem[]): string {
  if (problems.length === 0) return 'invalid candle file';
  const shown = problems.slice(0, SHOWN).map((p) => (p.row > 0 ? `row ${p.row}: ${p.message}` : p.message));
  const rest = problems.length - SHOWN;
  return shown.join('; ') + (rest > 0 ? `; and ${rest} more problem${rest === 1 ? '' : 's'}` : '');
}
