import { Action, Details, EmailLayout, greeting, P, Small, TextLink } from './layout';
import { formatWhen } from './urls';

export type AccountDeletionProps = {
  name: string | null;
  /**
   * confirm: the fresh link a person without a password confirms with; scheduled: the request is
   * in; cancelled: they stopped it; purged: the account is gone.
   */
  stage: 'confirm' | 'scheduled' | 'cancelled' | 'purged';
  /** When the purge runs (scheduled), ran (purged), or the link expires (confirm). */
  when: Date;
  /** The confirm link (confirm) or Account → Privacy (scheduled, cancelled). */
  url: string | null;
  /** What happens to the workspaces the person is the last owner of, one line each. */
  workspaces: string[];
  timeZone?: string;
};

export const accountDeletionSubject = ({ stage }: AccountDeletionProps) =>
  stage === 'confirm'
    ? 'Confirm the deletion of your Tessera account'
    : stage === 'scheduled'
      ? 'Your Tessera account will be deleted in 30 days'
      : stage === 'cancelled'
        ? 'Your Tessera account will not be deleted'
        : 'Your Tessera account has been deleted';

function WorkspaceLines({ workspaces }: { workspaces: string[] }) {
  if (!workspaces.length) return null;
  return <Details rows={workspaces.map((line, i) => [i === 0 ? 'Workspaces' : '', line] as [string, string])} />;
}

export function AccountDeletionEmail({ name, stage, when, url, workspaces, timeZone }: AccountDeletionProps) {
  if (stage === 'confirm') {
    return (
      <EmailLayout preview="Open the link to confirm; nothing happens until you do." heading="Confirm account deletion">
        <P>{greeting(name)}</P>
        <P>You asked to delete your Tessera account. Open the link below while signed in to confirm; nothing is deleted until you do.</P>
        <WorkspaceLines workspaces={workspaces} />
        {url ? <Action href={url} label="Confirm account deletion" /> : null}
        <Small>The link works once and expires {formatWhen(when, timeZone)}. If you did not ask for this, ignore this email and change your password.</Small>
      </EmailLayout>
    );
  }
  if (stage === 'cancelled') {
    return (
      <EmailLayout preview="Your account stays as it is." heading="Account deletion cancelled">
        <P>{greeting(name)}</P>
        <P>The scheduled deletion of your account was cancelled. Everything stays as it was.</P>
        {url ? (
          <P>
            <TextLink href={url}>Open Account → Privacy</TextLink>
          </P>
        ) : null}
      </EmailLayout>
    );
  }
  if (stage === 'purged') {
    return (
      <EmailLayout preview="Your profile, sign-ins and memberships are erased." heading="Account deleted">
        <P>{greeting(name)}</P>
        <P>
          Your Tessera account was deleted as scheduled: your profile, sign-in methods, sessions and memberships are erased, and the audit trails of
          the workspaces you worked in now show a pseudonym instead of you. This can’t be undone.
        </P>
        <WorkspaceLines workspaces={workspaces} />
        <Details rows={[['Deleted', formatWhen(when, timeZone)]]} />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout preview="You can still cancel until then." heading="Account scheduled for deletion">
      <P>{greeting(name)}</P>
      <P>Your account is scheduled for deletion. You can keep using it and cancel at any time until then; after that date it is erased for good.</P>
      <Details rows={[['Deletion on', formatWhen(when, timeZone)]]} />
      <WorkspaceLines workspaces={workspaces} />
      {url ? (
        <P>
          Changed your mind? <TextLink href={url}>Cancel the deletion</TextLink> in Account → Privacy. If you did not ask for this, cancel it and
          change your password.
        </P>
      ) : null}
    </EmailLayout>
  );
}
