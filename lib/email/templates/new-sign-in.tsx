import { Details, EmailLayout, greeting, P, TextLink } from './layout';
import { appUrl, formatWhen } from './urls';

export type NewSignInProps = {
  name?: string | null;
  device: string;
  ip: string | null;
  when: Date;
  timeZone?: string;
  /** Defaults to the forgot-password page. */
  resetUrl?: string;
};

export const newSignInSubject = () => 'New sign-in to your Tessera account';

export function NewSignInEmail({ name, device, ip, when, timeZone, resetUrl = appUrl('/forgot-password') }: NewSignInProps) {
  const rows: Array<[string, string]> = [
    ['Device', device],
    ['IP address', ip && ip !== 'unknown' ? ip : 'Unknown'],
    ['When', formatWhen(when, timeZone)],
  ];
  return (
    <EmailLayout preview={`New sign-in from ${device}.`} heading="New sign-in to your account">
      <P>{greeting(name)}</P>
      <P>Your Tessera account was just signed in to from a device we haven’t seen before.</P>
      <Details rows={rows} />
      <P>If this was you, there’s nothing to do.</P>
      <P>
        Wasn’t you? <TextLink href={resetUrl}>Reset your password</TextLink> right away: that signs out every session.
      </P>
    </EmailLayout>
  );
}
