import { z } from 'zod';

// Field schemas shared by workspace creation, settings and onboarding, so every form validates
// the same way on the server.

const TIME_ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone')];
const TIME_ZONE_SET = new Set(TIME_ZONES);
const CURRENCIES: readonly string[] = Intl.supportedValuesOf('currency');
const CURRENCY_SET = new Set(CURRENCIES);

export function timeZones(): readonly string[] {
  return TIME_ZONES;
}

export function currencies(): readonly string[] {
  return CURRENCIES;
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

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'Use a three-letter ISO 4217 code, like USD.')
  .refine((code) => CURRENCY_SET.has(code), 'That is not a currency we know. Use an ISO 4217 code, like EUR.');

export const workspaceGeneralSchema = z.object({
  name: workspaceNameSchema,
  timezone: timeZoneSchema,
  currency: currencySchema,
});

export type WorkspaceGeneralInput = z.infer<typeof workspaceGeneralSchema>;

export type CurrencyChoice = { code: string; label: string };

/** Labelled on the server and passed down, so client and server never disagree on ICU names. */
export function currencyChoices(): CurrencyChoice[] {
  const names = new Intl.DisplayNames(['en'], { type: 'currency' });
  return CURRENCIES.map((code) => ({ code, label: `${code} — ${names.of(code) ?? code}` }));
}
