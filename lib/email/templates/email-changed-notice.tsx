import { Details, EmailLayout, greeting, P, TextLink } from './layout';
import { formatWhen } from './urls';

export type EmailChangedNoticeProps = { name: string | null; oldEmail: string; newEmail: string; when: Date; resetUrl: string };

export const emailChangedNoticeSubject = () => 'The email address of your Tessera account was changed';

export function EmailChangedNoticeEmail({ name, oldEmail, newEmail, when, resetUrl }: EmailChangedNoticeProps) {
  return (
    <EmailLayout preview={`Your Tessera account now uses ${newEmail}.`} heading="Your email address was changed">
      <P>{greeting(name)}</P>
      <P>The email address of your Tessera account was changed. Sign-in links and notices now go to the new address.</P>
      <Details
        rows={[
          ['Old address', oldEmail],
          ['New address', newEmail],
          ['When', formatWhen(when)],
        ]}
      />
      <P>
        If you didn’t make this change, someone may have access to your account. <TextLink href={resetUrl}>Reset your password</TextLink>{' '}
        and contact support by replying to this email.
      </P>
    </EmailLayout>
  );
}
