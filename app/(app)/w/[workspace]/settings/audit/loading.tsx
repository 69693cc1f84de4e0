import { Skeleton } from '@/components/ui/skeleton';

export default function AuditLogLoading() {
  return (
    <div className="space-y-6" role="status" aria-busy="true" aria-label="Loading the audit log">
      <Skeleton className="h-8 w-48" />
      <Skeleton className="h-24" />
      <div className="space-y-2">
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className="h-12" />
        ))}
      </div>
    </div>
  );
}
