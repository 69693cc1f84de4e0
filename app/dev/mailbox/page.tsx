import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { describeEmailBackend, devMailboxEnabled, listMailbox } from '@/lib/email';
import { formatInZone } from '@/lib/time';

export const metadata: Metadata = { title: 'Dev mailbox', robots: { index: false } };
export const dynamic = 'force-dynamic';

const statusTone = { sent: 'success', queued: 'warning', failed: 'danger' } as const;

function utc(date: Date): string {
  return formatInZone(date, 'UTC', 'date-time-seconds-zone');
}

export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ to?: string | string[] }> }) {
  if (!devMailboxEnabled()) notFound();
  const raw = (await searchParams).to;
  const to = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 320) || undefined;
  const messages = await listMailbox({ to, limit: 100 });

  return (
    <main className="mx-auto max-w-5xl px-5 py-10 sm:px-8">
      <PageHeader
        label="Development only"
        title="Mailbox"
        description={`Every email the app has sent, newest first. ${describeEmailBackend()}.`}
      />

      <form method="get" action="/dev/mailbox" className="mt-6 flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="flex-1">
          <Label htmlFor="mailbox-to">Recipient</Label>
          <Input id="mailbox-to" name="to" type="search" defaultValue={to ?? ''} placeholder="someone@example.com" className="mt-1" />
        </div>
        <div className="flex gap-2">
          <Button type="submit" variant="secondary">
            Filter
          </Button>
          {to ? (
            <Button href="/dev/mailbox" variant="ghost">
              Clear
            </Button>
          ) : null}
        </div>
      </form>

      <div className="mt-6">
        {messages.length === 0 ? (
          <EmptyState
            title={to ? `No email to “${to}”` : 'No email yet'}
            text="Sign up, invite a member or ask for a password reset: the message lands here."
          />
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>To</TableHead>
                <TableHead>Subject</TableHead>
                <TableHead>Template</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Time</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {messages.map((message) => (
                <TableRow key={message.id}>
                  <TableCell className="whitespace-nowrap">{message.to}</TableCell>
                  <TableCell>
                    <Link href={`/dev/mailbox/${message.id}`} className="font-medium text-foreground underline-offset-4 hover:underline">
                      {message.subject}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <code className="text-xs">{message.template}</code>
                  </TableCell>
                  <TableCell>
                    <Badge tone={statusTone[message.status]}>{message.status}</Badge>
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-muted">
                    <time dateTime={message.createdAt.toISOString()}>{utc(message.createdAt)}</time>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </div>
    </main>
  );
}
