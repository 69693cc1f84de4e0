/**
 * How many members a workspace may have. A flat 10 until billing lands: `entitlements(workspace)`
 * in lib/billing will supply the plan's seat count, and this becomes a call to it.
 */
export function seatLimitFor(workspace: { id: string }): number {
  void workspace;
  return 10;
}
