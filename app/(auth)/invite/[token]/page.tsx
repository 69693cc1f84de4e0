import type { Metadata } from 'next';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { AcceptInvitationForm } from '@/components/workspace/accept-invitation-form';
import { InvitationProblem } from '@/components/workspace/invitation-problem';
import { ROLE_LABELS } from '@/lib/tenancy/permissions';
import { currentUser } from '@/lib/tenancy/session';
import { invitationPageFor } from '@/lib/tenancy/signed-in';
import { acceptInvitationAction, switchAccountAction } from './actions';

export const metadata: Metadata = { title: 'Invitation', robots: { index: false } };
export const dynamic = 'force-dynamic';

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await currentUser();
  const { invitation, alreadyMember } = await invitationPageFor(token, user);
  const back = `/invite/${encodeURIComponent(token)}`;

  if (!invitation) return <InvitationProblem kind="invalid" signedIn={Boolean(user)} />;

  if (invitation.status !== 'open') {
    if (alreadyMember) {
      return (
        <Card>
          <CardHeader>
            <h1 className="text-2xl font-semibold tracking-tight">You’re already in {invitation.workspace.name}</h1>
            <CardDescription>This invitation has been used, and you are a member of the workspace.</CardDescription>
          </CardHeader>
          <CardContent>
            <Button href={`/w/${encodeURIComponent(invitation.workspace.slug)}`}>Open {invitation.workspace.name}</Button>
          </CardContent>
        </Card>
      );
    }
    return <InvitationProblem kind={invitation.status} signedIn={Boolean(user)} />;
  }

  const role = ROLE_LABELS[invitation.role].toLowerCase();
  const matches = user && user.email.toLowerCase() === invitation.email.toLowerCase();
  return (
    <Card>
      <CardHeader>
        <p className="text-sm font-medium text-accent">Invitation</p>
        <h1 className="text-2xl font-semibold tracking-tight" data-testid="invite-workspace">
          Join {invitation.workspace.name}
        </h1>
        <CardDescription>
          {invitation.inviterName ?? 'A teammate'} invited <strong className="text-foreground">{invitation.email}</strong> to join as{' '}
          {role === 'admin' ? 'an' : 'a'} <strong className="text-foreground">{role}</strong>.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {!user ? (
          <>
            <p className="text-sm text-muted">Sign in, or create an account with this email address, then come back to this page to accept.</p>
            <div className="flex flex-col gap-2 sm:flex-row">
              <Button href={`/sign-in?callbackUrl=${encodeURIComponent(back)}`}>Sign in to accept</Button>
              <Button
                href={`/sign-up?invite=${encodeURIComponent(token)}&email=${encodeURIComponent(invitation.email)}`}
                variant="secondary"
              >
                Create an account
              </Button>
            </div>
          </>
        ) : matches ? (
          <AcceptInvitationForm token={token} workspaceName={invitation.workspace.name} action={acceptInvitationAction} />
        ) : (
          <>
            <p role="alert" className="rounded-lg border border-warning-border bg-warning-soft px-3 py-2 text-sm text-foreground">
              This invitation was sent to <strong>{invitation.email}</strong>, but you are signed in as <strong>{user.email}</strong>. Sign in with
              the invited address to accept it, or ask for an invitation to {user.email}.
            </p>
            <form action={switchAccountAction}>
              <input type="hidden" name="token" value={token} />
              <Button type="submit" variant="secondary">
                Sign in as {invitation.email}
              </Button>
            </form>
          </>
        )}
      </CardContent>
    </Card>
  );
}
