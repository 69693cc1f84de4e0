import { EmailLayout, Details, greeting, P, TextLink } from './layout';
import { appUrl, formatWhen } from './urls';

export type PasswordChangedProps = {
  name: string | null;
  when: Date;
  ip?: string | null;
  /** Defaults to the forgot-password page. */
  resetUrl?: string;
  timeZone?: string;
};

export const passwordChangedSubject = () => 'Your Tessera password was changed';

export function PasswordChangedEmail({ name, when, ip, resetUrl = appUrl('/forgot-password'), timeZone }: PasswordChangedProps) {
  const rows: Array<[string, string]> = [['When', formatWhen(when, timeZone)]];
  if (ip && ip !== 'unknown') rows.push(['IP address', ip]);
  return (
    <EmailLayout preview="Your password was changed and other sessions were signed out." heading="Your password was changed">
      <P>{greeting(name)}</P>
      <P>The password for your Tessera account was just changed, and every other session was signed out.</P>
      <Details rows={rows} />
      <P>
        If this wasn’t you, <TextLink href={resetUrl}>reset your password now</TextLink> and review your account’s security settings.
      </P>
    </EmailLayout>
  );
}
