import type { Metadata } from 'next';
import Link from 'next/link';
import { SignInCodeForm } from '@/components/account/two-factor/sign-in-code-form';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { hasPendingChallenge } from '@/lib/auth/two-factor/challenge-cookie';
import { twoFactorSignInAction } from './actions';

export const metadata: Metadata = { title: 'Two-factor sign-in' };

export default async function TwoFactorSignInPage() {
  const pending = await hasPendingChallenge();
  return (
    <Card>
      <CardHeader>
        <h1 className="text-2xl font-semibold tracking-tight">Two-factor authentication</h1>
        <CardDescription>
          {pending ? 'Your password was right. Now enter the code from your authenticator app.' : 'This sign-in has expired or was already used.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        {pending ? (
          <SignInCodeForm action={twoFactorSignInAction} />
        ) : (
          <p className="text-sm text-muted">For your security, the code step lasts five minutes. Sign in again to get a fresh one.</p>
        )}
        <p className="text-center text-sm text-muted">
          <Link className="font-medium text-accent underline-offset-4 hover:underline" href="/sign-in">
            {pending ? 'Use a different account' : 'Back to sign in'}
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
