/** A sealed secret as stored: `v<keyVersion>.<iv>.<ciphertext>.<tag>`, each part base64url. */
export type SealedPayload = { version: number; iv: Buffer; ciphertext: Buffer; tag: Buffer };

export const IV_BYTES = 12;
export const TAG_BYTES = 16;

const FORMAT = /^v([1-9][0-9]{0,3})\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]+)$/;

export function formatPayload({ version, iv, ciphertext, tag }: SealedPayload): string {
  return `v${version}.${iv.toString('base64url')}.${ciphertext.toString('base64url')}.${tag.toString('base64url')}`;
}

/** Null for anything that isn't a well-formed payload, so callers never decrypt garbage. */
export function parsePayload(payload: string): SealedPayload | null {
  const match = FORMAT.exec(payload);
  if (!match) return null;
  const iv = Buffer.from(match[2]!, 'base64url');
  const ciphertext = Buffer.from(match[3]!, 'base64url');
  const tag = Buffer.from(match[4]!, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return null;
  return { version: Number(match[1]), iv, ciphertext, tag };
}

/** The key version a payload was sealed with, or null when it isn't a payload. */
export function payloadKeyVersion(payload: string): number | null {
  return parsePayload(payload)?.version ?? null;
}
