import { Action, EmailLayout, greeting, P, Small } from './layout';
import { plural } from './urls';

export type EmailChangeVerifyProps = { name: string | null; newEmail: string; url: string; expiresInHours: number };

export const emailChangeVerifySubject = () => 'Confirm your new email address';

export function EmailChangeVerifyEmail({ name, newEmail, url, expiresInHours }: EmailChangeVerifyProps) {
  return (
    <EmailLayout preview="Confirm the new email address for your Tessera account." heading="Confirm your new email address">
      <P>{greeting(name)}</P>
      <P>
        You asked to change the email address of your Tessera account to <strong>{newEmail}</strong>. Confirm it to finish the
        change; until then you keep signing in with your current address.
      </P>
      <Action href={url} label="Confirm new address" />
      <Small>The link works once and expires in {plural(expiresInHours, 'hour')}. If you didn’t ask for this, ignore this email.</Small>
    </EmailLayout>
  );
}
