import Link from 'next/link';
import { Avatar } from '@/components/ui/avatar';
import { ChevronUpDownIcon, LogOutIcon, UserIcon } from '@/components/ui/icons';
import { menuItemClasses, PopoverMenu } from './popover-menu';

export type ShellUser = { name: string | null; email: string };

export function UserMenu({ user, signOutAction }: { user: ShellUser; signOutAction: () => Promise<void> }) {
  return (
    <PopoverMenu
      side="top"
      triggerClassName="flex w-full items-center gap-2.5 rounded-lg px-2 py-2 text-left transition-colors hover:bg-surface-muted"
      trigger={
        <>
          <Avatar name={user.name} email={user.email} size="sm" />
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-medium leading-tight">{user.name ?? user.email}</span>
            {user.name ? <span className="block truncate text-xs leading-tight text-muted">{user.email}</span> : null}
          </span>
          <ChevronUpDownIcon className="size-4 text-muted" />
          <span className="sr-only">, account menu</span>
        </>
      }
    >
      <div className="px-2.5 pt-1.5 pb-2">
        <p className="truncate text-sm font-medium">{user.name ?? 'Signed in'}</p>
        <p className="truncate text-xs text-muted">{user.email}</p>
      </div>
      <div className="border-t border-border pt-1">
        <Link href="/account" className={menuItemClasses}>
          <UserIcon className="size-4 text-muted" />
          Account settings
        </Link>
        <form action={signOutAction}>
          <button type="submit" className={menuItemClasses}>
            <LogOutIcon className="size-4 text-muted" />
            Sign out
          </button>
        </form>
      </div>
    </PopoverMenu>
  );
}
