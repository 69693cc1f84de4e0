import type { ComponentType } from 'react';
import { BotIcon, DashboardIcon, JournalIcon, MoneyIcon, PricingIcon, SettingsIcon, type IconProps } from '@/components/ui/icons';

export type NavItem = {
  href: string;
  label: string;
  Icon: ComponentType<IconProps>;
  /** Dashboard is the workspace root, so it must not light up for every nested route. */
  exact?: boolean;
  /** Product colour class for the icon. */
  accent?: string;
};

export function workspaceNav(slug: string): NavItem[] {
  const base = `/w/${encodeURIComponent(slug)}`;
  return [
    { href: base, label: 'Dashboard', Icon: DashboardIcon, exact: true },
    { href: `${base}/bots`, label: 'Bots', Icon: BotIcon, accent: 'text-bots' },
    { href: `${base}/journal`, label: 'Journal', Icon: JournalIcon, accent: 'text-journal' },
    { href: `${base}/money`, label: 'Money', Icon: MoneyIcon, accent: 'text-money' },
    { href: `${base}/pricing`, label: 'Pricing', Icon: PricingIcon, accent: 'text-pricing' },
    { href: `${base}/settings`, label: 'Settings', Icon: SettingsIcon },
  ];
}

export function isActive(pathname: string, item: Pick<NavItem, 'href' | 'exact'>): boolean {
  if (item.exact) return pathname === item.href || pathname === `${item.href}/`;
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}
