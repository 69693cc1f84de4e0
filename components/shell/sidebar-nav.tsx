'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';
import { isActive, workspaceNav } from './nav-items';

export function SidebarNav({ slug }: { slug: string }) {
  const pathname = usePathname() ?? '';
  const items = workspaceNav(slug);
  return (
    <nav aria-label="Workspace">
      <ul className="flex flex-col gap-0.5">
        {items.map((item) => {
          const active = isActive(pathname, item);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'group flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition-colors',
                  active ? 'bg-surface-sunken text-foreground' : 'text-muted hover:bg-surface-muted hover:text-foreground',
                )}
              >
                <item.Icon className={cn('size-[1.125rem]', active ? (item.accent ?? 'text-foreground') : 'text-subtle group-hover:text-muted')} />
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
