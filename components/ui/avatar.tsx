import { cn } from './cn';

export type AvatarProps = {
  name: string | null;
  /** Used for initials when there is no name. */
  email?: string;
  size?: 'sm' | 'md' | 'lg';
  className?: string;
};

// Each shade keeps white initials at 4.5:1 or more (amber, emerald and sky need their 700s);
// tests/components/ui/contrast.test.ts checks it.
const palette = ['bg-violet-600', 'bg-amber-700', 'bg-emerald-700', 'bg-sky-700', 'bg-indigo-600', 'bg-rose-600'];

const sizes = { sm: 'size-7 text-[0.6875rem]', md: 'size-9 text-xs', lg: 'size-12 text-base' } as const;

export function initialsFor(name: string | null, email?: string): string {
  const source = name?.trim() || email?.split('@')[0] || '?';
  const words = source.split(/[\s._-]+/).filter(Boolean);
  const letters = words.length > 1 ? `${words[0]![0]}${words[words.length - 1]![0]}` : source.slice(0, 2);
  return letters.toUpperCase();
}

// Stable colour per person so the same user looks the same everywhere.
function colourFor(seed: string): string {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return palette[Math.abs(hash) % palette.length]!;
}

export function Avatar({ name, email, size = 'md', className }: AvatarProps) {
  const seed = email ?? name ?? '?';
  return (
    <span
      aria-hidden="true"
      className={cn(
        'inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white select-none',
        colourFor(seed),
        sizes[size],
        className,
      )}
    >
      {initialsFor(name, email)}
    </span>
  );
}
