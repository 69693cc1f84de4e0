import { z } from 'zod';
import { CURRENCY_CODES, type CurrencyCode, currencyCodeSchema } from '@/lib/currency/currency-code';

// Field schemas shared by workspace creation, settings and onboarding, so every form validates
// the same way on the server.

const TIME_ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone')];
const TIME_ZONE_SET = new Set(TIME_ZONES);

export function timeZones(): readonly string[] {
  return TIME_ZONES;
}

export function currencies(): readonly CurrencyCode[] {
  return CURRENCY_CODES;
}

export const workspaceNameSchema = z
  .string()
  .trim()
  .min(2, 'Use at least 2 characters.')
  .max(64, 'Use at most 64 characters.');

export const timeZoneSchema = z
  .string()
  .trim()
  .refine((zone) => TIME_ZONE_SET.has(zone), 'Choose a time zone from the list.');

/** The one currency field (lib/currency): ISO 4217, upper-cased, known to Intl. */
export const currencySchema = currencyCodeSchema;

export const workspaceGeneralSchema = z.object({
  name: workspaceNameSchema,
  timezone: timeZoneSchema,
  currency: currencySchema,
});

export type WorkspaceGeneralInput = z.infer<typeof workspaceGeneralSchema>;

export type CurrencyChoice = { code: CurrencyCode; label: string };

/** Labelled on the server and passed down, so client and server never disagree on ICU names. */
export function currencyChoices(): CurrencyChoice[] {
  const names = new Intl.DisplayNames(['en'], { type: 'currency' });
  return CURRENCY_CODES.map((code) => ({ code, label: `${code} — ${names.of(code) ?? code}` }));
}
