import type { Metadata } from 'next';
import { ProductHome } from '@/components/dashboard/product-home';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';

export const metadata: Metadata = { title: 'Journal' };

export default async function JournalPage({ params }: { params: Promise<{ workspace: string }> }) {
  await requireWorkspacePage((await params).workspace);
  return <ProductHome product="journal" />;
}
