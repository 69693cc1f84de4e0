import { env } from '@/lib/env';
import { formatInZone } from '@/lib/time';

/** Absolute links for emails: a relative link means nothing in an inbox. */
export function appUrl(path: string, params?: Record<string, string>): string {
  const url = new URL(path, env().APP_URL);
  for (const [key, value] of Object.entries(params ?? {})) url.searchParams.set(key, value);
  return url.toString();
}

/** "22 Nov 2026, 09:00 GMT+3": the reader's zone when known, named, since an inbox has no context. */
export function formatWhen(when: Date, timeZone = 'UTC'): string {
  return formatInZone(when, timeZone, 'date-time-zone');
}

export function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
