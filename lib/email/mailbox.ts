import { desc, eq, ilike } from 'drizzle-orm';
import { z } from 'zod';
import { emailOutbox } from '@/db/schema';
import { withSystem } from '@/db/tenant';

export type MailboxMessage = typeof emailOutbox.$inferSelect;
export type MailboxEntry = Pick<MailboxMessage, 'id' | 'to' | 'subject' | 'template' | 'status' | 'provider' | 'createdAt'>;

const listInput = z.object({
  to: z.string().trim().max(320).optional(),
  limit: z.number().int().min(1).max(500).default(50),
});

/** Newest first; `to` matches the recipient case-insensitively, so a partial address finds it too. */
export async function listMailbox(input: z.input<typeof listInput> = {}): Promise<MailboxEntry[]> {
  const { to, limit } = listInput.parse(input);
  return withSystem('email: email mailbox', (tx) =>
    tx
      .select({
        id: emailOutbox.id,
        to: emailOutbox.to,
        subject: emailOutbox.subject,
        template: emailOutbox.template,
        status: emailOutbox.status,
        provider: emailOutbox.provider,
        createdAt: emailOutbox.createdAt,
      })
      .from(emailOutbox)
      .where(to ? ilike(emailOutbox.to, `%${to.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined)
      .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
      .limit(limit),
  );
}

export async function getMailboxMessage(id: string): Promise<MailboxMessage | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await withSystem('email: email mailbox', (tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.id, id)));
  return row ?? null;
}
