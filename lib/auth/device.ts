import Bowser from 'bowser';

/** "Firefox on macOS" — what a person recognises in a sessions list or a new-sign-in email. */
export function describeDevice(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Unknown device';
  const parsed = Bowser.parse(userAgent);
  const browser = parsed.browser.name ?? 'Unknown browser';
  const os = parsed.os.name ?? 'unknown system';
  return `${browser} on ${os}`;
}
