import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { devMailboxEnabled, extractLinks, getMailboxMessage } from '@/lib/email';
import { formatInZone } from '@/lib/time';

export const metadata: Metadata = { title: 'Dev mailbox message', robots: { index: false } };
export const dynamic = 'force-dynamic';

const statusTone = { sent: 'success', queued: 'warning', failed: 'danger' } as const;

export default async function MailboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  if (!devMailboxEnabled()) notFound();
  const message = await getMailboxMessage((await params).id);
  if (!message) notFound();
  const links = extractLinks(message.html, message.text);

  const meta: Array<[string, string]> = [
    ['To', message.to],
    ['From', message.from],
    ['Template', message.template],
    ['Provider', message.providerMessageId ? `${message.provider} (${message.providerMessageId})` : message.provider],
    ['Created', formatInZone(message.createdAt, 'UTC', 'date-time-seconds-zone')],
  ];

  return (
    <main className="mx-auto max-w-5xl px-5 py-10 sm:px-8">
      <PageHeader
        label="Development only · Mailbox"
        title={message.subject}
        actions={
          <Button href="/dev/mailbox" variant="secondary">
            All messages
          </Button>
        }
      />

      <dl className="mt-6 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[8rem_1fr]">
        {meta.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted">{label}</dt>
            <dd className="break-all text-foreground">{value}</dd>
          </div>
        ))}
        <dt className="text-muted">Status</dt>
        <dd>
          <Badge tone={statusTone[message.status]}>{message.status}</Badge>
          {message.error ? <span className="ml-2 text-danger">{message.error}</span> : null}
        </dd>
      </dl>

      <Card className="mt-6">
        <CardHeader>
          <CardTitle as="h2">Links</CardTitle>
        </CardHeader>
        <CardContent>
          {links.length ? (
            <ul className="flex flex-col gap-2" data-testid="mailbox-links">
              {links.map((link) => (
                <li key={link.href} className="text-sm">
                  <a href={link.href} data-testid="mailbox-link" className="font-medium text-accent underline underline-offset-4 break-all">
                    {link.label}
                  </a>
                  {link.label !== link.href ? <span className="ml-2 break-all text-muted">{link.href}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted">This message has no links.</p>
          )}
        </CardContent>
      </Card>

      <Card className="mt-6">
        <CardHeader>
          <CardTitle as="h2">HTML</CardTitle>
        </CardHeader>
        <CardContent>
          {/* sandbox="" gives the email no scripts, forms, navigation or same-origin access. */}
          <iframe
            title={`HTML body of “${message.subject}”`}
            srcDoc={message.html}
            sandbox=""
            className="h-[32rem] w-full rounded-lg border border-border bg-white"
          />
        </CardContent>
      </Card>

      <Card className="mt-6">
        <CardHeader>
          <CardTitle as="h2">Text</CardTitle>
        </CardHeader>
        <CardContent>
          <pre tabIndex={0} role="region" aria-label="Plain-text version" className="overflow-x-auto text-sm whitespace-pre-wrap text-foreground">{message.text}</pre>
        </CardContent>
      </Card>
    </main>
  );
}
