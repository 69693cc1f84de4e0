import { sendTemplate } from '@/lib/email/templates';
import { getLogger } from '@/lib/observability/logger';

/** Fire-and-forget after the sign-in committed: a failed email must not fail the sign-in. */
export async function notifyNewDevice({ email, device, ip }: { email: string; device: string; ip: string | null }): Promise<void> {
  try {
    await sendTemplate('new-sign-in', email, { device, ip, when: new Date() });
  } catch (error) {
    getLogger({ component: 'auth' }).warn({ err: error }, 'new sign-in notice not sent');
  }
}
