'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { CloseIcon, MenuIcon } from '@/components/ui/icons';

/**
 * The phone navigation drawer: a native modal <dialog> (focus trap, Escape, inert page for free)
 * styled as a left panel. It closes itself after navigation, and renders its content only while open.
 */
export function MobileDrawer({ title, children }: { title: string; children: ReactNode }) {
  const pathname = usePathname();
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt !== null && openAt === pathname;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <>
      <button
        type="button"
        aria-label="Open navigation"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpenAt(pathname)}
        className="-ml-1.5 flex size-10 items-center justify-center rounded-lg text-foreground hover:bg-surface-muted"
      >
        <MenuIcon />
      </button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        onClose={() => setOpenAt(null)}
        onClick={(event) => {
          if (event.target === event.currentTarget || (event.target as HTMLElement).closest('a')) setOpenAt(null);
        }}
        className="m-0 h-dvh max-h-none w-[min(20rem,86vw)] max-w-none animate-drawer-in border-r border-border bg-surface p-0 text-foreground shadow-raised"
      >
        <div className="flex h-full flex-col">
          <div className="flex h-14 shrink-0 items-center justify-between border-b border-border px-4">
            <h2 id={titleId} className="text-sm font-semibold">
              {title}
            </h2>
            <button
              type="button"
              aria-label="Close navigation"
              onClick={() => setOpenAt(null)}
              className="-mr-1.5 flex size-9 items-center justify-center rounded-lg text-muted hover:bg-surface-muted hover:text-foreground"
            >
              <CloseIcon className="size-5" />
            </button>
          </div>
          {/* Drawn only while open: a closed dialog shows nothing, and the shell's sidebar would
              otherwise be rendered into every page's HTML twice. */}
          {open ? <div className="flex min-h-0 flex-1 flex-col">{children}</div> : null}
        </div>
      </dialog>
    </>
  );
}
