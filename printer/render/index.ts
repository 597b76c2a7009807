// The renderer's public API: a ticket (or one line of text) → a 1-bit raster for the printer.
// The layout is in layout.ts, the block cache in blocks.ts, the one-canvas reference render in reference.ts.
import { createCanvas } from '@napi-rs/canvas';
import type { TicketPrint } from '../ticket.ts';
import { type Align, ascentOf, cssFont, descentOf, dirOf, type Lang, layoutTicket, type PaperWidth, type Raster, type Style } from './layout.ts';
import { paint, threshold } from './reference.ts';
import { compose, stats, strips } from './blocks.ts';

export { FONT_FAMILY, PAPER_DOTS, wrapText, type Lang, type PaperWidth, type Raster } from './layout.ts';
export { threshold } from './reference.ts';

/** Renders the whole ticket for 58 mm (384 dots) or 80 mm (576 dots) paper. */
export function renderTicket(t: TicketPrint, width: PaperWidth): Raster {
  checkWidth(width);
  const L = layoutTicket(t, width);
  const height = Math.ceil(L.y);
  const raster = compose(L, height);
  if (raster) return raster;
  stats.fallbacks++;
  return paint(L.ops, L.width, height);
}

/**
 * The same ticket drawn on one canvas and read back whole, with no cache: what `renderTicket` must
 * equal dot for dot (the tests compare them), and its fallback. Several times slower.
 */
export function renderTicketUncached(t: TicketPrint, width: PaperWidth): Raster {
  checkWidth(width);
  const L = layoutTicket(t, width);
  return paint(L.ops, L.width, Math.ceil(L.y));
}

function checkWidth(width: PaperWidth): void {
  if (width !== 58 && width !== 80) throw new Error(`printer: paper width must be 58 or 80 (mm), got ${String(width)}`);
}

/** How the block cache has served so far (tests, benchmarks). */
export function renderCacheStats(): { hits: number; misses: number; fallbacks: number; strips: number } {
  return { ...stats, strips: strips.size };
}

/** Empties the block cache (tests; a hub never needs to: a changed setting is a different key). */
export function clearRenderCache(): void {
  strips.clear();
  stats.hits = stats.misses = stats.fallbacks = 0;
}

/**
 * Renders a throw-away ticket of each width, so the first citizen's ticket does not pay for Skia's
 * font loading and the JIT (~30–70 ms once). For the hub to call at start-up.
 */
export function warmUpRenderer(): void {
  const t: TicketPrint = {
    hallName: { ar: 'قاعة', en: 'Hall' },
    ticketLabel: 'A-000',
    kind: 'walkin',
    priority: 'none',
    slotStart: null,
    serviceNameAr: 'خدمة',
    serviceNameEn: 'Service',
    issuedAt: 0,
    timeZone: 'UTC',
    peopleAhead: 1,
    estimatedWaitMin: 1,
    statusUrl: 'http://localhost/t/x',
    footer: { ar: 'شكراً', en: 'Thanks' },
  };
  renderTicket(t, 58);
  renderTicket(t, 80);
}

/**
 * Renders one line of text with the ticket's fonts, aligned in a raster `width` dots wide: for
 * tests (shaping, direction) and for callers that need a text strip.
 */
export function renderLine(text: string, opts: { lang: Lang; size?: number; weight?: 400 | 700; width?: number; align?: Align; family?: string }): Raster {
  const width = Math.ceil((opts.width ?? 384) / 8) * 8;
  const style: Style = { lang: opts.lang, size: opts.size ?? 28, weight: opts.weight ?? 700 };
  const height = ascentOf(style) + descentOf(style) + 8;
  const align = opts.align ?? (opts.lang === 'ar' ? 'right' : 'left');
  const x = align === 'left' ? 8 : align === 'right' ? width - 8 : width / 2;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.font = opts.family ? `${style.weight} ${style.size}px ${opts.family}` : cssFont(style);
  ctx.direction = dirOf(style.lang);
  ctx.textAlign = align;
  ctx.fillStyle = '#000';
  ctx.fillText(text, x, 4 + ascentOf(style));
  return threshold(ctx.getImageData(0, 0, width, height).data, width, height);
}

/** Value of one dot (1 = black). */
export const dotAt = (r: Raster, x: number, y: number): 0 | 1 => ((r.bits[y * (r.width >> 3) + (x >> 3)]! >> (7 - (x & 7))) & 1) as 0 | 1;
