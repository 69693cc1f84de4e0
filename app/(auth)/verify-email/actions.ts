'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { resendVerificationFromToken } from '@/lib/auth/email-verification';

export async function resendFromLinkAction(formData: FormData): Promise<void> {
  const token = z.string().max(200).safeParse(formData.get('token'));
  if (token.success) await resendVerificationFromToken(token.data);
  redirect('/check-email?kind=verify');
}
