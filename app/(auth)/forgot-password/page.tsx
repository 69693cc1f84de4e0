import type { Metadata } from 'next';
import Link from 'next/link';
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { forgotPasswordAction } from './actions';

export const metadata: Metadata = { title: 'Forgot your password?' };

export default function ForgotPasswordPage() {
  return (
    <Card>
      <CardHeader>
        <h1 className="text-2xl font-semibold tracking-tight">Forgot your password?</h1>
        <CardDescription>Enter the email you sign in with and we’ll send you a link to choose a new password.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <ForgotPasswordForm action={forgotPasswordAction} />
        <p className="text-center text-sm text-muted">
          Remembered it?{' '}
          <Link className="font-medium text-accent underline-offset-4 hover:underline" href="/sign-in">
            Sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
