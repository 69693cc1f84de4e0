import Link from 'next/link';
import { Logo } from './logo';

const columns = [
  {
    title: 'Products',
    links: [
      { href: '/#bots', label: 'Bots' },
      { href: '/#journal', label: 'Journal' },
      { href: '/#money', label: 'Money' },
      { href: '/#pricing', label: 'Pricing' },
    ],
  },
  {
    title: 'Tessera',
    links: [
      { href: '/pricing', label: 'Plans and prices' },
      { href: '/#security', label: 'Security' },
      { href: '/#faq', label: 'FAQ' },
      { href: '/docs/api', label: 'API reference' },
    ],
  },
  {
    title: 'Account',
    links: [
      { href: '/sign-in', label: 'Sign in' },
      { href: '/sign-up', label: 'Create an account' },
    ],
  },
  {
    title: 'Legal',
    links: [
      { href: '/legal/privacy', label: 'Privacy policy' },
      { href: '/legal/terms', label: 'Terms of service' },
    ],
  },
];

export function SiteFooter() {
  return (
    <footer className="border-t border-border bg-surface-muted">
      <div className="mx-auto max-w-6xl px-5 py-14 sm:px-6">
        <div className="grid gap-10 lg:grid-cols-[1.4fr_repeat(4,1fr)]">
          <div className="max-w-xs">
            <Logo />
            <p className="mt-3 text-sm leading-relaxed text-muted">
              Trading bots, a trading journal, household finance and store pricing. One workspace, one bill.
            </p>
          </div>
          <div className="grid grid-cols-2 gap-8 sm:grid-cols-4 lg:col-span-4">
            {columns.map((column) => (
              <nav key={column.title} aria-label={column.title}>
                <h2 className="text-sm font-semibold text-foreground">{column.title}</h2>
                <ul className="mt-3 flex flex-col gap-2">
                  {column.links.map((link) => (
                    <li key={link.label}>
                      <Link href={link.href} className="rounded-sm text-sm text-muted transition-colors hover:text-foreground">
                        {link.label}
                      </Link>
                    </li>
                  ))}
                </ul>
              </nav>
            ))}
          </div>
        </div>
        <div className="mt-12 flex flex-col gap-3 border-t border-border pt-6 text-xs leading-relaxed text-muted sm:flex-row sm:justify-between">
          <p>© {new Date().getFullYear()} Tessera. All rights reserved.</p>
          <p className="max-w-xl sm:text-right">
            Tessera is software, not a broker or financial adviser. Trading carries risk of loss; backtests and paper results do not
            guarantee future returns.
          </p>
        </div>
      </div>
    </footer>
  );
}
