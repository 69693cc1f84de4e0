'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from './cn';

export type TabNavItem = { href: string; label: string; exact?: boolean };

/**
 * A section's pages as tabs, each its own route (a tab is never an anchor into a page). On a phone
 * the row scrolls sideways rather than wrapping; tighter padding keeps the usual three or four tabs
 * within a 360-pixel screen.
 */
export function TabNav({ label, items }: { label: string; items: readonly TabNavItem[] }) {
  const pathname = usePathname() ?? '';
  return (
    <nav aria-label={label} className="-mx-4 overflow-x-auto border-b border-border px-4 sm:mx-0 sm:px-0">
      <ul className="flex min-w-max gap-0.5 sm:gap-1">
        {items.map((item) => {
          const active = item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  '-mb-px inline-flex h-10 items-center border-b-2 px-2 text-sm font-medium whitespace-nowrap transition-colors sm:px-3',
                  active ? 'border-accent text-foreground' : 'border-transparent text-muted hover:text-foreground',
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
