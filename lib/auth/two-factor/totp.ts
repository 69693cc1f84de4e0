import { generateSecret, generateURI, verify } from 'otplib';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_ISSUER = 'Tessera';

const TOTP_CODE = /^[0-9]{6}$/;

/** A 160-bit base32 secret, the size authenticator apps expect. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, accountLabel: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountLabel, secret, digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS });
}

/** Spaces and dashes people type or paste between digit groups. */
export function normalizeTotpInput(code: string): string {
  return code.replace(/[\s-]/g, '');
}

export function looksLikeTotp(code: string): boolean {
  return TOTP_CODE.test(normalizeTotpInput(code));
}

/**
 * The time step a code matched, within one step either side of `now` (clock drift), or null.
 * Steps at or before `afterStep` are refused, which is how a used code can't be replayed.
 */
export async function matchTotpStep(secret: string, code: string, now: Date, afterStep?: number): Promise<number | null> {
  const token = normalizeTotpInput(code);
  if (!TOTP_CODE.test(token)) return null;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    period: TOTP_PERIOD_SECONDS,
    digits: TOTP_DIGITS,
    // One period either side reaches exactly the previous and the next step, never two away.
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(afterStep !== undefined ? { afterTimeStep: afterStep } : {}),
  });
  if (!result.valid || !('timeStep' in result)) return null;
  return result.timeStep;
}
