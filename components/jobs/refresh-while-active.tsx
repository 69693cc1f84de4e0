'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Re-renders the server page every second (or `intervalMs`) while a job is queued or running — or, with `maxMs`,
 * for a while after starting one, since its run row appears only once a runner picks it up.
 */
export function RefreshWhileActive({ active, maxMs, intervalMs = 1000 }: { active: boolean; maxMs?: number; intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    const stop = maxMs ? setTimeout(() => clearInterval(timer), maxMs) : undefined;
    return () => {
      clearInterval(timer);
      if (stop) clearTimeout(stop);
    };
  }, [active, maxMs, intervalMs, router]);
  return null;
}
