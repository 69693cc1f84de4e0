import { Details, EmailLayout, greeting, P, TextLink } from './layout';

export type BotAlertProps = {
  name: string | null;
  workspaceName: string;
  botName: string;
  /** One line: "Stopped after 3 failed runs", "Deal closed on BTCUSDT", … */
  headline: string;
  message: string;
  rows: [string, string][];
  botUrl: string;
};

export const botAlertSubject = ({ botName, headline }: BotAlertProps) => `${botName}: ${headline}`;

export function BotAlertEmail({ name, workspaceName, botName, headline, message, rows, botUrl }: BotAlertProps) {
  return (
    <EmailLayout preview={message} heading={`${botName}: ${headline}`}>
      <P>{greeting(name)}</P>
      <P>
        {message} ({workspaceName})
      </P>
      {rows.length ? <Details rows={rows} /> : null}
      <P>
        <TextLink href={botUrl}>Open the bot</TextLink> to see its runs, deals and trades.
      </P>
    </EmailLayout>
  );
}
