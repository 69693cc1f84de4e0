// Server-side entry point (record pulls in node:crypto); client components import ./actions directly.
export { recordAccountAudit, recordWorkspaceAudit, type AuditEvent } from './record';
export { auditActionLabel, auditActionLabels, auditActions, isAuditAction, type AuditAction } from './actions';
export { accountChain, workspaceChain } from './chains';
export { verifyChain, type ChainVerification } from './verify';
export { pseudonymFor, pseudonymiseAuditActor } from './pseudonymise';
