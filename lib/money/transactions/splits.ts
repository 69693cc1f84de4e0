// Split lines divide a transaction's amount over categories and buckets. As in the reference a
// split may be partial: the lines need not add up to the total, and the rest is shown as
// unallocated. What they may not do is run past the total or point the other way. Pure.

export type SplitAmount = { amountMinor: bigint };

export type SplitCheck = {
  allocatedMinor: bigint;
  /** total − allocated: same sign as the total, or zero when fully allocated. */
  unallocatedMinor: bigint;
  /** Field errors keyed `splits.<i>.amount` (or `splits` for the sum). */
  errors: Record<string, string[]>;
};

const sign = (value: bigint) => (value > 0n ? 1 : value < 0n ? -1 : 0);
const abs = (value: bigint) => (value < 0n ? -value : value);

export function checkSplits(totalMinor: bigint, splits: readonly SplitAmount[]): SplitCheck {
  const errors: Record<string, string[]> = {};
  let allocated = 0n;
  splits.forEach((split, index) => {
    allocated += split.amountMinor;
    if (split.amountMinor === 0n) errors[`splits.${index}.amount`] = ['A split line needs an amount.'];
    else if (totalMinor === 0n) errors[`splits.${index}.amount`] = ['A transaction of zero cannot be split.'];
    else if (sign(split.amountMinor) !== sign(totalMinor)) {
      errors[`splits.${index}.amount`] = [totalMinor < 0n ? 'This is money out: enter the split as a negative amount.' : 'This is money in: enter the split as a positive amount.'];
    }
  });
  if (Object.keys(errors).length === 0 && abs(allocated) > abs(totalMinor)) {
    errors.splits = ['The split lines add up to more than the transaction.'];
  }
  return { allocatedMinor: allocated, unallocatedMinor: totalMinor - allocated, errors };
}
