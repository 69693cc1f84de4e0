import { isIP } from 'node:net';
import { z } from 'zod';
import { formList } from '@/lib/actions/form-data';
import { SUBSCRIBABLE_EVENT_TYPES } from './events';
import { addressRefusal, urlRefusal, webhookNetworkPolicy } from './network-policy';

/**
 * An endpoint URL as far as it can be judged before sending: its shape (https in production, no
 * credentials) and, for a literal IP, the address. A host name is checked again on every send,
 * after DNS (network-policy.ts), since what it resolves to can change.
 */
export const webhookUrlSchema = z
  .string({ error: 'Enter the URL that should receive the events.' })
  .trim()
  .min(1, 'Enter the URL that should receive the events.')
  .max(2000, 'Keep the URL under 2,000 characters.')
  .superRefine((value, context) => {
    const policy = webhookNetworkPolicy();
    const shape = urlRefusal(value, policy);
    if (shape) {
      context.addIssue({ code: 'custom', message: `The URL ${shape}.` });
      return;
    }
    const host = new URL(value).hostname.replace(/^\[(.*)\]$/, '$1');
    const refusal = isIP(host) ? addressRefusal(host, policy) : null;
    if (refusal) context.addIssue({ code: 'custom', message: `Tessera can't send to ${refusal}.` });
  });

const description = z.string().trim().max(200, 'Keep the description under 200 characters.');
const eventType = z.enum(SUBSCRIBABLE_EVENT_TYPES, { error: 'That is not an event Tessera sends.' });
const eventTypes = z.array(eventType).min(1, 'Choose at least one event.');

/** What the form and the API send to make an endpoint; the form names its event checkboxes `eventTypes`. */
export const createWebhookFormSchema = z.object({
  url: webhookUrlSchema,
  description: description.default(''),
  eventTypes: formList(eventType).pipe(eventTypes),
});

export const updateWebhookFormSchema = createWebhookFormSchema.extend({ endpointId: z.uuid({ error: 'That endpoint does not exist.' }) });

export const webhookEndpointIdSchema = z.object({ endpointId: z.uuid({ error: 'That endpoint does not exist.' }) });

export const setWebhookEnabledSchema = webhookEndpointIdSchema.extend({ enabled: z.enum(['true', 'false']).transform((v) => v === 'true') });

export const redeliverWebhookSchema = z.object({ deliveryId: z.uuid({ error: 'That delivery does not exist.' }) });

/** The public API's bodies (snake_case, JSON). */
export const apiCreateWebhookBody = z.object({
  url: webhookUrlSchema.meta({ description: 'https URL (http is accepted outside production).' }),
  description: description.optional(),
  event_types: eventTypes.meta({ description: 'Event types to receive; see the catalog in the API reference.' }),
});

export const apiUpdateWebhookBody = z.object({
  url: webhookUrlSchema.optional(),
  description: description.optional(),
  event_types: eventTypes.optional(),
  enabled: z.boolean().optional().meta({ description: 'false turns the endpoint off; true turns it back on and clears a failing state.' }),
});
