import { Inngest } from 'inngest';
import { inngestSettings } from './backend';

const settings = inngestSettings();

/**
 * Keys are passed explicitly (v4 reads them from the client, not serve()). In zero-config mode
 * the client exists but is never used: nothing is sent and /api/inngest answers 404.
 */
export const inngest = new Inngest({
  id: 'tessera',
  isDev: settings.backend === 'inngest-dev',
  ...(settings.eventKey ? { eventKey: settings.eventKey } : {}),
  ...(settings.signingKey ? { signingKey: settings.signingKey } : {}),
});
