import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { env } from '@/lib/env';
import { keyForVersion, keyringFromEnv, type Keyring, type KeyringEntry } from './keyring';
import { formatPayload, IV_BYTES, parsePayload, TAG_BYTES } from './payload';
import { signValue, verifySignedValue } from './signing';

export { payloadKeyVersion } from './payload';
export type { Keyring } from './keyring';

/** Whose secret it is: the key and the authenticated data are both bound to it. */
export type SecretScope = { kind: 'workspace' | 'user'; id: string };

const scopeSchema = z.object({ kind: z.enum(['workspace', 'user']), id: z.string().trim().min(1).max(200) });

/** Decryption failed: wrong scope, tampered or truncated payload, or a key version we don't hold. */
export class SecretDecryptionError extends Error {
  constructor(reason: string) {
    // Only the reason: the payload and the plaintext never go into an error that may be logged.
    super(`Secret could not be decrypted (${reason})`);
    this.name = 'SecretDecryptionError';
  }
}

const HKDF_SALT = Buffer.from('tessera/secrets');

function scopeLabel(scope: SecretScope): string {
  const { kind, id } = scopeSchema.parse(scope);
  return `${kind}:${id}`;
}

/** A key per scope, so one workspace's (or user's) key opens nothing of another's. */
function scopeKey(entry: KeyringEntry, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', entry.key, HKDF_SALT, `tessera/secret/${label}`, 32));
}

// The AAD repeats the scope and version, so a payload moved to another row or relabelled fails
// authentication even if a key were ever shared.
function aad(label: string, version: number): Buffer {
  return Buffer.from(`tessera/secret/v${version}/${label}`);
}

function activeKeyring(): Keyring {
  return keyringFromEnv(env());
}

/** A signature over `value` for one purpose (lib/secrets/signing.ts), with the active keyring. */
export function signFor(purpose: string, value: string, keyring: Keyring = activeKeyring()): string {
  return signValue(purpose, value, keyring);
}

export function verifyFor(purpose: string, value: string, signature: string, keyring: Keyring = activeKeyring()): boolean {
  return verifySignedValue(purpose, value, signature, keyring);
}

export function encryptSecret(plaintext: string, scope: SecretScope, keyring: Keyring = activeKeyring()): string {
  const label = scopeLabel(scope);
  const { current } = keyring;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', scopeKey(current, label), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(label, current.version));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return formatPayload({ version: current.version, iv, ciphertext, tag: cipher.getAuthTag() });
}

export function decryptSecret(payload: string, scope: SecretScope, keyring: Keyring = activeKeyring()): string {
  const label = scopeLabel(scope);
  const sealed = parsePayload(payload);
  if (!sealed) throw new SecretDecryptionError('malformed payload');
  const entry = keyForVersion(keyring, sealed.version);
  if (!entry) throw new SecretDecryptionError(`no key for version ${sealed.version}`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', scopeKey(entry, label), sealed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(label, sealed.version));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretDecryptionError('authentication failed');
  }
}

/** True when the payload was sealed with an older key and should be re-encrypted. */
export function needsReencryption(payload: string, keyring: Keyring = activeKeyring()): boolean {
  return parsePayload(payload)?.version !== keyring.current.version;
}

/** Opens with whichever key sealed it and seals again with the current key (key rotation). */
export function reencryptSecret(payload: string, scope: SecretScope, keyring: Keyring = activeKeyring()): string {
  return encryptSecret(decryptSecret(payload, scope, keyring), scope, keyring);
}
