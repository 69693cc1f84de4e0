import { Card, CardContent } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';

export function AuthSegmentLoading({ label }: { label: string }) {
  return (
    <Card role="status" aria-busy="true" aria-label={label}>
      <CardContent className="space-y-4 py-8">
        <Skeleton className="h-7 w-2/3" />
        <Skeleton className="h-4 w-full" />
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-10 w-full" />
      </CardContent>
    </Card>
  );
}
