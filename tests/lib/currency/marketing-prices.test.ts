import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PlanCards } from '@/components/marketing/plan-cards';
import { formatPlanPrice, planPriceSummary, plans } from '@/components/marketing/plans';

describe('marketing prices in minor units', () => {
  it('renders the same price tags as before the move to minor units', () => {
    expect(plans.map(formatPlanPrice)).toEqual(['$0', '$19', '$49']);
    const html = renderToStaticMarkup(createElement(PlanCards));
    for (const text of ['>$0<', '>forever<', '>$19<', '>$49<', 'per workspace / month']) expect(html).toContain(text);
  });

  it('keeps cents when a price has them', () => {
    expect(formatPlanPrice({ priceMinor: 1950n, currency: 'USD' })).toBe('$19.50');
    expect(formatPlanPrice({ priceMinor: 1900n, currency: 'EUR' })).toBe('€19');
  });

  it('derives the pricing page description from the same numbers', () => {
    expect(planPriceSummary()).toBe('Free, Pro ($19/month) and Team ($49/month)');
  });
});
