import { Details, EmailLayout, greeting, P, TextLink } from './layout';
import { formatWhen } from './urls';

export type WebhookDisabledProps = {
  name: string | null;
  workspaceName: string;
  endpointUrl: string;
  failingSince: Date;
  lastError: string;
  settingsUrl: string;
  timeZone?: string;
};

export const webhookDisabledSubject = ({ workspaceName }: WebhookDisabledProps) => `A webhook endpoint in ${workspaceName} was turned off`;

export function WebhookDisabledEmail({ name, workspaceName, endpointUrl, failingSince, lastError, settingsUrl, timeZone }: WebhookDisabledProps) {
  return (
    <EmailLayout preview="Every delivery to it failed for five days, so Tessera stopped sending." heading="A webhook endpoint was turned off">
      <P>{greeting(name)}</P>
      <P>
        Every delivery to a webhook endpoint of {workspaceName} has failed for five days, so Tessera turned the endpoint off. Events that happen while it
        is off are not queued for it.
      </P>
      <Details
        rows={[
          ['Endpoint', endpointUrl],
          ['Failing since', formatWhen(failingSince, timeZone)],
          ['Last error', lastError],
        ]}
      />
      <P>
        Fix the receiver, then <TextLink href={settingsUrl}>turn the endpoint back on</TextLink> and redeliver what it missed from its delivery log.
      </P>
    </EmailLayout>
  );
}
