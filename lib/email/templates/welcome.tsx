import { Action, EmailLayout, greeting, P } from './layout';

export type WelcomeProps = { name: string | null; url: string };

export const welcomeSubject = () => 'Welcome to Tessera';

export function WelcomeEmail({ name, url }: WelcomeProps) {
  return (
    <EmailLayout preview="Your workspace is ready." heading="Welcome to Tessera">
      <P>{greeting(name)}</P>
      <P>
        Your workspace is ready. Run trading bots, keep a journal, track your money and price your catalogue — all in one
        place, shared with the people you invite.
      </P>
      <Action href={url} label="Open your workspace" />
    </EmailLayout>
  );
}
