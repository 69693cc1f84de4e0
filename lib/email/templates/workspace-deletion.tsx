import { Details, EmailLayout, greeting, P, TextLink } from './layout';
import { formatWhen } from './urls';

export type WorkspaceDeletionProps = {
  name: string | null;
  workspaceName: string;
  /** scheduled: an owner asked for it; cancelled: an owner stopped it; purged: it is gone. */
  stage: 'scheduled' | 'cancelled' | 'purged';
  /** When the purge runs (scheduled), or ran (purged). */
  when: Date;
  requestedBy: string | null;
  /** Settings → General, to cancel (scheduled) or to see it is back (cancelled). */
  settingsUrl: string | null;
  timeZone?: string;
};

export const workspaceDeletionSubject = ({ workspaceName, stage }: WorkspaceDeletionProps) =>
  stage === 'scheduled' ? `${workspaceName} will be deleted in 30 days` : stage === 'cancelled' ? `${workspaceName} will not be deleted` : `${workspaceName} has been deleted`;

export function WorkspaceDeletionEmail({ name, workspaceName, stage, when, requestedBy, settingsUrl, timeZone }: WorkspaceDeletionProps) {
  if (stage === 'cancelled') {
    return (
      <EmailLayout preview="The deletion was cancelled; everything stays." heading="Deletion cancelled">
        <P>{greeting(name)}</P>
        <P>The scheduled deletion of {workspaceName} was cancelled. Its data stays and members can change it again.</P>
        {settingsUrl ? (
          <P>
            <TextLink href={settingsUrl}>Open the workspace settings</TextLink>
          </P>
        ) : null}
      </EmailLayout>
    );
  }
  if (stage === 'purged') {
    return (
      <EmailLayout preview="Its data, files and subscription are gone." heading="Workspace deleted">
        <P>{greeting(name)}</P>
        <P>
          {workspaceName} was deleted as scheduled: its data and files are erased, its subscription is cancelled, and people it recorded in other
          workspaces’ audit trails stay there only under a pseudonym. This can’t be undone.
        </P>
        <Details rows={[['Deleted', formatWhen(when, timeZone)]]} />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout preview="It is read-only until then, and an owner can still cancel." heading="Workspace scheduled for deletion">
      <P>{greeting(name)}</P>
      <P>
        {workspaceName} is scheduled for deletion. Until then it is read-only: members can read and export its data but not change it. After that
        date its data, files and subscription are deleted for good.
      </P>
      <Details
        rows={[
          ['Deletion on', formatWhen(when, timeZone)],
          ['Requested by', requestedBy ?? 'an owner'],
        ]}
      />
      {settingsUrl ? (
        <P>
          Changed your mind? <TextLink href={settingsUrl}>Cancel the deletion</TextLink> in the workspace settings before then. If you did not ask for
          this, cancel it and review the workspace’s members.
        </P>
      ) : null}
    </EmailLayout>
  );
}
