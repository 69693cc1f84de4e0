import type { LinkOutcome } from '@/lib/auth/oauth-link';

const OUTCOMES: Record<LinkOutcome, { tone: 'success' | 'error'; text: (name: string, email: string) => string }> = {
  linked: { tone: 'success', text: (name) => `${name} is connected. You can use it to sign in from now on.` },
  'already-linked': { tone: 'success', text: (name) => `That ${name} account was already connected.` },
  taken: { tone: 'error', text: (name) => `That ${name} account already signs in to another Tessera account. Disconnect it there first.` },
  'email-mismatch': {
    tone: 'error',
    text: (name, email) => `That ${name} account uses a different email address. Connect the ${name} account whose verified address is ${email}.`,
  },
  'provider-unverified': { tone: 'error', text: (name) => `${name} hasn’t verified that account’s email address, so it can’t be connected.` },
  'account-unverified': { tone: 'error', text: () => 'Confirm your email address first: connecting a provider needs a confirmed address.' },
  expired: { tone: 'error', text: () => 'That connection request expired or was already used. Try connecting again.' },
};

/** The banner for `?connect=<outcome>` after the provider sends the person back. */
export function connectOutcomeMessage(outcome: string | undefined, name: string, email: string) {
  if (!outcome || !Object.hasOwn(OUTCOMES, outcome)) return null;
  const entry = OUTCOMES[outcome as LinkOutcome];
  return { tone: entry.tone, text: entry.text(name, email) };
}
