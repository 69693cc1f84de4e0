import type { Metadata } from 'next';
import { AuthResultCard } from '@/components/auth/auth-result-card';
import { TokenButtonForm } from '@/components/auth/token-button-form';
import { ResendVerificationButton } from '@/components/account/resend-verification-button';
import { Button } from '@/components/ui/button';
import { AlertTriangleIcon, CheckCircleIcon, HistoryIcon } from '@/components/ui/icons';
import { verifyEmailToken } from '@/lib/auth/email-verification';
import { currentUser } from '@/lib/tenancy/session';
import { resendVerificationAction } from '@/app/(app)/account/actions';
import { continueSignedInAction, resendFromLinkAction } from './actions';

export const metadata: Metadata = { title: 'Confirm your email', robots: { index: false } };
export const dynamic = 'force-dynamic';

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const raw = (await searchParams).token;
  const token = (Array.isArray(raw) ? raw[0] : raw) ?? '';
  const outcome = await verifyEmailToken(token);

  if (outcome.status === 'verified') {
    const viewer = await currentUser();
    // Signed out with a fresh token: a button that posts it signs in. A link would not do, since
    // mail scanners follow links. Anyone already signed in, or a repeat visit, just goes on.
    const signInToken = viewer ? null : outcome.signInToken;
    const otherAccount = viewer && viewer.id !== outcome.userId ? viewer : null;
    return (
      <AuthResultCard
        icon={<CheckCircleIcon className="text-success" />}
        title="Email address confirmed"
        actions={
          signInToken ? (
            <TokenButtonForm action={continueSignedInAction} token={signInToken} pendingText="Signing in…">
              Continue
            </TokenButtonForm>
          ) : (
            <Button href={outcome.next}>Continue</Button>
          )
        }
      >
        <p>
          Thanks — <strong className="text-foreground">{outcome.email}</strong> is confirmed. You’ll get sign-in links, security notices and
          invitations there.
        </p>
        {otherAccount ? (
          <p>
            You’re signed in as <strong className="text-foreground">{otherAccount.email}</strong>, a different account. To use the one you just
            confirmed, sign out and sign in with {outcome.email}.
          </p>
        ) : null}
      </AuthResultCard>
    );
  }

  if (outcome.status === 'expired') {
    return (
      <AuthResultCard
        icon={<HistoryIcon />}
        title="This link has expired"
        actions={
          <TokenButtonForm action={resendFromLinkAction} token={token} pendingText="Sending…">
            Send a new link
          </TokenButtonForm>
        }
      >
        <p>Confirmation links work for 24 hours. Ask for a new one and we’ll send it to the same address.</p>
      </AuthResultCard>
    );
  }

  const user = await currentUser();
  return (
    <AuthResultCard
      icon={<AlertTriangleIcon />}
      title={outcome.status === 'used' ? 'This link was already used' : 'This link doesn’t work'}
      actions={
        user ? (
          <ResendVerificationButton action={resendVerificationAction} />
        ) : (
          <Button href="/sign-in?callbackUrl=%2Faccount">Sign in to send a new link</Button>
        )
      }
    >
      <p>
        {outcome.status === 'used'
          ? 'Each confirmation link works once, and a newer one replaces it.'
          : 'It may be incomplete — try copying the whole link from the email — or it was replaced by a newer one.'}{' '}
        {user ? 'We can send you a new link.' : 'Sign in and we’ll send you a new link.'}
      </p>
    </AuthResultCard>
  );
}
