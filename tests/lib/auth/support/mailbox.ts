import { extractLinks, getMailboxMessage, listMailbox } from '@/lib/email';

/** The newest email to `to` (optionally of one template), with its links. */
export async function lastEmail(to: string, template?: string) {
  const entries = await listMailbox({ to, limit: 50 });
  const entry = entries.find((e) => e.to === to && (!template || e.template === template));
  if (!entry) return null;
  const message = await getMailboxMessage(entry.id);
  return message ? { ...message, links: extractLinks(message.html, message.text) } : null;
}

/** The `token` query parameter of the email's first link (its action). */
export async function tokenFromLastEmail(to: string, template: string): Promise<string> {
  const email = await lastEmail(to, template);
  const href = email?.links[0]?.href;
  if (!href) throw new Error(`no ${template} email with a link for ${to}`);
  const token = new URL(href).searchParams.get('token');
  if (!token) throw new Error(`the ${template} link has no token: ${href}`);
  return token;
}

export async function templatesSentTo(to: string): Promise<string[]> {
  return (await listMailbox({ to, limit: 50 })).filter((e) => e.to === to).map((e) => e.template);
}
