'use server';

import { requestMagicLink, type MagicLinkState } from '@/lib/auth/magic-link-request';

export async function magicLinkAction(previous: MagicLinkState, formData: FormData): Promise<MagicLinkState> {
  return requestMagicLink(previous, formData);
}
