import { Action, EmailLayout, greeting, P, Small } from './layout';

export type StoreSignUpProps = { name: string | null; planName: string; email: string; url: string };

export const storeSignUpSubject = ({ planName }: StoreSignUpProps) => `Your Tessera ${planName} subscription is waiting for you`;

/** Sent when a store subscription arrives for an email no Tessera account holds yet. */
export function StoreSignUpEmail({ name, planName, email, url }: StoreSignUpProps) {
  return (
    <EmailLayout preview={`Create your account to start using ${planName}.`} heading={`Start using Tessera ${planName}`}>
      <P>{greeting(name)}</P>
      <P>
        Thanks for subscribing to Tessera {planName}. Create your Tessera account with <strong>{email}</strong> and verify it: your
        subscription then applies to your workspace.
      </P>
      <Action href={url} label="Create your account" />
      <Small>If you didn’t buy a Tessera subscription, ignore this email.</Small>
    </EmailLayout>
  );
}
