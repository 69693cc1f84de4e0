import { z } from 'zod';

/** One encryption key and the version number written into every payload it seals. */
export type KeyringEntry = { version: number; key: Buffer };

/** The current key seals and opens; the previous one only opens, while old payloads are re-sealed. */
export type Keyring = { current: KeyringEntry; previous: KeyringEntry | null };

/**
 * The env fields the keyring reads. ENCRYPTION_KEY_VERSION and ENCRYPTION_KEY_PREVIOUS are
 * optional so a deployment that never rotated needs nothing beyond ENCRYPTION_KEY (version 1).
 */
export type KeyringEnv = {
  ENCRYPTION_KEY: string;
  ENCRYPTION_KEY_VERSION?: number;
  ENCRYPTION_KEY_PREVIOUS?: string;
};

const hexKey = z.string().regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters (32 bytes)');
const keyringEnv = z.object({
  ENCRYPTION_KEY: hexKey,
  ENCRYPTION_KEY_VERSION: z.number().int().min(1).max(9999).optional(),
  ENCRYPTION_KEY_PREVIOUS: hexKey.optional(),
});

export function keyringFromEnv(source: KeyringEnv): Keyring {
  const parsed = keyringEnv.safeParse({
    ENCRYPTION_KEY: source.ENCRYPTION_KEY,
    ENCRYPTION_KEY_VERSION: source.ENCRYPTION_KEY_VERSION,
    ENCRYPTION_KEY_PREVIOUS: source.ENCRYPTION_KEY_PREVIOUS,
  });
  // The message names the variable only: a key must never reach a log line.
  if (!parsed.success) throw new Error(`Invalid encryption key configuration: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const version = parsed.data.ENCRYPTION_KEY_VERSION ?? 1;
  const previous = parsed.data.ENCRYPTION_KEY_PREVIOUS;
  if (previous && version < 2) throw new Error('ENCRYPTION_KEY_PREVIOUS needs ENCRYPTION_KEY_VERSION of 2 or more');
  return {
    current: { version, key: Buffer.from(parsed.data.ENCRYPTION_KEY, 'hex') },
    previous: previous ? { version: version - 1, key: Buffer.from(previous, 'hex') } : null,
  };
}

export function keyForVersion(keyring: Keyring, version: number): KeyringEntry | null {
  if (keyring.current.version === version) return keyring.current;
  if (keyring.previous?.version === version) return keyring.previous;
  return null;
}
