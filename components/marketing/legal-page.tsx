import type { ReactNode } from 'react';

/** Long-form legal text with readable measure and spacing (no typography plugin needed). */
export function LegalPage({ title, updated, intro, children }: { title: string; updated: string; intro: ReactNode; children: ReactNode }) {
  return (
    <article className="mx-auto max-w-3xl px-5 pt-16 pb-24 sm:px-6 sm:pt-20">
      <header className="border-b border-border pb-8">
        <p className="text-sm font-semibold text-accent">Legal</p>
        <h1 className="mt-2 text-4xl font-semibold tracking-tight">{title}</h1>
        <p className="mt-3 text-sm text-muted">Last updated {updated}</p>
        <div className="mt-6 text-lg leading-relaxed text-muted">{intro}</div>
      </header>
      <div className="mt-10 flex flex-col gap-10 text-[0.9375rem] leading-7 text-foreground [&_a]:font-medium [&_a]:text-accent [&_a]:underline-offset-2 hover:[&_a]:underline [&_h2]:text-xl [&_h2]:font-semibold [&_h2]:tracking-tight [&_li]:mt-1.5 [&_p]:mt-3 [&_ul]:mt-3 [&_ul]:list-disc [&_ul]:pl-5 [&_ul]:marker:text-subtle">
        {children}
      </div>
    </article>
  );
}

export function LegalSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="scroll-mt-24">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
