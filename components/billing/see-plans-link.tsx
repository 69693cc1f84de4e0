import Link from 'next/link';

/** "See plans" beside a feature the plan lacks; only for those who can change the plan. */
export function SeePlansLink({ workspace, canManageBilling }: { workspace: string; canManageBilling: boolean }) {
  if (!canManageBilling) return null;
  return (
    <Link href={`/w/${encodeURIComponent(workspace)}/settings/billing`} className="font-medium text-accent underline-offset-4 hover:underline">
      See plans
    </Link>
  );
}
