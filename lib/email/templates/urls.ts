import { env } from '@/lib/env';

/** Absolute links for emails: a relative link means nothing in an inbox. */
export function appUrl(path: string, params?: Record<string, string>): string {
  const url = new URL(path, env().APP_URL);
  for (const [key, value] of Object.entries(params ?? {})) url.searchParams.set(key, value);
  return url.toString();
}

export function formatWhen(when: Date, timeZone = 'UTC'): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone, timeZoneName: 'short' }).format(when);
  } catch {
    return `${when.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  }
}

export function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
