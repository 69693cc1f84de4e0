import type { Metadata } from 'next';
import { AuthResultCard } from '@/components/auth/auth-result-card';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { HistoryIcon } from '@/components/ui/icons';
import { checkResetToken } from '@/lib/auth/password-reset';
import { resetPasswordAction } from './actions';

export const metadata: Metadata = { title: 'Choose a new password', robots: { index: false } };
export const dynamic = 'force-dynamic';

const PROBLEMS = {
  expired: ['This reset link has expired', 'Reset links work for one hour. Ask for a new one and use it right away.'],
  used: ['This reset link was already used', 'Each reset link works once. If you still need to reset your password, ask for a new link.'],
  invalid: ['This reset link doesn’t work', 'It may be incomplete — try copying the whole link from the email — or ask for a new one.'],
} as const;

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const raw = (await searchParams).token;
  const token = (Array.isArray(raw) ? raw[0] : raw) ?? '';
  const state = await checkResetToken(token);
  if (state !== 'valid') {
    const [title, text] = PROBLEMS[state];
    return (
      <AuthResultCard icon={<HistoryIcon />} title={title} actions={<Button href="/forgot-password">Send a new link</Button>}>
        <p>{text}</p>
      </AuthResultCard>
    );
  }
  return (
    <Card>
      <CardHeader>
        <h1 className="text-2xl font-semibold tracking-tight">Choose a new password</h1>
        <CardDescription>Saving it signs you out everywhere, so you’ll sign in again with the new password.</CardDescription>
      </CardHeader>
      <CardContent>
        <ResetPasswordForm action={resetPasswordAction} token={token} />
      </CardContent>
    </Card>
  );
}
