export const ONBOARDING_PRODUCTS = ['bots', 'journal', 'money', 'pricing'] as const;
export type OnboardingProduct = (typeof ONBOARDING_PRODUCTS)[number];

/** The products picked in step 2, from the URL (`?products=bots,money`); unknown names are dropped. */
export function parseProductChoice(raw: string | string[] | undefined): OnboardingProduct[] {
  const values = (Array.isArray(raw) ? raw : [raw ?? '']).flatMap((v) => v.split(','));
  return ONBOARDING_PRODUCTS.filter((p) => values.includes(p));
}

/** Chosen products first (in catalogue order), then the rest, so step 3 leads with what was picked. */
export function orderProducts(chosen: readonly OnboardingProduct[]): OnboardingProduct[] {
  return [...ONBOARDING_PRODUCTS].sort((a, b) => Number(!chosen.includes(a)) - Number(!chosen.includes(b)));
}
