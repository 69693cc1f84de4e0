import { CtaBand } from '@/components/marketing/cta-band';
import { Faq } from '@/components/marketing/faq';
import { Hero } from '@/components/marketing/hero';
import { PricingTeaser } from '@/components/marketing/pricing-teaser';
import { ProductGrid } from '@/components/marketing/product-grid';
import { SecuritySection } from '@/components/marketing/security-section';
import { WorkspaceSection } from '@/components/marketing/workspace-section';

export default function LandingPage() {
  return (
    <>
      <Hero />
      <ProductGrid />
      <WorkspaceSection />
      <SecuritySection />
      <PricingTeaser />
      <Faq />
      <CtaBand />
    </>
  );
}
