import { headers } from 'next/headers';
import { clientIp } from '@/lib/http/client-ip';

/** Where a change came from, for the audit trail. Lib functions take it as input so tests pass their own. */
export type RequestMeta = { ip: string | null; userAgent: string | null };

export const NO_REQUEST_META: RequestMeta = { ip: null, userAgent: null };

export async function requestMeta(): Promise<RequestMeta> {
  const list = await headers();
  const ip = clientIp(list);
  return { ip: ip === 'unknown' ? null : ip, userAgent: list.get('user-agent') };
}
