import { z } from 'zod';
import { formList } from '@/lib/actions/form-data';
import { EXPIRY_CHOICES } from './expiry';
import { API_SCOPES } from './scopes';

const DAY_MS = 86_400_000;
const MAX_CUSTOM_DAYS = 5 * 366;

/** A custom expiry date (YYYY-MM-DD, UTC): the key works through that day and dies at the next midnight UTC. */
function endOfDayUtc(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS);
}

export const createApiKeySchema = z
  .object({
    name: z.string().trim().min(1, 'Give the key a name, so you know later what uses it.').max(80, 'Keep the name under 80 characters.'),
    scopes: formList(z.enum(API_SCOPES, { error: 'That is not a scope Tessera knows.' }))
      .refine((scopes) => scopes.length > 0, 'Choose at least one scope.')
      .transform((scopes) => API_SCOPES.filter((scope) => scopes.includes(scope))),
    expiry: z.enum(EXPIRY_CHOICES, { error: 'Choose when the key expires.' }).default('never'),
    expiresOn: z.string().trim().optional(),
  })
  .superRefine((input, context) => {
    if (input.expiry !== 'custom') return;
    const date = input.expiresOn ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      context.addIssue({ code: 'custom', path: ['expiresOn'], message: 'Pick the date the key expires.' });
      return;
    }
    const end = endOfDayUtc(date).getTime();
    if (end <= Date.now()) context.addIssue({ code: 'custom', path: ['expiresOn'], message: 'Pick a date from today on.' });
    else if (end > Date.now() + MAX_CUSTOM_DAYS * DAY_MS) context.addIssue({ code: 'custom', path: ['expiresOn'], message: 'Pick a date within five years; rotate the key before then.' });
  });

export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;

/** When a key made now with this choice expires (null: never). */
export function expiryDate(input: Pick<CreateApiKeyInput, 'expiry' | 'expiresOn'>, now: Date): Date | null {
  if (input.expiry === 'never') return null;
  if (input.expiry === 'custom') return endOfDayUtc(input.expiresOn ?? '');
  return new Date(now.getTime() + Number(input.expiry) * DAY_MS);
}

export const apiKeyIdSchema = z.object({ keyId: z.uuid({ error: 'That key does not exist.' }) });

export const rotateApiKeySchema = apiKeyIdSchema.extend({
  // A checkbox: present when ticked.
  revokeOld: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
});
