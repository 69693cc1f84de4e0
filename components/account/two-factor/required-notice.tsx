import Link from 'next/link';
import type { TwoFactorRequirementNotice } from '@/lib/tenancy/two-factor-notice';

/**
 * Above the two-factor card when a workspace sent the user here (`?required=<slug>`): why, and once
 * two-factor is on (or the workspace stops requiring it), the way back.
 */
export function TwoFactorRequiredNotice({ notice, twoFactorOn }: { notice: TwoFactorRequirementNotice; twoFactorOn: boolean }) {
  const home = `/w/${encodeURIComponent(notice.slug)}`;
  if (notice.blocking) {
    return (
      <p role="status" data-testid="two-factor-required" className="rounded-lg border border-warning-border bg-warning-soft px-4 py-3 text-sm text-foreground">
        <strong className="font-semibold">{notice.name}</strong> requires two-factor authentication. Turn it on to continue.
      </p>
    );
  }
  return (
    <p role="status" data-testid="two-factor-required" className="rounded-lg border border-success-border bg-success-soft px-4 py-3 text-sm text-foreground">
      {twoFactorOn ? 'Two-factor authentication is on. ' : ''}
      <Link href={home} className="font-medium text-accent underline-offset-4 hover:underline">
        Continue to {notice.name}
      </Link>
    </p>
  );
}
