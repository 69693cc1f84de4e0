'use server';

import { publicAction } from '@/lib/actions/public-action';
import { requestMagicLink } from '@/lib/auth/magic-link-request';
import { magicLinkSchema } from '@/lib/auth/schemas';

export const magicLinkAction = publicAction({ input: magicLinkSchema, rateLimit: 'magicLinkIp', component: 'magic-link' }, ({ input }) =>
  requestMagicLink(input),
);
