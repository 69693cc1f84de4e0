import { describe, expect, it } from 'vitest';
import { orderProducts, parseProductChoice } from '@/lib/tenancy/onboarding-products';
import { firstFreeSlug, slugify, slugSchema } from '@/lib/tenancy/slugs';
import { currencySchema, timeZoneSchema } from '@/lib/tenancy/workspace-fields';

describe('slugs', () => {
  it.each([
    ['Café Ünïcorn!', 'cafe-unicorn'],
    ['  Demo   Household & Trading ', 'demo-household-trading'],
    ['A', 'my-workspace'],
    ['Settings', 'settings-team'],
    ['x'.repeat(80), 'x'.repeat(42)],
  ])('slugify(%j) = %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
    expect(slugSchema.safeParse(slug).success).toBe(true);
  });

  it('numbers a taken slug', () => {
    expect(firstFreeSlug('acme', new Set(['acme', 'acme-2']), () => 'r')).toBe('acme-3');
    expect(firstFreeSlug('acme', new Set(), () => 'r')).toBe('acme');
  });

  it.each(['ab', '-acme', 'acme-', 'ac--me', 'ac me', 'admin', 'api', 'x'.repeat(49)])('refuses %j', (slug) => {
    expect(slugSchema.safeParse(slug).success).toBe(false);
  });
});

describe('workspace fields', () => {
  it('accepts IANA zones and UTC, refuses made-up ones', () => {
    expect(timeZoneSchema.safeParse('Europe/London').success).toBe(true);
    expect(timeZoneSchema.safeParse('UTC').success).toBe(true);
    expect(timeZoneSchema.safeParse('Mars/Olympus').success).toBe(false);
  });

  it('normalises ISO 4217 codes and refuses unknown ones', () => {
    expect(currencySchema.parse(' gbp ')).toBe('GBP');
    expect(currencySchema.safeParse('ZZZ').success).toBe(false);
    expect(currencySchema.safeParse('EURO').success).toBe(false);
  });
});

describe('onboarding product choice', () => {
  it('puts chosen products first and ignores unknown names', () => {
    const chosen = parseProductChoice(['money,nope', 'pricing']);
    expect(chosen).toEqual(['money', 'pricing']);
    expect(orderProducts(chosen)).toEqual(['money', 'pricing', 'bots', 'journal']);
    expect(orderProducts([])).toEqual(['bots', 'journal', 'money', 'pricing']);
  });
});
