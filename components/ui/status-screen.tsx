import Link from 'next/link';
import type { ReactNode } from 'react';
import { TesseraMark } from './icons';

export type StatusScreenProps = {
  /** Small line above the title, e.g. "404" or "Offline". */
  eyebrow?: ReactNode;
  icon?: ReactNode;
  title: ReactNode;
  text: ReactNode;
  actions?: ReactNode;
  footnote?: ReactNode;
};

/** Full-page message for 404, errors and offline: what happened, then what to do. */
export function StatusScreen({ eyebrow, icon, title, text, actions, footnote }: StatusScreenProps) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center bg-surface-muted px-6 py-16">
      <Link href="/" className="mb-10 inline-flex items-center gap-2 rounded-md text-base font-semibold tracking-tight">
        <TesseraMark className="size-7" />
        Tessera
      </Link>
      <div className="w-full max-w-md rounded-2xl border border-border bg-surface p-8 text-center shadow-card">
        {icon ? (
          <div className="mx-auto mb-5 flex size-12 items-center justify-center rounded-xl border border-border bg-surface-muted text-muted [&_svg]:size-6">
            {icon}
          </div>
        ) : null}
        {eyebrow ? <p className="text-sm font-semibold text-accent">{eyebrow}</p> : null}
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-balance">{title}</h1>
        <div className="mt-3 text-sm leading-relaxed text-pretty text-muted">{text}</div>
        {actions ? <div className="mt-7 flex flex-col justify-center gap-2 sm:flex-row">{actions}</div> : null}
      </div>
      {footnote ? <p className="mt-6 max-w-md text-center text-xs text-muted">{footnote}</p> : null}
    </main>
  );
}
