import type { ReactNode } from 'react';
import { ChevronDownIcon } from '@/components/ui/icons';
import { SectionHeading } from './section-heading';

export type FaqItem = { question: string; answer: ReactNode };

export const landingFaq: FaqItem[] = [
  {
    question: 'Do the bots trade with real money?',
    answer:
      'Not until you say so. New bots run on paper against live prices. To trade for real you connect an exchange with an API key and switch the bot to live; we recommend keys with trading rights only and no withdrawals.',
  },
  {
    question: 'Can I use just one of the four products?',
    answer:
      'Yes. Every plan includes all four, and each workspace only shows the products you turn on. Many people start with the journal or the household budget and add the rest later.',
  },
  {
    question: 'Which banks can I import from?',
    answer:
      'Any bank that exports CSV. You map the columns once and Tessera saves it as a template, so next month’s import is a drag and drop. Duplicate transactions are detected and skipped.',
  },
  {
    question: 'How does full-auto pricing stay safe?',
    answer:
      'Rules can only move a price inside the floor, ceiling and minimum margin you set, with a cap on how far it may move per day. Every change is in the audit trail and can be rolled back.',
  },
  {
    question: 'Who can see my data?',
    answer:
      'Only members of the workspace, within their role. Isolation is enforced by row-level security in the database, and Tessera staff cannot browse your workspace.',
  },
  {
    question: 'Can I export or delete everything?',
    answer:
      'Yes. Settings → Privacy produces a full export (JSON and CSV) of your account and workspaces. Deleting a workspace or your account removes its data; backups expire within 30 days.',
  },
];

export function Faq({ items = landingFaq, title = 'Questions, answered' }: { items?: FaqItem[]; title?: string }) {
  return (
    <section aria-labelledby="faq-title" id="faq" className="scroll-mt-20 border-t border-border bg-surface-muted py-20 sm:py-28">
      <div className="mx-auto grid max-w-6xl gap-12 px-5 sm:px-6 lg:grid-cols-[1fr_1.6fr]">
        <SectionHeading
          id="faq-title"
          align="left"
          eyebrow="FAQ"
          title={title}
          text="Something else on your mind? Write to support@tessera.dev and a person will answer."
        />
        <div className="divide-y divide-border rounded-2xl border border-border bg-surface shadow-card">
          {items.map((item) => (
            <details key={item.question} className="group px-5 sm:px-6">
              <summary className="flex list-none items-center justify-between gap-4 rounded-md py-5 text-left font-medium">
                {item.question}
                <ChevronDownIcon className="size-5 shrink-0 text-muted transition-transform group-open:rotate-180" />
              </summary>
              <div className="-mt-1 pb-5 text-sm leading-relaxed text-muted">{item.answer}</div>
            </details>
          ))}
        </div>
      </div>
    </section>
  );
}
