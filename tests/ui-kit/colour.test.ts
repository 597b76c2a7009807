// A service's colour on the screens (ui-kit/colour.ts): the ink chosen for it always reads, by the
// WCAG contrast ratio, whatever colour an admin picks.
import { describe, expect, it } from 'vitest';
import { contrast, inkOn, luminance } from '../../ui-kit/colour.ts';
import { Service } from '../../protocol/domain.ts';

/** The colour a stored service without one reads as (protocol/domain.ts). */
const DEFAULT_SERVICE_COLOUR = Service.shape.colour.parse(undefined);

describe('contrast', () => {
  it('measures like WCAG: black on white is 21, a colour on itself 1', () => {
    expect(luminance('#000000')).toBe(0);
    expect(luminance('#ffffff')).toBeCloseTo(1, 10);
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrast('#1f6f8b', '#1f6f8b')).toBe(1);
    // The lightest grey that passes WCAG AA on white, as the guidelines quote it.
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});

describe('the ink on a service colour', () => {
  it('is white on dark colours and dark on light ones, the demo colours included', () => {
    for (const dark of ['#1f6f8b', '#6a4c93', '#2e7d32', '#a23b4f', '#000000']) expect(inkOn(dark), dark).toBe('#ffffff');
    for (const light of ['#f2c14e', '#ffe08a', '#9ad0ec', '#ffffff', '#FFFF00']) expect(inkOn(light), light).toBe('#000000');
    // A mid tone gets the better of the two: the demo's orange reads 4.8:1 in black, 4.3:1 in white.
    expect(inkOn('#b5651d')).toBe('#000000');
    expect(contrast('#b5651d', '#000000')).toBeGreaterThan(contrast('#b5651d', '#ffffff'));
  });

  it('always reads at least 4.5:1 (WCAG AA for text), over a sweep of every hue and lightness', () => {
    let worst = 21;
    for (let r = 0; r < 256; r += 17)
      for (let g = 0; g < 256; g += 17)
        for (let b = 0; b < 256; b += 17) {
          const hex = `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
          worst = Math.min(worst, contrast(hex, inkOn(hex)));
        }
    expect(worst).toBeGreaterThanOrEqual(4.5);
    // …the default colour of a new service included.
    const fallback = DEFAULT_SERVICE_COLOUR;
    expect(contrast(fallback, inkOn(fallback))).toBeGreaterThanOrEqual(4.5);
  });
});
