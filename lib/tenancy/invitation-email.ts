import { env } from '@/lib/env';
import { sendEmail, type SentEmail } from '@/lib/email';
import { renderEmail, type RenderedEmail } from '@/lib/email/templates';
import type { WorkspaceRole } from '@/db/tenant';
import { ROLE_LABELS } from './permissions';

export type InvitationEmail = {
  to: string;
  token: string;
  workspaceName: string;
  inviterName: string;
  role: WorkspaceRole;
  expiresAt: Date;
};

export function invitationUrl(token: string): string {
  return `${env().APP_URL.replace(/\/+$/, '')}/invite/${encodeURIComponent(token)}`;
}

export function renderInvitationEmail(input: InvitationEmail): Promise<RenderedEmail> {
  return renderEmail('invitation', {
    workspaceName: input.workspaceName,
    inviterName: input.inviterName,
    role: ROLE_LABELS[input.role],
    url: invitationUrl(input.token),
    expiresAt: input.expiresAt,
  });
}

/** Opens its own transactions (sendEmail): call after the invitation's transaction has committed. */
export async function sendInvitationEmail(input: InvitationEmail): Promise<SentEmail> {
  const { subject, html, text } = await renderInvitationEmail(input);
  return sendEmail({ to: input.to, subject, html, text, template: 'invitation' });
}
