'use server';

import { publicAction } from '@/lib/actions/public-action';
import { MAGIC_LINK_IP_LIMITS } from '@/lib/auth/magic-link';
import { requestMagicLink } from '@/lib/auth/magic-link-request';
import { magicLinkSchema } from '@/lib/auth/schemas';

export const magicLinkAction = publicAction({ input: magicLinkSchema, rateLimit: [...MAGIC_LINK_IP_LIMITS], component: 'magic-link' }, ({ input }) =>
  requestMagicLink(input),
);
