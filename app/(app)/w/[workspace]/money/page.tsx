import type { Metadata } from 'next';
import { ProductHome } from '@/components/dashboard/product-home';
import { requireWorkspace } from '@/lib/tenancy/require-workspace';

export const metadata: Metadata = { title: 'Money' };

export default async function MoneyPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await requireWorkspace((await params).workspace);
  return <ProductHome product="money" workspaceName={workspace.name} />;
}
