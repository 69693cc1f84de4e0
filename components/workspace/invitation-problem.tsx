import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { AlertTriangleIcon } from '@/components/ui/icons';

const COPY = {
  invalid: {
    title: 'This invitation link doesn’t work',
    text: 'It may be mistyped or cut off, or it was replaced by a newer invitation. Ask whoever invited you to send it again.',
  },
  expired: {
    title: 'This invitation has expired',
    text: 'Invitations work for 7 days. Ask a workspace owner or admin to resend it; the new email has a fresh link.',
  },
  revoked: {
    title: 'This invitation was withdrawn',
    text: 'A workspace admin revoked it. If you still need access, ask them for a new invitation.',
  },
  accepted: {
    title: 'This invitation has already been used',
    text: 'Each invitation link works once. If it was you, sign in with the invited address to open the workspace; otherwise ask for a new invitation.',
  },
} as const;

/** Expired, used, revoked or forged: say which, and what to do next. */
export function InvitationProblem({ kind, signedIn }: { kind: keyof typeof COPY; signedIn: boolean }) {
  const copy = COPY[kind];
  return (
    <Card>
      <CardHeader>
        <span className="mb-2 flex size-10 items-center justify-center rounded-xl border border-border bg-surface-muted text-warning [&_svg]:size-5">
          <AlertTriangleIcon />
        </span>
        <h1 className="text-2xl font-semibold tracking-tight" data-testid="invite-problem">
          {copy.title}
        </h1>
        <CardDescription>{copy.text}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-2 sm:flex-row">
        {signedIn ? <Button href="/w">Go to your workspaces</Button> : <Button href="/sign-in">Sign in</Button>}
        <Button href="/" variant="secondary">
          Tessera home
        </Button>
      </CardContent>
    </Card>
  );
}
