import Link from 'next/link';
import { ArrowRightIcon } from '@/components/ui/icons';
import { PlanCards } from './plan-cards';
import { SectionHeading } from './section-heading';

export function PricingTeaser() {
  return (
    <section aria-labelledby="pricing-title" className="py-20 sm:py-28">
      <div className="mx-auto max-w-6xl px-5 sm:px-6">
        <SectionHeading
          id="pricing-title"
          eyebrow="Pricing"
          title="One price per workspace, all four products"
          text="Everyone starts on Free. Pro and Team open with billing, soon; these are the plans and prices we intend to launch."
        />
        <div className="mt-14">
          <PlanCards />
        </div>
        <p className="mt-8 text-center">
          <Link href="/pricing" className="inline-flex items-center gap-1.5 rounded-md text-sm font-semibold text-accent hover:underline">
            Compare every limit and feature
            <ArrowRightIcon className="size-4" />
          </Link>
        </p>
      </div>
    </section>
  );
}
