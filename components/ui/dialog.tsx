'use client';

import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Button, type ButtonAsButtonProps, type ButtonSize, type ButtonVariant } from './button';
import { cn } from './cn';
import { CloseIcon } from './icons';

const DialogContext = createContext<{ close: () => void } | null>(null);

export type DialogProps = {
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Action row at the bottom (put a <DialogClose> for "Cancel"). */
  footer?: ReactNode;
  /** Uncontrolled use (works from server components): the trigger button's content. */
  trigger?: ReactNode;
  triggerVariant?: ButtonVariant;
  triggerSize?: ButtonSize;
  triggerClassName?: string;
  /** Controlled use from a client component. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  defaultOpen?: boolean;
  size?: 'sm' | 'md' | 'lg';
  /** Set false for dialogs that must not be dismissed by clicking outside (e.g. unsaved input). */
  closeOnBackdrop?: boolean;
  className?: string;
};

const widths = { sm: 'max-w-sm', md: 'max-w-lg', lg: 'max-w-2xl' } as const;

/**
 * Built on the native <dialog> opened with showModal(): the browser traps focus, makes the
 * rest of the page inert, closes on Escape and returns focus to the trigger.
 */
export function Dialog({
  title,
  description,
  children,
  footer,
  trigger,
  triggerVariant = 'secondary',
  triggerSize = 'md',
  triggerClassName,
  open,
  onOpenChange,
  defaultOpen = false,
  size = 'md',
  closeOnBackdrop = true,
  className,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const [internalOpen, setInternalOpen] = useState(defaultOpen);
  const isOpen = open ?? internalOpen;

  const setOpen = useCallback(
    (next: boolean) => {
      if (open === undefined) setInternalOpen(next);
      onOpenChange?.(next);
    },
    [open, onOpenChange],
  );

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) dialog.showModal();
    if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);

  const close = useCallback(() => setOpen(false), [setOpen]);

  return (
    <DialogContext.Provider value={{ close }}>
      {trigger ? (
        <Button variant={triggerVariant} size={triggerSize} className={triggerClassName} aria-haspopup="dialog" onClick={() => setOpen(true)}>
          {trigger}
        </Button>
      ) : null}
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        // Escape and form[method=dialog] close natively; keep React state in step.
        onClose={() => {
          if (isOpen) setOpen(false);
        }}
        onClick={(event) => {
          // The content box fills the dialog, so a click whose target is the dialog itself hit the backdrop.
          if (closeOnBackdrop && event.target === event.currentTarget) close();
        }}
        className={cn(
          'm-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] overflow-visible rounded-2xl border border-border bg-surface p-0 text-foreground shadow-raised',
          widths[size],
          className,
        )}
      >
        {isOpen ? (
          <div className="relative flex max-h-[calc(100dvh-2rem)] flex-col">
            <div className="flex flex-col gap-1 px-5 pt-5 pr-12 sm:px-6 sm:pr-14">
              <h2 id={titleId} className="text-base font-semibold tracking-tight">
                {title}
              </h2>
              {description ? (
                <p id={descriptionId} className="text-sm leading-relaxed text-muted">
                  {description}
                </p>
              ) : null}
            </div>
            {children ? <div className="min-h-0 overflow-y-auto px-5 py-4 text-sm sm:px-6">{children}</div> : <div className="h-4" />}
            {footer ? (
              <div className="flex flex-col-reverse gap-2 rounded-b-2xl border-t border-border bg-surface-muted/60 px-5 py-3 sm:flex-row sm:justify-end sm:px-6">
                {footer}
              </div>
            ) : null}
            {/* Last in DOM order so showModal() focuses the first field or "Cancel", not the close icon. */}
            <Button variant="ghost" size="icon-sm" className="absolute top-3.5 right-3 sm:right-4" aria-label="Close dialog" onClick={close}>
              <CloseIcon className="size-4" />
            </Button>
          </div>
        ) : null}
      </dialog>
    </DialogContext.Provider>
  );
}

export type DialogCloseProps = Omit<ButtonAsButtonProps, 'onClick' | 'type'>;

/** A button that closes the surrounding Dialog; usable inside server-rendered dialog content. */
export function DialogClose({ variant = 'secondary', children = 'Cancel', ...props }: DialogCloseProps) {
  const context = useContext(DialogContext);
  return (
    <Button variant={variant} {...props} onClick={() => context?.close()}>
      {children}
    </Button>
  );
}
