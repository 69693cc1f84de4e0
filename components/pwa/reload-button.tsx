'use client';

import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';

export function ReloadButton({ children = 'Try again' }: { children?: ReactNode }) {
  return <Button onClick={() => window.location.reload()}>{children}</Button>;
}
