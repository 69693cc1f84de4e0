'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { cn } from './cn';
import { AlertTriangleIcon, CheckCircleIcon, CloseIcon, InfoIcon, XCircleIcon } from './icons';

export type ToastTone = 'neutral' | 'success' | 'warning' | 'danger' | 'info';

export type ToastInput = {
  title: string;
  description?: string;
  tone?: ToastTone;
  /** Milliseconds before it disappears; 0 keeps it until dismissed. Errors default to 0. */
  durationMs?: number;
};

type ToastItem = ToastInput & { id: string; tone: ToastTone };

type ToastApi = {
  toast: (input: ToastInput) => string;
  dismiss: (id: string) => void;
};

const ToastContext = createContext<ToastApi | null>(null);

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast() needs a <ToastProvider> above it (the root layout renders one).');
  return api;
}

const toneStyles: Record<ToastTone, { icon: ReactNode; className: string }> = {
  neutral: { icon: <InfoIcon className="size-5 text-muted" />, className: '' },
  info: { icon: <InfoIcon className="size-5 text-info" />, className: '' },
  success: { icon: <CheckCircleIcon className="size-5 text-success" />, className: '' },
  warning: { icon: <AlertTriangleIcon className="size-5 text-warning" />, className: '' },
  danger: { icon: <XCircleIcon className="size-5 text-danger" />, className: 'border-danger-border' },
};

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const counter = useRef(0);

  const dismiss = useCallback((id: string) => setToasts((current) => current.filter((t) => t.id !== id)), []);
  const toast = useCallback((input: ToastInput) => {
    counter.current += 1;
    const id = `toast-${counter.current}`;
    // Keep the stack short so a burst of events cannot cover the page.
    setToasts((current) => [...current.slice(-3), { ...input, id, tone: input.tone ?? 'neutral' }]);
    return id;
  }, []);

  const api = useMemo(() => ({ toast, dismiss }), [toast, dismiss]);
  const polite = toasts.filter((t) => t.tone !== 'danger');
  const urgent = toasts.filter((t) => t.tone === 'danger');

  return (
    <ToastContext.Provider value={api}>
      {children}
      {/* Live regions stay mounted so screen readers are already listening when a toast is added. */}
      <section
        aria-label="Notifications"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end sm:p-6"
      >
        <div role="alert" aria-live="assertive" className="flex w-full flex-col items-center gap-2 sm:items-end">
          {urgent.map((t) => (
            <Toast key={t.id} item={t} onDismiss={dismiss} />
          ))}
        </div>
        <div role="status" aria-live="polite" className="flex w-full flex-col items-center gap-2 sm:items-end">
          {polite.map((t) => (
            <Toast key={t.id} item={t} onDismiss={dismiss} />
          ))}
        </div>
      </section>
    </ToastContext.Provider>
  );
}

function Toast({ item, onDismiss }: { item: ToastItem; onDismiss: (id: string) => void }) {
  const [paused, setPaused] = useState(false);
  const duration = item.durationMs ?? (item.tone === 'danger' ? 0 : 5000);

  // Hover or focus pauses the timer so nobody loses a message while reading it.
  useEffect(() => {
    if (paused || duration === 0) return;
    const timer = setTimeout(() => onDismiss(item.id), duration);
    return () => clearTimeout(timer);
  }, [paused, duration, item.id, onDismiss]);

  const tone = toneStyles[item.tone];
  return (
    <div
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
      className={cn(
        'pointer-events-auto flex w-full max-w-sm animate-toast-in items-start gap-3 rounded-xl border border-border bg-surface p-4 shadow-raised',
        tone.className,
      )}
    >
      <span className="mt-px">{tone.icon}</span>
      <div className="min-w-0 flex-1">
        <p className="text-sm font-semibold text-foreground">{item.title}</p>
        {item.description ? <p className="mt-0.5 text-sm leading-relaxed text-muted">{item.description}</p> : null}
      </div>
      <button
        type="button"
        onClick={() => onDismiss(item.id)}
        aria-label="Dismiss notification"
        className="-m-1 rounded-md p-1 text-muted transition-colors hover:bg-surface-muted hover:text-foreground"
      >
        <CloseIcon className="size-4" />
      </button>
    </div>
  );
}
