import type { ReactNode } from 'react';

export function GallerySection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="scroll-mt-6 border-t border-border py-10 first:border-t-0">
      <h2 id={id} className="mb-6 font-mono text-xs font-semibold tracking-wider text-muted uppercase">
        {title}
      </h2>
      {children}
    </section>
  );
}
