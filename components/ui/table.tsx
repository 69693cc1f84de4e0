import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { cn } from './cn';

export type TableProps = HTMLAttributes<HTMLTableElement> & {
  /** Classes for the scrolling wrapper (the table scrolls sideways on narrow screens instead of squashing). */
  wrapperClassName?: string;
  /**
   * Names the scrolling wrapper and makes it a focusable region, for tables wide enough to
   * scroll: keyboard users can then scroll it with the arrow keys (WCAG 2.1.1).
   */
  scrollRegionLabel?: string;
};

export function Table({ className, wrapperClassName, scrollRegionLabel, ...props }: TableProps) {
  const region = scrollRegionLabel ? { role: 'region', 'aria-label': scrollRegionLabel, tabIndex: 0 } : {};
  return (
    <div className={cn('w-full overflow-x-auto rounded-xl border border-border bg-surface shadow-card', wrapperClassName)} {...region}>
      <table className={cn('w-full border-collapse text-left text-sm', className)} {...props} />
    </div>
  );
}

export function TableCaption({ className, ...props }: HTMLAttributes<HTMLTableCaptionElement>) {
  return <caption className={cn('px-4 py-3 text-left text-sm text-muted', className)} {...props} />;
}

export function TableHeader({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={cn('border-b border-border bg-surface-muted', className)} {...props} />;
}

export function TableBody({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cn('divide-y divide-border', className)} {...props} />;
}

export function TableFooter({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tfoot className={cn('border-t border-border bg-surface-muted font-medium', className)} {...props} />;
}

export function TableRow({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn('transition-colors hover:bg-surface-muted/60', className)} {...props} />;
}

export type TableHeadProps = ThHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean };

export function TableHead({ className, scope = 'col', numeric, ...props }: TableHeadProps) {
  return (
    <th
      scope={scope}
      className={cn(
        'h-10 px-4 text-xs font-medium tracking-wide whitespace-nowrap text-muted uppercase',
        numeric && 'text-right',
        className,
      )}
      {...props}
    />
  );
}

export type TableCellProps = TdHTMLAttributes<HTMLTableCellElement> & {
  /** Right-aligned tabular figures so columns of numbers line up. */
  numeric?: boolean;
};

export function TableCell({ className, numeric, ...props }: TableCellProps) {
  return <td className={cn('px-4 py-3 align-middle', numeric && 'text-right tabular', className)} {...props} />;
}
