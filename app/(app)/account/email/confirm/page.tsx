import type { Metadata } from 'next';
import { ACCOUNT_LABEL, AccountTabs } from '@/components/account/account-tabs';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { AlertTriangleIcon, CheckCircleIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { confirmEmailChange } from '@/lib/auth/email-change';
import { currentSessionId } from '@/lib/auth/current-session';
import { requestMeta } from '@/lib/tenancy/request-meta';
import { requireUser } from '@/lib/tenancy/session';

export const metadata: Metadata = { title: 'Confirm new email', robots: { index: false } };
export const dynamic = 'force-dynamic';

const PROBLEMS = {
  expired: ['This link has expired', 'Confirmation links work for 24 hours. Ask for the change again to get a new one.'],
  used: ['This link was already used', 'Each link works once. If your address hasn’t changed, ask for the change again.'],
  invalid: ['This link doesn’t work', 'It may be incomplete, or a newer request replaced it. Ask for the change again.'],
  taken: ['That address is no longer available', 'Another account started using it in the meantime. Choose a different address.'],
  wrong_account: ['Signed in to a different account', 'Open the link while signed in to the account that asked for the change.'],
} as const;

export default async function ConfirmEmailChangePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const user = await requireUser();
  const raw = (await searchParams).token;
  const token = (Array.isArray(raw) ? raw[0] : raw) ?? '';
  const [sessionId, meta] = await Promise.all([currentSessionId(), requestMeta()]);
  const outcome = await confirmEmailChange(token, { userId: user.id, currentSessionId: sessionId, ...meta });
  const [title, text] = outcome.ok
    ? ['Email address changed', `Your account now uses ${outcome.newEmail}. Other devices were signed out, and ${outcome.oldEmail} was told about the change.`]
    : PROBLEMS[outcome.reason];
  return (
    <div className="space-y-8">
      <PageHeader label={ACCOUNT_LABEL} title="Confirm new email" tabs={<AccountTabs />} />
      <Card>
        <CardContent className="py-8 text-center">
          <div className="mx-auto mb-4 flex size-12 items-center justify-center rounded-xl border border-border bg-surface-muted [&_svg]:size-6">
            {outcome.ok ? <CheckCircleIcon className="text-success" /> : <AlertTriangleIcon className="text-muted" />}
          </div>
          <h2 className="text-xl font-semibold tracking-tight text-balance">{title}</h2>
          <p className="mx-auto mt-3 max-w-md text-sm leading-relaxed text-muted">{text}</p>
          <div className="mt-6">
            <Button href="/account/email" variant={outcome.ok ? 'primary' : 'secondary'}>
              {outcome.ok ? 'Back to your account' : 'Email settings'}
            </Button>
          </div>
        </CardContent>
      </Card>
    </div>
  );
}
