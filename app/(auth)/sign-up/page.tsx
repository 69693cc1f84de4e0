import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { OAuthButtons } from '@/components/auth/oauth-buttons';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { Separator } from '@/components/ui/separator';
import { configuredOAuthProviders } from '@/lib/auth/oauth-providers';
import { afterSignUpPath } from '@/lib/auth/sign-up';
import { PLANS, TRIAL, TRIAL_PLAN_IDS, type TrialPlanId } from '@/lib/billing/plans';
import { formatMoney } from '@/lib/currency';
import { currentUser } from '@/lib/tenancy/session';
import { oauthSignInAction } from '../sign-in/actions';
import { signUpAction } from './actions';

export const metadata: Metadata = { title: 'Create your account' };

function trialPlanFrom(value: string | undefined): TrialPlanId | null {
  return (TRIAL_PLAN_IDS as readonly string[]).includes(value ?? '') ? (value as TrialPlanId) : null;
}

function yearlyPrice(plan: TrialPlanId): string {
  const price = PLANS[plan].price!;
  return formatMoney(price.yearMinor, price.currency, { locale: 'en-US', trailingZeros: 'strip-if-integer' });
}

function first(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const invite = first(params.invite)?.slice(0, 200);
  const email = first(params.email)?.slice(0, 320);
  const next = afterSignUpPath(invite);
  const plan = trialPlanFrom(first(params.plan));
  const interval = plan && first(params.interval) === 'year' ? 'year' : plan && first(params.interval) === 'month' ? 'month' : undefined;
  if (await currentUser()) redirect(next === '/onboarding' ? '/w' : next);
  const signInHref = `/sign-in?callbackUrl=${encodeURIComponent(next === '/onboarding' ? '/w' : next)}`;
  const providers = configuredOAuthProviders();
  return (
    <Card>
      <CardHeader>
        <h1 className="text-2xl font-semibold tracking-tight">Create your Tessera account</h1>
        <CardDescription>
          {invite
            ? 'Create an account to accept your invitation. You’ll also get a workspace of your own.'
            : plan
              ? `Start your ${TRIAL.days}-day ${PLANS[plan].name} trial: no card needed. Your workspace is ready right away, and stays on Free if you don’t upgrade.${interval === 'year' ? ` When you do, yearly billing (${yearlyPrice(plan)} a year, two months free) comes first.` : ''}`
              : `Free to start, with a ${TRIAL.days}-day ${PLANS[TRIAL.planId].name} trial. You’ll get a workspace of your own right away.`}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <SignUpForm action={signUpAction} invite={next === '/onboarding' ? undefined : invite} email={email} plan={plan ?? undefined} interval={interval} />
        {providers.length > 0 ? (
          <>
            <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-muted">
              <Separator className="flex-1" />
              or
              <Separator className="flex-1" />
            </div>
            <OAuthButtons providers={providers} action={oauthSignInAction} callbackUrl={next} />
          </>
        ) : null}
        <p className="text-center text-sm text-muted">
          Already have an account?{' '}
          <Link className="font-medium text-accent underline-offset-4 hover:underline" href={signInHref}>
            Sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
