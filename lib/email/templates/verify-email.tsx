import { Action, EmailLayout, greeting, P, Small } from './layout';
import { plural } from './urls';

export type VerifyEmailProps = { name: string | null; url: string; expiresInHours: number };

export const verifyEmailSubject = () => 'Confirm your email address';

export function VerifyEmailEmail({ name, url, expiresInHours }: VerifyEmailProps) {
  return (
    <EmailLayout preview="Confirm your email address to finish setting up Tessera." heading="Confirm your email address">
      <P>{greeting(name)}</P>
      <P>Thanks for signing up. Confirm that this address is yours so we can keep your account secure.</P>
      <Action href={url} label="Confirm email address" />
      <Small>The link works once and expires in {plural(expiresInHours, 'hour')}. If you didn’t create a Tessera account, ignore this email.</Small>
    </EmailLayout>
  );
}
