import { Skeleton } from '@/components/ui/skeleton';

/** The loading state of a settings page with a list and a form (API keys, webhooks, privacy). */
export function SettingsListLoading({ label }: { label: string }) {
  return (
    <div className="space-y-6" role="status" aria-busy="true" aria-label={label}>
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
