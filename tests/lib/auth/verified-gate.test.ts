import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { requireVerifiedEmail } from '@/lib/auth/verified-gate';
import { AppError } from '@/lib/errors/app-error';
import { createTenant } from '../../helpers/database';

describe('the verified-email gate', () => {
  it('refuses inviting and paying until the address is confirmed, then allows both', async () => {
    const { user } = await createTenant();
    for (const action of ['invite', 'pay'] as const) {
      const refusal = await requireVerifiedEmail(user.id, action).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(AppError);
      expect(refusal).toMatchObject({ code: 'forbidden', status: 403, details: { reason: 'email_unverified' } });
    }
    await expect(requireVerifiedEmail(user.id, 'pay')).rejects.toThrow(/payment method/);

    await withSystem('test: confirm', (tx) => tx.update(users).set({ emailVerified: new Date() }).where(eq(users.id, user.id)));
    await expect(requireVerifiedEmail(user.id, 'invite')).resolves.toBeUndefined();
    await expect(requireVerifiedEmail(user.id, 'pay')).resolves.toBeUndefined();
  });

  it('refuses when nobody is signed in or the account is gone', async () => {
    await expect(requireVerifiedEmail(null, 'pay')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(requireVerifiedEmail('00000000-0000-4000-8000-000000000000', 'invite')).rejects.toMatchObject({ code: 'forbidden' });
  });
});
