import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { SignInForm } from '@/components/auth/sign-in-form';
import { safeCallbackPath } from '@/lib/auth/safe-redirect';
import { DEMO_USER } from '@/lib/demo/demo-accounts';
import { env } from '@/lib/env';
import { currentUser } from '@/lib/tenancy/session';
import { signInAction } from './actions';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const target = safeCallbackPath(callbackUrl);
  if (await currentUser()) redirect(target);
  const showDemo = !env().isProduction;
  return (
    <Card>
      <CardHeader>
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to Tessera</h1>
        <CardDescription>Your bots, journal, money and pricing — one workspace away.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        {showDemo ? (
          <p className="rounded-lg border border-info-border bg-info-soft px-3 py-2 text-sm text-foreground">
            Demo install: sign in as <strong>{DEMO_USER.email}</strong> with password <strong>{DEMO_USER.password}</strong>.
          </p>
        ) : null}
        <SignInForm action={signInAction} callbackUrl={target} />
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
