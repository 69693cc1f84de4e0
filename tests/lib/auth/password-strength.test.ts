import { describe, expect, it } from 'vitest';
import { checkPasswordStrength, newPasswordSchema } from '@/lib/auth/password-strength';

describe('password strength', () => {
  it('refuses short passwords before anything else', () => {
    expect(checkPasswordStrength('Xq7#v!2')).toEqual({ ok: false, score: 0, message: 'Use at least 10 characters.' });
  });

  it('refuses common and breached passwords with zxcvbn feedback', () => {
    const verdict = checkPasswordStrength('password123456');
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.message).toMatch(/common|guess/i);
    for (const weak of ['qwertyuiop', '1234567890', 'iloveyou12', 'aaaaaaaaaaaa', 'P@ssw0rd123']) {
      expect(checkPasswordStrength(weak).ok, weak).toBe(false);
    }
  });

  it('refuses a password built from the user’s own name or email', () => {
    expect(checkPasswordStrength('lovelace2024', ['Ada Lovelace', 'ada.lovelace@example.com']).ok).toBe(false);
  });

  it('accepts long unguessable passphrases', () => {
    expect(checkPasswordStrength('correct-horse-battery-staple-93').ok).toBe(true);
    expect(checkPasswordStrength('vP8#tq2Lz!mR4w').ok).toBe(true);
  });

  it('works as a zod field with the message as its error', () => {
    const result = newPasswordSchema.safeParse('password123456');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/common|guess/i);
    expect(newPasswordSchema.safeParse('correct-horse-battery-staple-93').success).toBe(true);
  });
});
