import { clsx, type ClassValue } from 'clsx';

// No tailwind-merge: components keep their own classes conflict-free and callers
// add layout classes (margins, widths) rather than overriding colours.
export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}

export type { ClassValue };
