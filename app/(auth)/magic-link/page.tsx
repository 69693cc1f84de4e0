import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { MagicLinkForm } from '@/components/auth/magic-link-form';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { safeCallbackPath } from '@/lib/auth/safe-redirect';
import { currentUser } from '@/lib/tenancy/session';
import { magicLinkAction } from './actions';

export const metadata: Metadata = { title: 'Sign in with an email link' };

export default async function MagicLinkPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const target = safeCallbackPath((await searchParams).callbackUrl);
  if (await currentUser()) redirect(target);
  return (
    <Card>
      <CardHeader>
        <h1 className="text-2xl font-semibold tracking-tight">Sign in with an email link</h1>
        <CardDescription>No password needed: we’ll email you a link that signs you in. New here? The link creates your account.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <MagicLinkForm action={magicLinkAction} callbackUrl={target} idPrefix="email" />
        <p className="text-center text-sm text-muted">
          Prefer your password?{' '}
          <Link className="font-medium text-accent underline-offset-4 hover:underline" href={`/sign-in?callbackUrl=${encodeURIComponent(target)}`}>
            Sign in with password
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
