import { Skeleton } from '@/components/ui/skeleton';

export default function PrivacyLoading() {
  return (
    <div className="space-y-8" role="status" aria-busy="true" aria-label="Loading privacy settings">
      <Skeleton className="h-8 w-40" />
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} className="h-48 w-full rounded-xl" />
      ))}
    </div>
  );
}
