import type { Tx } from '@/db/tenant';
import type { QueuedEmail } from '@/lib/email';
import { queueTemplate } from '@/lib/email/templates';

/** In the transaction that records the sign-in, so the session never exists without its notice. */
export function queueNewDeviceNotice(tx: Tx, { email, device, ip, when }: { email: string; device: string; ip: string | null; when: Date }): Promise<QueuedEmail> {
  return queueTemplate(tx, 'new-sign-in', email, { device, ip, when });
}
