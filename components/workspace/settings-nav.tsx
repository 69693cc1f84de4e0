'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';

export type SettingsNavItem = { href: string; label: string; exact?: boolean };

/** Tabs on wide screens, a sideways-scrolling row on phones. */
export function SettingsNav({ items }: { items: SettingsNavItem[] }) {
  const pathname = usePathname() ?? '';
  return (
    <nav aria-label="Settings" className="-mx-4 overflow-x-auto border-b border-border px-4 sm:mx-0 sm:px-0">
      <ul className="flex min-w-max gap-1">
        {items.map((item) => {
          const path = item.href.split('#')[0]!;
          const active = item.exact ? pathname === path : pathname === path || pathname.startsWith(`${path}/`);
          const isAnchor = item.href.includes('#');
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active && !isAnchor ? 'page' : undefined}
                className={cn(
                  '-mb-px inline-flex h-10 items-center border-b-2 px-3 text-sm font-medium transition-colors',
                  active && !isAnchor ? 'border-accent text-foreground' : 'border-transparent text-muted hover:text-foreground',
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
