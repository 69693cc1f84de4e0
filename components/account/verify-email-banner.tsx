import { InfoIcon } from '@/components/ui/icons';
import type { FormAction } from '@/lib/actions/form-state';
import { ResendVerificationButton } from './resend-verification-button';

/**
 * For AppShell's `banner` slot while the user's address is unconfirmed. Render it only for
 * unverified users (see app/(app)/verify-banner.tsx, which checks).
 */
export function VerifyEmailBanner({
  email,
  action,
}: {
  email: string;
  action: FormAction<unknown>;
}) {
  return (
    <div role="region" aria-label="Confirm your email" className="border-b border-border bg-warning-soft">
      <div className="mx-auto flex max-w-7xl flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:justify-between sm:px-6 lg:px-8">
        <p className="flex items-start gap-2 text-sm text-foreground">
          <InfoIcon className="mt-0.5 size-4 shrink-0 text-warning" />
          <span>
            Confirm your email address: we sent a link to <strong className="break-all">{email}</strong>. Until then, password resets and
            invitations can’t reach you reliably.
          </span>
        </p>
        <ResendVerificationButton action={action} size="sm" className="shrink-0" />
      </div>
    </div>
  );
}
