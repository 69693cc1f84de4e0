import type { ReactNode } from 'react';
import { cn } from '@/components/ui/cn';

export function SectionHeading({
  id,
  eyebrow,
  title,
  text,
  align = 'center',
  tone = 'default',
}: {
  id?: string;
  eyebrow?: string;
  title: ReactNode;
  text?: ReactNode;
  align?: 'center' | 'left';
  /** `inverted` for headings on the dark security band. */
  tone?: 'default' | 'inverted';
}) {
  return (
    <div className={cn('max-w-2xl', align === 'center' && 'mx-auto text-center')}>
      {eyebrow ? (
        <p className={cn('text-sm font-semibold', tone === 'inverted' ? 'text-indigo-300' : 'text-accent')}>{eyebrow}</p>
      ) : null}
      <h2
        id={id}
        className={cn(
          'mt-2 text-3xl font-semibold tracking-tight text-balance sm:text-4xl',
          tone === 'inverted' ? 'text-white' : 'text-foreground',
        )}
      >
        {title}
      </h2>
      {text ? (
        <p className={cn('mt-4 text-base leading-relaxed text-pretty sm:text-lg', tone === 'inverted' ? 'text-slate-300' : 'text-muted')}>
          {text}
        </p>
      ) : null}
    </div>
  );
}
