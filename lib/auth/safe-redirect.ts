/** Only same-site paths: an open redirect after sign-in would hand phishers a trusted link. */
export function safeCallbackPath(value: unknown, fallback = '/w'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}
