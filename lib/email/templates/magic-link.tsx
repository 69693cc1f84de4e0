import { Action, EmailLayout, P, Small } from './layout';
import { plural } from './urls';

export type MagicLinkProps = { url: string; expiresInMinutes: number };

export const magicLinkSubject = () => 'Your Tessera sign-in link';

export function MagicLinkEmail({ url, expiresInMinutes }: MagicLinkProps) {
  return (
    <EmailLayout preview="Sign in to Tessera with one click." heading="Sign in to Tessera">
      <P>Use the button below to sign in. No password needed.</P>
      <Action href={url} label="Sign in to Tessera" />
      <Small>
        The link works once and expires in {plural(expiresInMinutes, 'minute')}. If you didn’t ask to sign in, ignore this email:
        nobody can sign in without it.
      </Small>
    </EmailLayout>
  );
}
