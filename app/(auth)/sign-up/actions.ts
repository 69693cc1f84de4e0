'use server';

import { redirect } from 'next/navigation';
import { publicAction } from '@/lib/actions/public-action';
import { SIGN_UP_TIME_FLOOR_MS, signUpSchema, signUpWithPassword } from '@/lib/auth/sign-up';
import { withTimeFloor } from '@/lib/auth/time-floor';

// Both outcomes end here with the same response: the page must not tell a new account from an
// existing address. Nor may a cookie, so sign-up never signs in — the confirmation link does.
const CHECK_EMAIL = '/check-email?kind=sign-up';

export const signUpAction = publicAction({ input: signUpSchema, rateLimit: ['signUpIpMinute', 'signUpIp'], component: 'sign-up' }, async ({ input, meta }) => {
  await withTimeFloor(SIGN_UP_TIME_FLOOR_MS, () => signUpWithPassword(input, meta));
  redirect(CHECK_EMAIL);
});
