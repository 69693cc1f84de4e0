const valid = new Map<string, boolean>();

/** Whether Intl knows the zone (IANA name or UTC). */
export function isTimeZone(timeZone: string): boolean {
  let known = valid.get(timeZone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone });
      known = true;
    } catch {
      known = false;
    }
    valid.set(timeZone, known);
  }
  return known;
}

/** A stored zone Intl doesn't know (typo, retired name) falls back to UTC rather than failing a page. */
export function safeTimeZone(timeZone: string | null | undefined): string {
  return timeZone && isTimeZone(timeZone) ? timeZone : 'UTC';
}
