'use client';

import { Button } from '@/components/ui/button';
import { AlertTriangleIcon } from '@/components/ui/icons';
import { AuthResultCard } from './auth-result-card';

/** error.tsx body for the account-access pages: nothing about the cause, a way to retry. */
export function AuthSegmentError({ digest, reset }: { digest?: string; reset: () => void }) {
  return (
    <AuthResultCard
      icon={<AlertTriangleIcon />}
      title="Something went wrong"
      actions={
        <>
          <Button onClick={reset}>Try again</Button>
          <Button href="/sign-in" variant="secondary">
            Back to sign in
          </Button>
        </>
      }
    >
      <p>We couldn’t finish that step. Nothing about your account was changed by the failed attempt.</p>
      {digest ? <p className="text-xs">Reference: {digest}</p> : null}
    </AuthResultCard>
  );
}
