import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Avatar } from '@/components/ui/avatar';
import { controlClasses } from '@/components/ui/field-styles';
import { contrast, over, themeColours, type Scheme } from '../../helpers/colour-contrast';

const colour = themeColours();
const SCHEMES: Scheme[] = ['light', 'dark'];
// What a focused control sits on: a card, the page, the bare background.
const SURROUNDINGS = ['surface', 'surface-muted', 'background'];

function classesOf(html: string): string[] {
  return [...html.matchAll(/class="([^"]*)"/g)].flatMap((m) => m[1]!.split(/\s+/));
}

describe('avatar initials', () => {
  // Enough seeds to land on every colour of the palette.
  const seeds = Array.from({ length: 60 }, (_, i) => `person-${i}@example.test`);
  const pairs = new Set(
    seeds.map((email) => {
      const classes = classesOf(renderToStaticMarkup(createElement(Avatar, { name: null, email })));
      const fill = classes.find((c) => c.startsWith('bg-'))!.slice(3);
      const text = classes.find((c) => /^text-[a-z]+(-\d+)?$/.test(c) && !/^text-(xs|sm|base|lg)$/.test(c))!.slice(5);
      return `${fill}|${text}`;
    }),
  );

  it.each(SCHEMES)('reach 4.5:1 on every avatar colour (%s)', (scheme) => {
    expect(pairs.size).toBeGreaterThan(3);
    const failing = [...pairs]
      .map((pair) => {
        const [fill, text] = pair.split('|') as [string, string];
        return { pair, ratio: contrast(colour(fill, scheme), colour(text, scheme)) };
      })
      .filter(({ ratio }) => ratio < 4.5)
      .map(({ pair, ratio }) => `${pair} ${ratio.toFixed(2)}`);
    expect(failing).toEqual([]);
  });
});

describe('focus indicators', () => {
  function outlineColours(classes: string): Array<{ name: string; alpha: number }> {
    return [...classes.matchAll(/focus-visible:outline-([a-z][\w-]*?)(?:\/(\d+))?(?=\s|$)/g)]
      .filter((m) => !m[1]!.startsWith('offset') && m[1] !== 'none')
      .map((m) => ({ name: m[1]!, alpha: m[2] ? Number(m[2]) / 100 : 1 }));
  }

  it('controls name an outline colour for normal and invalid fields', () => {
    expect(outlineColours(controlClasses).map((o) => o.name)).toEqual(expect.arrayContaining(['ring', 'danger']));
  });

  it.each(SCHEMES)('control outlines reach 3:1 against what surrounds them (%s)', (scheme) => {
    const failing = outlineColours(controlClasses).flatMap(({ name, alpha }) =>
      SURROUNDINGS.map((around) => {
        const behind = colour(around, scheme);
        return { what: `${name}/${alpha * 100} on ${around}`, ratio: contrast(over(colour(name, scheme), alpha, behind), behind) };
      })
        .filter(({ ratio }) => ratio < 3)
        .map(({ what, ratio }) => `${what} ${ratio.toFixed(2)}`),
    );
    expect(failing).toEqual([]);
  });

  it.each(SCHEMES)('the global focus ring reaches 3:1 against what surrounds it (%s)', (scheme) => {
    const ratios = SURROUNDINGS.map((around) => contrast(colour('ring', scheme), colour(around, scheme)));
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(3);
  });
});
