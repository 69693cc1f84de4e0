import { AppError } from '@/lib/errors/app-error';

/** A strong ETag from a row's version counter (or any value that changes on every update). */
export function etagFor(id: string, version: number | bigint | string): string {
  return `"${id}.${version}"`;
}

/**
 * Refuses a lost update: an update must send the ETag it read as `If-Match` (428 would leave old
 * clients broken, so a missing header is allowed only when the route says so), and one that no
 * longer matches gets 412.
 */
export function assertIfMatch(headers: Headers, current: string, options: { required?: boolean } = {}): void {
  const sent = headers.get('if-match');
  if (sent === null) {
    if (options.required) throw new AppError('precondition_failed', 'Send the ETag you read as If-Match.', { header: 'If-Match' });
    return;
  }
  const tags = sent.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (!tags.includes('*') && !tags.includes(current)) {
    throw new AppError('precondition_failed', 'The resource changed since you read it. Read it again and retry.', { etag: current });
  }
}
