import Link from 'next/link';
import type { Metadata } from 'next';
import { ACCOUNT_LABEL } from '@/components/account/account-tabs';
import { ConfirmDeletionLinkForm } from '@/components/account/privacy/delete-account-form';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { accountDeletionPlan, decisionsOfLink } from '@/lib/tenancy/account-deletion';
import { requireUser } from '@/lib/tenancy/session';
import { confirmDeletionLinkAction } from '../actions';

export const metadata: Metadata = { title: 'Confirm account deletion' };

type SearchParams = Promise<{ token?: string | string[] }>;

const PROBLEM = {
  expired: 'This link has expired.',
  used: 'This link was already used.',
  invalid: 'This link is not valid for the account you are signed in to.',
} as const;

export default async function ConfirmAccountDeletionPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).token;
  const token = (Array.isArray(raw) ? raw[0] : raw) ?? '';
  const user = await requireUser();
  const [link, plan] = await Promise.all([token ? decisionsOfLink(user.id, token) : Promise.resolve({ problem: 'invalid' as const }), accountDeletionPlan(user.id)]);
  if (!plan) return null;
  const back = (
    <Link className="underline" href="/account/privacy">
      Account → Privacy
    </Link>
  );

  return (
    <div className="space-y-8">
      <PageHeader label={ACCOUNT_LABEL} title="Confirm account deletion" description={`Signed in as ${plan.email}.`} />
      <Card className="border-danger-border">
        <CardHeader>
          <CardTitle as="h2">{'problem' in link || plan.deletionScheduledFor ? 'Nothing to confirm' : 'Delete your account?'}</CardTitle>
          <CardDescription>
            {plan.deletionScheduledFor ? (
              <>Your account is already scheduled for deletion. See {back}.</>
            ) : 'problem' in link ? (
              <>
                {PROBLEM[link.problem]} Ask for a new one in {back}.
              </>
            ) : (
              'Your account will be deleted in 30 days; you can cancel until then. What you chose for your workspaces:'
            )}
          </CardDescription>
        </CardHeader>
        {'problem' in link || plan.deletionScheduledFor ? null : (
          <CardContent className="space-y-4">
            <ul className="list-disc space-y-1 pl-5 text-sm">
              {plan.lastOwned.map((workspace) => {
                const choice = link.decisions.find((d) => d.workspaceId === workspace.id);
                const heir = choice?.action === 'transfer' ? workspace.others.find((o) => o.userId === choice.userId) : null;
                return <li key={workspace.id}>{heir ? `${workspace.name}: handed to ${heir.name ?? heir.email}` : `${workspace.name}: deleted`}</li>;
              })}
              {plan.shared.map((workspace) => (
                <li key={workspace.id}>{workspace.name}: you leave it</li>
              ))}
              {plan.lastOwned.length + plan.shared.length === 0 ? <li>You belong to no workspace.</li> : null}
            </ul>
            <ConfirmDeletionLinkForm token={token} twoFactor={plan.twoFactor} action={confirmDeletionLinkAction} />
          </CardContent>
        )}
      </Card>
    </div>
  );
}
