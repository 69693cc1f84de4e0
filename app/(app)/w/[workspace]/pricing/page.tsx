import type { Metadata } from 'next';
import { ProductHome } from '@/components/dashboard/product-home';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';

export const metadata: Metadata = { title: 'Pricing' };

export default async function PricingPage({ params }: { params: Promise<{ workspace: string }> }) {
  await requireWorkspacePage((await params).workspace);
  return <ProductHome product="pricing" />;
}
