import type { Metadata } from 'next';
import { Button } from '@/components/ui/button';
import { SearchIcon } from '@/components/ui/icons';
import { StatusScreen } from '@/components/ui/status-screen';
import { currentUser } from '@/lib/tenancy/session';

export const metadata: Metadata = { title: 'Page not found' };

export default async function NotFound() {
  // A signed-in person is offered their workspace (/w opens the one used last), not a sign-in form.
  const signedIn = (await currentUser()) !== null;
  return (
    <StatusScreen
      eyebrow="404"
      icon={<SearchIcon />}
      title="We can’t find that page"
      text={
        signedIn
          ? 'The link may be old, or the page may belong to a workspace you are not a member of. Check the address, or go back to your workspace.'
          : 'The link may be old, or the page may belong to a workspace you are not a member of. Check the address, or start again from the home page.'
      }
      actions={
        signedIn ? (
          <>
            <Button href="/w">Go to your workspace</Button>
            <Button href="/" variant="secondary">
              Go to the home page
            </Button>
          </>
        ) : (
          <>
            <Button href="/">Go to the home page</Button>
            <Button href="/sign-in" variant="secondary">
              Sign in
            </Button>
          </>
        )
      }
    />
  );
}
