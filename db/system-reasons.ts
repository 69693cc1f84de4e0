/**
 * Why a transaction may bypass row-level security (DESIGN.md §2). withSystem takes one of these,
 * optionally followed by ': detail' for pg_stat_activity and the logs. A new kind of system work
 * adds its category here, where a reviewer sees the whole list.
 */
export const SYSTEM_REASONS = [
  /** Sign-in, sessions, tokens, the Auth.js adapter: users are platform data. */
  'auth',
  /** A person's own account: profile, email, password, two-factor. */
  'account',
  /** Questions across workspaces: a user's memberships, free slugs, creating or deleting a workspace, invitations by token. */
  'tenancy',
  /** Sending and reading the email outbox (platform data). */
  'email',
  /** The workflow runners: job_runs and the outbox across tenants. */
  'workflows',
  /** Verifying audit chains across tenants; account chains. */
  'audit',
  /** Deleting old rows past their retention (outbox, job runs). */
  'retention',
  /** Webhooks from outside services, which arrive for no tenant in particular. */
  'webhooks',
  /** Sending workspaces' outgoing webhooks: the due-delivery sweep reads across tenants. */
  'webhook delivery',
  /** Billing state synchronised from a provider. */
  'billing',
  /** Resolving an API key by its hash (the key names the workspace) and noting when it was last used. */
  'api_keys',
  /** Nightly workspace snapshots: queueing one per workspace and pruning those past retention. */
  'privacy',
  /** The bot scheduler: which active bots across workspaces are due to run. */
  'bots',
  /** Platform staff; every use is audited. */
  'admin',
  /** Demo and first-start seed. */
  'seed',
  'test',
  'bench',
] as const;

export type SystemCategory = (typeof SYSTEM_REASONS)[number];
export type SystemReason = SystemCategory | `${SystemCategory}: ${string}`;

export function systemCategory(reason: string): SystemCategory | null {
  const category = reason.split(':', 1)[0]!.trim();
  return (SYSTEM_REASONS as readonly string[]).includes(category) ? (category as SystemCategory) : null;
}
