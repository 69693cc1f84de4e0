import type { Metadata } from 'next';
import { CtaBand } from '@/components/marketing/cta-band';
import { Faq, type FaqItem } from '@/components/marketing/faq';
import { IntervalSwitch } from '@/components/marketing/interval-switch';
import { PlanCards } from '@/components/marketing/plan-cards';
import { PlanComparison } from '@/components/marketing/plan-comparison';
import { planPriceSummary } from '@/components/marketing/plans';

export const metadata: Metadata = {
  title: 'Pricing',
  description: `${planPriceSummary()}. One price per workspace covers Bots, Journal, Money and Pricing.`,
};

const billingFaq: FaqItem[] = [
  {
    question: 'Is the price per person or per workspace?',
    answer: 'Per workspace. Each plan includes a number of members; everyone in the workspace shares its limits and its bill.',
  },
  {
    question: 'Can I switch plans or cancel?',
    answer:
      'Any time, from the workspace’s Settings → Billing (owners and admins). Upgrades apply immediately and are prorated; a cancellation keeps the plan until the end of the period you paid for, and your data stays available on the Free plan afterwards.',
  },
  {
    question: 'What happens when I reach a limit?',
    answer:
      'Nothing breaks and nothing is deleted: you just can’t add more until you upgrade or free up room. Settings → Usage shows each monthly quota and how much of it is used.',
  },
  {
    question: 'Which payment methods do you accept?',
    answer: 'Cards and the local payment methods our payment processor, Stripe, supports in your country. Invoices are in Settings → Billing, with your tax id on them if you add one at checkout.',
  },
  {
    question: 'Do you charge trading or pricing fees?',
    answer: 'No. Tessera never takes a cut of your trades or sales. Your exchange charges its usual fees.',
  },
];

export default async function PricingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const interval = (await searchParams).billing === 'yearly' ? 'year' : 'month';
  return (
    <>
      <section aria-labelledby="pricing-page-title" className="px-5 pt-16 pb-20 sm:px-6 sm:pt-24">
        <div className="mx-auto max-w-6xl">
          <div className="mx-auto max-w-2xl text-center">
            <p className="text-sm font-semibold text-accent">Pricing</p>
            <h1 id="pricing-page-title" className="mt-2 text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
              One price per workspace. All four products.
            </h1>
            <p className="mt-5 text-lg leading-relaxed text-pretty text-muted">
              Bots, Journal, Money and Pricing will be in every plan: pay for members and limits, not for features you
              won’t use. Prices in US dollars, billed monthly or yearly (two months free). Every new workspace starts with a
              14-day trial, no card needed. The products themselves are coming soon.
            </p>
          </div>
          <div className="mt-10">
            <IntervalSwitch interval={interval} />
          </div>
          <div className="mt-10">
            <PlanCards headingLevel="h2" interval={interval} />
          </div>
        </div>
      </section>
      <section aria-labelledby="compare-title" className="border-t border-border px-5 py-20 sm:px-6">
        <div className="mx-auto max-w-5xl">
          <h2 id="compare-title" className="text-2xl font-semibold tracking-tight sm:text-3xl">
            Compare plans
          </h2>
          <p className="mt-2 text-muted">Every limit, side by side.</p>
          <p className="mt-1 text-sm text-muted sm:hidden" aria-hidden="true">
            Scroll sideways to see Pro and Team →
          </p>
          <div className="mt-8">
            <PlanComparison />
          </div>
        </div>
      </section>
      <Faq items={billingFaq} title="Billing questions" />
      <CtaBand />
    </>
  );
}
