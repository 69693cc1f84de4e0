import type { Metadata } from 'next';
import { InboxIcon } from '@/components/ui/icons';
import { Button } from '@/components/ui/button';
import { AuthResultCard } from '@/components/auth/auth-result-card';

export const metadata: Metadata = { title: 'Check your email' };

// Every message reads "if", and none depends on the session: this page is what both a new and an
// existing address see, so it must not tell them apart.
const COPY = {
  'sign-up': {
    title: 'Check your email',
    text: 'We’ve sent a message to the address you entered. Open the link in it to confirm your address and continue. The link works for 24 hours.',
  },
  'sign-in': {
    title: 'Check your email',
    text: 'If that address can sign in to Tessera, a sign-in link is on its way. It works once, for 15 minutes.',
  },
  reset: {
    title: 'Check your email',
    text: 'If an account uses that address, we’ve sent a link to choose a new password. It works once, for 1 hour.',
  },
  verify: {
    title: 'Check your email',
    text: 'If the address still needs confirming, a new link is on its way. It works for 24 hours.',
  },
} as const;

type Kind = keyof typeof COPY;

export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  const { kind } = await searchParams;
  const copy = COPY[kind && kind in COPY ? (kind as Kind) : 'sign-in'];
  return (
    <AuthResultCard
      icon={<InboxIcon />}
      title={copy.title}
      actions={
        <Button href="/sign-in" variant="secondary">
          Back to sign in
        </Button>
      }
    >
      <p>{copy.text}</p>
      <p>Nothing arrived after a few minutes? Check your spam folder, or try again with the address you signed up with.</p>
    </AuthResultCard>
  );
}
