import { Skeleton } from '@/components/ui/skeleton';

export default function PrivacyLoading() {
  return (
    <div className="space-y-6" role="status" aria-busy="true" aria-label="Loading privacy settings">
      <Skeleton className="h-8 w-48" />
      <div className="space-y-2">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-16" />
        ))}
      </div>
      <Skeleton className="h-64" />
    </div>
  );
}
