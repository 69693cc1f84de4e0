/**
 * Every audit action the app records. The labels are what people read in Settings → Audit log
 * and Account → Security, so they stay stable even if an action's code path moves.
 */
export const auditActionLabels = {
  'auth.sign_in.succeeded': 'Signed in',
  'auth.sign_in.failed': 'Sign-in failed',
  'auth.lockout': 'Account locked after failed sign-ins',
  'auth.sign_out': 'Signed out',
  'auth.password.changed': 'Password changed',
  'auth.password.reset': 'Password reset',
  'auth.email.changed': 'Email address changed',
  'auth.two_factor.enabled': 'Two-factor authentication enabled',
  'auth.two_factor.disabled': 'Two-factor authentication disabled',
  'auth.session.revoked': 'Session revoked',
  'auth.sessions.revoked_all': 'All sessions revoked',
  'auth.oauth.linked': 'Sign-in provider connected',
  'auth.oauth.unlinked': 'Sign-in provider disconnected',
  'member.invited': 'Member invited',
  'member.invitation_revoked': 'Invitation revoked',
  'member.joined': 'Member joined',
  'member.removed': 'Member removed',
  'member.role_changed': 'Member role changed',
  'member.left': 'Member left',
  'workspace.created': 'Workspace created',
  'workspace.renamed': 'Workspace renamed',
  'workspace.slug_changed': 'Workspace URL changed',
  'workspace.updated': 'Workspace settings updated',
  'workspace.two_factor_required': 'Two-factor required for every member',
  'workspace.two_factor_optional': 'Two-factor no longer required',
  'workspace.ownership_transferred': 'Ownership transferred',
  'workspace.deletion_scheduled': 'Workspace deletion scheduled',
  'workspace.deletion_cancelled': 'Workspace deletion cancelled',
  'workspace.deleted': 'Workspace deleted',
  'workspace.restored': 'Workspace restored from an export',
  'api_key.created': 'API key created',
  'api_key.rotated': 'API key rotated',
  'api_key.revoked': 'API key revoked',
  'webhook.endpoint_created': 'Webhook endpoint added',
  'webhook.endpoint_updated': 'Webhook endpoint changed',
  'webhook.endpoint_enabled': 'Webhook endpoint turned on',
  'webhook.endpoint_disabled_manually': 'Webhook endpoint turned off',
  'webhook.endpoint_disabled': 'Webhook endpoint turned off after failing',
  'webhook.endpoint_deleted': 'Webhook endpoint deleted',
  'webhook.secret_rotated': 'Webhook signing secret rotated',
  'webhook.test_sent': 'Webhook test event sent',
  'webhook.redelivered': 'Webhook delivery sent again',
  'privacy.export_requested': 'Data export requested',
  'privacy.restore_requested': 'Restore into a new workspace requested',
  'privacy.account_export_requested': 'Account data export requested',
  'account.deletion_scheduled': 'Account deletion scheduled',
  'account.deletion_cancelled': 'Account deletion cancelled',
  'account.deleted': 'Account deleted',
  'bot.created': 'Bot created',
  'bot.updated': 'Bot settings changed',
  'bot.started': 'Bot started',
  'bot.paused': 'Bot paused',
  'bot.resumed': 'Bot resumed',
  'bot.stopped': 'Bot stopped',
  'bot.deleted': 'Bot deleted',
  'bot.failed': 'Bot stopped after failing runs',
  'bot.run_requested': 'Bot run requested',
  'bot.backtest_started': 'Backtest started',
  'money.account_created': 'Money account created',
  'money.import_committed': 'Bank file imported',
  'money.import_rolled_back': 'Bank import rolled back',
  'billing.plan_override_set': 'Plan set by Tessera (contract)',
  'billing.plan_override_cleared': 'Plan set by Tessera ended',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof auditActionLabels;

export const auditActions = Object.keys(auditActionLabels) as [AuditAction, ...AuditAction[]];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(auditActionLabels, value);
}

/** Rows written before an action was renamed (or by tests) still render instead of crashing. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? auditActionLabels[action] : action;
}
