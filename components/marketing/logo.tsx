import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import { TesseraMark } from '@/components/ui/icons';

export function Logo({ href = '/', className }: { href?: string; className?: string }) {
  return (
    <Link href={href} className={cn('inline-flex items-center gap-2 rounded-md text-lg font-semibold tracking-tight text-foreground', className)}>
      <TesseraMark className="size-7" />
      <span>Tessera</span>
      <span className="sr-only">, home</span>
    </Link>
  );
}
