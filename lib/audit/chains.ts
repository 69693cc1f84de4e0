/** Chain names as documented on the audit_log table: one per workspace, one per user's account. */
export const workspaceChain = (tenantId: string): string => `w:${tenantId}`;
export const accountChain = (userId: string): string => `u:${userId}`;
