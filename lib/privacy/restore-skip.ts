/**
 * Tenant tables a restore does NOT copy into the new workspace, each with its reason: they are
 * operational, bound to this installation, or bound to people (who may not exist here). Every
 * other tenant table is restored; tests/lib/privacy/restore-catalog.test.ts fails when a tenant
 * table is in neither group, or when a restorable table has an excluded (secret) NOT NULL column.
 */
export const RESTORE_SKIPPED_TABLES: Readonly<Record<string, string>> = {
  memberships: 'people of the source installation; the restoring user becomes the sole owner',
  invitations: 'sent to people for the source workspace; their tokens are not exported',
  api_keys: 'credentials of the source workspace; their hashes are not exported',
  api_idempotency_keys: 'replay records of past API calls, 24 hours long',
  webhook_endpoints: 'signing secrets are not exported, and the new workspace must not call out unasked',
  webhook_deliveries: 'delivery log of the endpoints above',
  audit_log: "its hash chain covers tenant_id and ids; the new workspace's own chain records the restore",
  workspace_slug_redirects: 'old addresses of the source workspace in the source installation',
  job_runs: 'operational: workflow runs of the source',
  outbox: 'operational: events already dispatched',
  subscriptions: "billing at the source's provider; the new workspace starts its own trial",
  billing_accounts: 'billing account and customer of the source; the new workspace gets its own',
  usage_ledger: "metered usage of the source's billing months",
  usage_period_totals: "metered usage of the source's billing months",
  privacy_exports: 'export and snapshot files of the source workspace',
  workspace_restores: 'restore requests of the source workspace',
};

/** Workspace settings carried over from the export's workspace row (the rest is the new workspace's own). */
export const RESTORED_WORKSPACE_SETTINGS = ['timezone', 'currency', 'require_two_factor'] as const;

export function isSkippedTable(name: string): boolean {
  return Object.hasOwn(RESTORE_SKIPPED_TABLES, name);
}
