'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Re-renders the server page every second while a job is queued or running — or, with `maxMs`,
 * for a while after starting one, since its run row appears only once a runner picks it up.
 */
export function RefreshWhileActive({ active, maxMs }: { active: boolean; maxMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), 1000);
    const stop = maxMs ? setTimeout(() => clearInterval(timer), maxMs) : undefined;
    return () => {
      clearInterval(timer);
      if (stop) clearTimeout(stop);
    };
  }, [active, maxMs, router]);
  return null;
}
