import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { OAuthButtons } from '@/components/auth/oauth-buttons';
import { SignInForm } from '@/components/auth/sign-in-form';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { configuredOAuthProviders } from '@/lib/auth/oauth-providers';
import { safeCallbackPath } from '@/lib/auth/safe-redirect';
import { DEMO_USER } from '@/lib/demo/demo-accounts';
import { env } from '@/lib/env';
import { currentUser } from '@/lib/tenancy/session';
import { magicLinkAction } from '../magic-link/actions';
import { oauthSignInAction, signInAction } from './actions';

export const metadata: Metadata = { title: 'Sign in' };

// Auth.js redirects here with ?error=… for flows that fail outside our forms.
const ERRORS: Record<string, string> = {
  OAuthAccountNotLinked:
    'That email already has a Tessera account. Sign in with your password or an email link first, then connect this provider from Account → Security.',
  OAuthEmailUnverified:
    'That provider didn’t confirm an email address for you. Confirm your address with the provider, or create an account with your email instead.',
  Verification: 'That sign-in link has expired or was already used. Request a new one below.',
  VerifiedLinkExpired: 'Your email address is confirmed. The Continue button had expired or was already used, so sign in below to carry on.',
  AccessDenied: 'Sign-in was refused. If your account has two-factor authentication, finish that step first.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const target = safeCallbackPath(callbackUrl);
  if (await currentUser()) redirect(target);
  const showDemo = !env().isProduction;
  const problem = error ? (ERRORS[error] ?? 'Sign-in didn’t complete. Please try again.') : null;
  return (
    <Card>
      <CardHeader>
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to Tessera</h1>
        <CardDescription>Your bots, journal, money and pricing — one workspace away.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        {problem ? (
          <p role="alert" className="rounded-lg border border-danger-border bg-danger-soft px-3 py-2 text-sm text-danger">
            {problem}
          </p>
        ) : null}
        {showDemo ? (
          <p className="rounded-lg border border-info-border bg-info-soft px-3 py-2 text-sm text-foreground">
            Demo install: sign in as <strong>{DEMO_USER.email}</strong> with password <strong>{DEMO_USER.password}</strong>.
          </p>
        ) : null}
        <SignInForm passwordAction={signInAction} linkAction={magicLinkAction} callbackUrl={target} />
        <OAuthButtons providers={configuredOAuthProviders()} action={oauthSignInAction} callbackUrl={target} />
        <p className="text-center text-sm text-muted">
          New here?{' '}
          <Link className="font-medium text-accent underline-offset-4 hover:underline" href="/sign-up">
            Create an account
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
