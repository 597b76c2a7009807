// A service's colour as the screens paint it (an admin picks any `#rrggbb`): the ink that stays
// readable on it, by the WCAG contrast ratio.

// Black, not the screens' navy ink: only black and white between them reach 4.5:1 (WCAG AA) on every colour.
const DARK_INK = '#000000';
const LIGHT_INK = '#ffffff';

/** The WCAG relative luminance of `#rrggbb` (0 black … 1 white). */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The WCAG contrast ratio of two colours (1 … 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** White or black, whichever reads better on `background`: at least 4.5:1 whatever the colour. */
export function inkOn(background: string): string {
  return contrast(background, LIGHT_INK) >= contrast(background, DARK_INK) ? LIGHT_INK : DARK_INK;
}
