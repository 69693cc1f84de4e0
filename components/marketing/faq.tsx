import type { ReactNode } from 'react';
import { ChevronDownIcon } from '@/components/ui/icons';
import { SectionHeading } from './section-heading';

export type FaqItem = { question: string; answer: ReactNode };

export const landingFaq: FaqItem[] = [
  {
    question: 'Do the bots trade with real money?',
    answer:
      'Bots is not released yet. As planned, new bots run on paper against live prices, and trading for real takes an exchange API key and switching the bot to live; we will recommend keys with trading rights only and no withdrawals.',
  },
  {
    question: 'Can I use just one of the four products?',
    answer:
      'Yes. Every plan will include all four, and onboarding asks which you want to start with. The products are being built now and arrive one by one.',
  },
  {
    question: 'Which banks can I import from?',
    answer:
      'Money is not released yet. The plan: any bank that exports CSV, with the columns mapped once and saved as a template, and duplicate transactions detected and skipped.',
  },
  {
    question: 'How does full-auto pricing stay safe?',
    answer:
      'Pricing is not released yet. As designed, rules can only move a price inside the floor, ceiling and minimum margin you set, with a cap on how far it may move per day, and every change goes into the audit trail.',
  },
  {
    question: 'Who can see my data?',
    answer:
      'Only members of the workspace, within their role. Isolation is enforced by row-level security in the database itself, not only by the application’s code.',
  },
  {
    question: 'Can I export or delete everything?',
    answer:
      'Owners can delete a workspace from its settings today, and its data goes with it. A self-service export (JSON and CSV) and account deletion come with the privacy tools; until then, write to support and we do it for you.',
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
