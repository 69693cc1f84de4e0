import { Action, EmailLayout, greeting, P, Small } from './layout';
import { plural } from './urls';

export type PasswordResetProps = { name: string | null; url: string; expiresInMinutes: number };

export const passwordResetSubject = () => 'Reset your Tessera password';

export function PasswordResetEmail({ name, url, expiresInMinutes }: PasswordResetProps) {
  return (
    <EmailLayout preview="Choose a new password for your Tessera account." heading="Reset your password">
      <P>{greeting(name)}</P>
      <P>Someone — hopefully you — asked to reset the password for your Tessera account. Choose a new one here:</P>
      <Action href={url} label="Choose a new password" />
      <Small>
        The link works once and expires in {plural(expiresInMinutes, 'minute')}. If you didn’t ask for this, ignore this email:
        your password stays as it is.
      </Small>
    </EmailLayout>
  );
}
