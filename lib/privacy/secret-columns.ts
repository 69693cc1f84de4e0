/**
 * Columns a workspace export never writes: what they hold would let the reader act as the
 * workspace (an API key's hash answers for the key, an invitation's token hash for the invite) or
 * is a secret sealed under the workspace's key. The one list; tests/lib/privacy/secret-columns.test.ts
 * fails when a tenant table gains a column that looks secret and is in neither list below.
 */
export const SECRET_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  api_keys: ['hash'],
  invitations: ['token_hash'],
  webhook_endpoints: ['secret_sealed'],
  bots: ['credentials_sealed', 'telegram_token_sealed'],
};

/**
 * Columns whose names look secret but are exported on purpose. audit_log's hashes let a reader
 * verify the chain; they are digests of the rows themselves, not of anything secret.
 */
export const EXPORTED_LOOKALIKE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  // The chain and its hash version let a reader verify the trail; the salt and digest are the row's own personal fields, hashed.
  audit_log: ['hash', 'prev_hash', 'hash_version'],
  // Fingerprints of the household's own data (de-duplication keys), not credentials: a restore needs them.
  money_import_batches: ['file_hash'],
  money_transactions: ['content_hash', 'global_hash'],
};

/** A column name that may hold a key, token, hash or ciphertext: it needs a decision above. */
export const SECRET_LOOKING = /hash|secret|sealed|token|password|encrypted|cipher/i;

export function isSecretColumn(table: string, column: string): boolean {
  return SECRET_COLUMNS[table]?.includes(column) ?? false;
}
