import { Action, EmailLayout, greeting, P, Small, TextLink } from './layout';

export type AccountExistsProps = { name: string | null; signInUrl: string; resetUrl: string };

export const accountExistsSubject = () => 'Someone tried to sign up with your email address';

/** Sent instead of a second account, so the sign-up form never reveals that an address is taken. */
export function AccountExistsEmail({ name, signInUrl, resetUrl }: AccountExistsProps) {
  return (
    <EmailLayout preview="You already have a Tessera account." heading="You already have an account">
      <P>{greeting(name)}</P>
      <P>Someone tried to create a Tessera account with this email address, but it already has one.</P>
      <Action href={signInUrl} label="Sign in" />
      <P>
        Forgot your password? <TextLink href={resetUrl}>Reset it here</TextLink>.
      </P>
      <Small>If it wasn’t you, you can ignore this email: nothing about your account changed.</Small>
    </EmailLayout>
  );
}
