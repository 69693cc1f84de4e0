import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { RegisterServiceWorker } from '@/components/pwa/register-service-worker';
import { ToastProvider } from '@/components/ui/toast';
import './globals.css';

export const metadata: Metadata = {
  title: {
    default: 'Tessera — trading bots, journal, household finance and store pricing',
    template: '%s · Tessera',
  },
  description:
    'Four tools for people who run money: DCA and martingale trading bots, a trading journal, household finance and competitive store pricing. One workspace, one bill, one audit trail.',
  applicationName: 'Tessera',
  // app/manifest.ts, app/icon.svg, app/favicon.ico and app/apple-icon.png are picked up by file convention.
  appleWebApp: { capable: true, title: 'Tessera', statusBarStyle: 'default' },
  formatDetection: { telephone: false },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  viewportFit: 'cover',
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#0b0f17' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page render per request, which is what lets Next stamp the
  // middleware's CSP nonce on its scripts: a prerendered page would carry no nonce and be blocked.
  await headers();
  return (
    <html lang="en">
      <body className="min-h-dvh bg-background text-foreground antialiased">
        <ToastProvider>{children}</ToastProvider>
        <RegisterServiceWorker />
      </body>
    </html>
  );
}
