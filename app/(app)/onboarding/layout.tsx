import type { ReactNode } from 'react';
import { Logo } from '@/components/marketing/logo';

export default function OnboardingLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col bg-surface-muted">
      <header className="mx-auto flex w-full max-w-3xl items-center px-4 py-5 sm:px-6">
        <Logo />
      </header>
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 pb-16 pt-2 sm:px-6 sm:pt-6">
        {children}
      </main>
    </div>
  );
}
