import type { Metadata } from 'next';
import { Button } from '@/components/ui/button';
import { SearchIcon } from '@/components/ui/icons';
import { StatusScreen } from '@/components/ui/status-screen';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <StatusScreen
      eyebrow="404"
      icon={<SearchIcon />}
      title="We can’t find that page"
      text="The link may be old, or the page may belong to a workspace you are not a member of. Check the address, or start again from the home page."
      actions={
        <>
          <Button href="/">Go to the home page</Button>
          <Button href="/sign-in" variant="secondary">
            Sign in
          </Button>
        </>
      }
    />
  );
}
