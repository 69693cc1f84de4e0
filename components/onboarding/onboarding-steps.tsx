import { cn } from '@/components/ui/cn';
import { CheckIcon } from '@/components/ui/icons';

const STEPS = ['You and your workspace', 'Products', 'First step'] as const;

export function OnboardingSteps({ current }: { current: 1 | 2 | 3 }) {
  return (
    <ol className="flex items-center gap-2 text-xs sm:gap-4 sm:text-sm" aria-label="Onboarding progress">
      {STEPS.map((label, index) => {
        const n = index + 1;
        const done = n < current;
        return (
          <li key={label} className="flex min-w-0 items-center gap-2" aria-current={n === current ? 'step' : undefined}>
            <span
              className={cn(
                'flex size-6 shrink-0 items-center justify-center rounded-full border text-xs font-semibold',
                done ? 'border-accent bg-accent text-white' : n === current ? 'border-accent text-accent' : 'border-border-strong text-muted',
              )}
            >
              {done ? <CheckIcon className="size-3.5" /> : n}
            </span>
            <span className={cn('truncate', n === current ? 'font-medium text-foreground' : 'text-muted', n !== current && 'hidden sm:inline')}>
              {label}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
