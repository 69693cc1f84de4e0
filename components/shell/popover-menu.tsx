'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';

export type PopoverMenuProps = {
  /** Content of the toggle button. */
  trigger: ReactNode;
  /** Accessible name when the trigger content is not descriptive text. */
  triggerLabel?: string;
  triggerClassName?: string;
  /** Which side of the trigger the panel opens on. */
  side?: 'bottom' | 'top';
  panelClassName?: string;
  children: ReactNode;
};

/**
 * Disclosure-pattern popover (button + panel of links and forms). Deliberately not role="menu":
 * that promises arrow-key navigation, while plain Tab order through links is what users get here.
 */
export function PopoverMenu({ trigger, triggerLabel, triggerClassName, side = 'bottom', panelClassName, children }: PopoverMenuProps) {
  const pathname = usePathname();
  // Remember where it was opened: navigating elsewhere closes it without a state-syncing effect.
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt !== null && openAt === pathname;
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) setOpenAt(null);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape') {
        setOpenAt(null);
        buttonRef.current?.focus();
      }
    }
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  return (
    <div
      ref={rootRef}
      className="relative"
      onBlur={(event) => {
        // Tabbing out of the panel closes it, so it never lingers behind the focus.
        if (open && !event.currentTarget.contains(event.relatedTarget as Node | null) && event.relatedTarget) setOpenAt(null);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={triggerLabel}
        onClick={() => setOpenAt(open ? null : pathname)}
        className={triggerClassName}
      >
        {trigger}
      </button>
      <div
        id={panelId}
        hidden={!open}
        onClick={(event) => {
          if ((event.target as HTMLElement).closest('a')) setOpenAt(null);
        }}
        className={cn(
          'absolute inset-x-0 z-50 min-w-56 rounded-xl border border-border bg-surface p-1.5 text-sm shadow-raised',
          side === 'bottom' ? 'top-full mt-1.5' : 'bottom-full mb-1.5',
          panelClassName,
        )}
      >
        {children}
      </div>
    </div>
  );
}

/** Row styling shared by links and buttons inside a PopoverMenu. */
export const menuItemClasses =
  'flex w-full items-center gap-2.5 rounded-lg px-2.5 py-2 text-left text-sm text-foreground transition-colors hover:bg-surface-muted';
