import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { MobileDrawer } from '@/components/shell/mobile-drawer';
import { Logo } from './logo';

const links = [
  { href: '/#products', label: 'Products' },
  { href: '/#security', label: 'Security' },
  { href: '/pricing', label: 'Pricing' },
  { href: '/#faq', label: 'FAQ' },
];

export function SiteHeader() {
  return (
    <header className="sticky top-0 z-40 border-b border-border/80 bg-background/85 backdrop-blur-md supports-[backdrop-filter]:bg-background/70">
      <a
        href="#main"
        className="sr-only rounded-md bg-primary px-3 py-2 text-sm text-primary-foreground focus:not-sr-only focus:absolute focus:top-3 focus:left-3 focus:z-50"
      >
        Skip to content
      </a>
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-6 px-5 sm:px-6">
        <Logo />
        <nav aria-label="Main" className="hidden md:block">
          <ul className="flex items-center gap-1">
            {links.map((link) => (
              <li key={link.href}>
                <Link href={link.href} className="rounded-md px-3 py-2 text-sm font-medium text-muted transition-colors hover:text-foreground">
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-2">
          {/* Wrapped because Button sets its own display; very narrow phones use the menu's link instead. */}
          <span className="hidden min-[360px]:contents">
            <Button href="/sign-in" variant="ghost" size="sm">
              Sign in
            </Button>
          </span>
          <Button href="/sign-up" size="sm">
            Start free
          </Button>
          {/* The app shell's drawer: a modal <dialog>, so focus stays inside and Escape closes it. */}
          <div className="md:hidden">
            <MobileDrawer title="Menu">
              <nav aria-label="Mobile" className="p-2">
                <ul className="flex flex-col">
                  {links.map((link) => (
                    <li key={link.href}>
                      <Link href={link.href} className="block rounded-md px-3 py-2.5 text-sm font-medium text-foreground hover:bg-surface-muted">
                        {link.label}
                      </Link>
                    </li>
                  ))}
                  <li className="mt-1 border-t border-border pt-1">
                    <Link href="/sign-in" className="block rounded-md px-3 py-2.5 text-sm font-medium text-foreground hover:bg-surface-muted">
                      Sign in
                    </Link>
                  </li>
                  <li>
                    <Link href="/sign-up" className="block rounded-md px-3 py-2.5 text-sm font-medium text-foreground hover:bg-surface-muted">
                      Create an account
                    </Link>
                  </li>
                </ul>
              </nav>
            </MobileDrawer>
          </div>
        </div>
      </div>
    </header>
  );
}
