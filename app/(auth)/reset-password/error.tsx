'use client';

import { AuthSegmentError } from '@/components/auth/auth-segment-error';

export default function SegmentError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <AuthSegmentError digest={error.digest} reset={reset} />;
}
