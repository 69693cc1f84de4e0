import { Action, Details, EmailLayout, P, Small } from './layout';
import { formatWhen } from './urls';

export type InvitationProps = {
  workspaceName: string;
  inviterName: string;
  role: string;
  url: string;
  expiresAt: Date;
};

export const invitationSubject = ({ workspaceName, inviterName }: InvitationProps) =>
  `${inviterName} invited you to ${workspaceName} on Tessera`;

export function InvitationEmail({ workspaceName, inviterName, role, url, expiresAt }: InvitationProps) {
  return (
    <EmailLayout preview={`Join ${workspaceName} on Tessera.`} heading={`Join ${workspaceName}`}>
      <P>
        <strong>{inviterName}</strong> invited you to the <strong>{workspaceName}</strong> workspace on Tessera.
      </P>
      <Details
        rows={[
          ['Workspace', workspaceName],
          ['Your role', role],
          ['Invitation expires', formatWhen(expiresAt)],
        ]}
      />
      <Action href={url} label="Accept invitation" />
      <Small>If you don’t know {inviterName} or weren’t expecting this, ignore this email.</Small>
    </EmailLayout>
  );
}
