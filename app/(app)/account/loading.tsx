import { Skeleton } from '@/components/ui/skeleton';

export default function AccountLoading() {
  return (
    <div className="space-y-8" role="status" aria-busy="true" aria-label="Loading your account">
      <Skeleton className="h-8 w-40" />
      <Skeleton className="h-72 w-full rounded-xl" />
    </div>
  );
}
