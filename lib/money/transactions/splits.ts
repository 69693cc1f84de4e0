// Split lines divide a transaction's amount over categories and buckets. The issue wins over the
// reference here: split lines sum to the total, so lines saved from now on add up exactly, each
// pointing the same way as the total. Rows split partially before (the reference allowed it, and
// budgets count the rest under the parent's category) still read: `unallocatedMinor` shows
// their rest. Pure.

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
  if (Object.keys(errors).length === 0 && splits.length > 0 && allocated !== totalMinor) {
    errors.splits = [
      abs(allocated) > abs(totalMinor)
        ? 'The split lines add up to more than the transaction.'
        : 'The split lines must add up to the transaction’s amount: part of it is not allocated yet.',
    ];
  }
  return { allocatedMinor: allocated, unallocatedMinor: totalMinor - allocated, errors };
}
