import { env } from '@/lib/env';
import type { Tx, WorkspaceRole } from '@/db/tenant';
import { queueEmail, type QueuedEmail } from '@/lib/email';
import { renderEmail, type RenderedEmail } from '@/lib/email/templates';
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

/** In the workspace's transaction that created or refreshed the invitation: no invitation without its email, no email for a rolled-back one. */
export async function queueInvitationEmail(tx: Tx, tenantId: string, input: InvitationEmail): Promise<QueuedEmail> {
  const { subject, html, text } = await renderInvitationEmail(input);
  return queueEmail(tx, { to: input.to, subject, html, text, template: 'invitation' }, { tenantId });
}
