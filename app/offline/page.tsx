import type { Metadata } from 'next';
import { ReloadButton } from '@/components/pwa/reload-button';
import { Button } from '@/components/ui/button';
import { WifiOffIcon } from '@/components/ui/icons';
import { StatusScreen } from '@/components/ui/status-screen';

export const metadata: Metadata = { title: 'Offline', robots: { index: false } };

// Precached by public/sw.js, so it must not depend on the session or the database.
export const dynamic = 'force-static';

export default function OfflinePage() {
  return (
    <StatusScreen
      eyebrow="Offline"
      icon={<WifiOffIcon />}
      title="You’re not connected"
      text="Tessera needs a connection to show your workspaces, so nothing here is stored on this device. Bots and price rules keep running on our servers while you are offline."
      actions={
        <>
          <ReloadButton>Try again</ReloadButton>
          <Button href="/" variant="secondary">
            Go to the home page
          </Button>
        </>
      }
      footnote="Changes you were making when the connection dropped may not have been saved. Check them once you are back online."
    />
  );
}
