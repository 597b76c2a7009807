// Ticket layout, drawn on a Skia canvas (@napi-rs/canvas) with the bundled Noto Naskh Arabic font,
// then thresholded to the 1-bit raster a thermal printer prints. Skia shapes Arabic (HarfBuzz):
// letters joined, lam-alef ligatures, right-to-left runs, so the printer needs no Arabic font.
import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import { ticketWording, type Pair, type TicketPrint } from './ticket.ts';

/** A 1-bit image: rows packed MSB first, 1 = black, `width / 8` bytes per row. */
export interface Raster { width: number; height: number; bits: Uint8Array }

export type PaperWidth = 58 | 80;
/** Printable dots across the paper at 203 dpi (8 dots/mm): 48 mm of 58 mm paper, 72 mm of 80 mm. */
export const PAPER_DOTS: Record<PaperWidth, number> = { 58: 384, 80: 576 };

// ---------------------------------------------------------------------------------------------
// Fonts: registered once, at module load, under our own family names so a system font of the same
// name can never stand in for the bundled one. Arabic and Latin are separate subsets of the font;
// a family list lets Skia take each character from the subset that has it.

export const FONT_FAMILY = { arabic: 'DorNaskhArabic', latin: 'DorNaskhLatin', latinExt: 'DorNaskhLatinExt' } as const;

const require = createRequire(import.meta.url);

function registerFonts(): void {
  const subsets = [['arabic', FONT_FAMILY.arabic], ['latin', FONT_FAMILY.latin], ['latin-ext', FONT_FAMILY.latinExt]] as const;
  // Regular before bold: registering the heavier face first makes Skia match it for every weight.
  for (const weight of [400, 700]) {
    for (const [subset, family] of subsets) {
      const base = `@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-${subset}-${weight}-normal`;
      // Skia reads WOFF2 (checked with @napi-rs/canvas 1.1.1); WOFF is the fallback if a build cannot.
      const ok = GlobalFonts.registerFromPath(require.resolve(`${base}.woff2`), family)
        ?? GlobalFonts.registerFromPath(require.resolve(`${base}.woff`), family);
      if (!ok) throw new Error(`printer: cannot load the bundled font ${base}.woff2/.woff`);
    }
  }
}
registerFonts();

export type Lang = 'ar' | 'en';
const STACK: Record<Lang, string> = {
  ar: `${FONT_FAMILY.arabic}, ${FONT_FAMILY.latin}, ${FONT_FAMILY.latinExt}`,
  en: `${FONT_FAMILY.latin}, ${FONT_FAMILY.latinExt}, ${FONT_FAMILY.arabic}`,
};

interface Style { lang: Lang; size: number; weight: 400 | 700 }
const cssFont = (s: Style) => `${s.weight} ${s.size}px ${STACK[s.lang]}`;
const dirOf = (lang: Lang) => (lang === 'ar' ? 'rtl' : 'ltr');
/** Line box of a style: Naskh needs room above (hamza, marks) and below (deep tails of ي ن ج). */
const ascentOf = (s: Style) => Math.ceil(s.size * (s.lang === 'ar' ? 0.92 : 0.8));
const descentOf = (s: Style) => Math.ceil(s.size * (s.lang === 'ar' ? 0.5 : 0.26));

// One small canvas for measuring text; drawing happens on a canvas of the final height.
const measureCtx = createCanvas(8, 8).getContext('2d');

// Most of a ticket's words (hall name, labels, footer, service names) repeat from ticket to ticket.
const widths = new Map<string, number>();

function measure(text: string, s: Style): number {
  const key = `${s.lang}${s.weight}${s.size}|${text}`;
  let w = widths.get(key);
  if (w === undefined) {
    measureCtx.font = cssFont(s);
    measureCtx.direction = dirOf(s.lang);
    w = measureCtx.measureText(text).width;
    if (widths.size >= 5_000) widths.clear();
    widths.set(key, w);
  }
  return w;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Greedy word wrap to `maxWidth`; a word wider than the line is broken between graphemes. Never clips. */
export function wrapText(text: string, s: Style, maxWidth: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate, s) <= maxWidth) { line = candidate; continue; }
    if (line) lines.push(line);
    line = '';
    if (measure(word, s) <= maxWidth) { line = word; continue; }
    // A single word longer than the line (a long code or URL): split it where it must.
    for (const { segment } of graphemes.segment(word)) {
      if (line && measure(line + segment, s) > maxWidth) { lines.push(line); line = ''; }
      line += segment;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

// ---------------------------------------------------------------------------------------------
// Layout: a list of drawing operations with their y positions, so the canvas is created once, at
// the ticket's exact height.

type Align = 'left' | 'right' | 'center';
type Op =
  | { kind: 'text'; text: string; x: number; y: number; style: Style; align: Align; white?: boolean }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; radius: number }
  | { kind: 'qr'; x: number; y: number; modules: { size: number; data: Uint8Array }; scale: number };

interface Geometry {
  margin: number;
  hallAr: Style; hallEn: Style;
  number: Style;
  kindAr: Style; kindEn: Style;
  serviceAr: Style; serviceEn: Style;
  infoAr: Style; infoEn: Style;
  footAr: Style; footEn: Style;
  /** Largest QR side (with its quiet zone) in dots. */
  qrMax: number;
  gap: number;
}

const GEOMETRY: Record<PaperWidth, Geometry> = {
  58: {
    margin: 8,
    hallAr: { lang: 'ar', size: 24, weight: 700 }, hallEn: { lang: 'en', size: 19, weight: 700 },
    number: { lang: 'en', size: 120, weight: 700 },
    kindAr: { lang: 'ar', size: 24, weight: 700 }, kindEn: { lang: 'en', size: 21, weight: 700 },
    serviceAr: { lang: 'ar', size: 27, weight: 700 }, serviceEn: { lang: 'en', size: 22, weight: 700 },
    infoAr: { lang: 'ar', size: 23, weight: 700 }, infoEn: { lang: 'en', size: 20, weight: 700 },
    footAr: { lang: 'ar', size: 21, weight: 700 }, footEn: { lang: 'en', size: 18, weight: 700 },
    qrMax: 264,
    gap: 8,
  },
  80: {
    margin: 12,
    hallAr: { lang: 'ar', size: 30, weight: 700 }, hallEn: { lang: 'en', size: 24, weight: 700 },
    number: { lang: 'en', size: 170, weight: 700 },
    kindAr: { lang: 'ar', size: 30, weight: 700 }, kindEn: { lang: 'en', size: 26, weight: 700 },
    serviceAr: { lang: 'ar', size: 34, weight: 700 }, serviceEn: { lang: 'en', size: 27, weight: 700 },
    infoAr: { lang: 'ar', size: 28, weight: 700 }, infoEn: { lang: 'en', size: 24, weight: 700 },
    footAr: { lang: 'ar', size: 24, weight: 700 }, footEn: { lang: 'en', size: 21, weight: 700 },
    qrMax: 336,
    gap: 12,
  },
};

class Layout {
  y = 0;
  readonly ops: Op[] = [];
  constructor(readonly width: number, readonly margin: number) {}
  get left() { return this.margin; }
  get right() { return this.width - this.margin; }
  get inner() { return this.width - 2 * this.margin; }

  space(dots: number) { this.y += dots; }

  private xFor(align: Align) { return align === 'left' ? this.left : align === 'right' ? this.right : this.width / 2; }

  /** Wrapped paragraph, one op per line. */
  text(text: string, s: Style, align: Align, maxWidth = this.inner) {
    for (const line of wrapText(text, s, maxWidth)) {
      this.y += ascentOf(s);
      this.ops.push({ kind: 'text', text: line, x: this.xFor(align), y: this.y, style: s, align });
      this.y += descentOf(s);
    }
  }

  /** Arabic centred above English centred (titles). */
  centred(p: Pair, ar: Style, en: Style, between = 0) {
    this.text(p.ar, ar, 'center');
    this.space(between);
    this.text(p.en, en, 'center');
  }

  /**
   * Rows of pairs: Arabic on the right and English on the left of one line when every pair of the
   * group fits so; otherwise each pair as Arabic (right) over English (left), so a group never mixes
   * the two arrangements.
   */
  fitsSideBySide(pairs: readonly Pair[], ar: Style, en: Style, minGap = 20): boolean {
    return pairs.every((p) => measure(p.ar, ar) + measure(p.en, en) + minGap <= this.inner);
  }

  rows(pairs: readonly Pair[], ar: Style, en: Style, gapBetween: number) {
    const sideBySide = this.fitsSideBySide(pairs, ar, en);
    pairs.forEach((p, k) => {
      if (k > 0) this.space(gapBetween);
      if (sideBySide) {
        this.y += Math.max(ascentOf(ar), ascentOf(en));
        this.ops.push({ kind: 'text', text: p.ar, x: this.right, y: this.y, style: ar, align: 'right' });
        this.ops.push({ kind: 'text', text: p.en, x: this.left, y: this.y, style: en, align: 'left' });
        this.y += Math.max(descentOf(ar), descentOf(en));
      } else {
        this.text(p.ar, ar, 'right');
        this.text(p.en, en, 'left');
      }
    });
  }

  rule(thickness: number) {
    this.ops.push({ kind: 'rect', x: this.left, y: this.y, w: this.inner, h: thickness, radius: 0 });
    this.y += thickness;
  }

  /** White text on a black band: the kind of ticket, visible at a glance. */
  band(p: Pair, ar: Style, en: Style) {
    const pad = Math.round(ar.size * 0.3);
    const inset = Math.round(ar.size * 0.5);
    const innerW = this.inner - 2 * inset;
    const oneLine = measure(p.ar, ar) + measure(p.en, en) + 24 <= innerW;
    const asc = Math.max(ascentOf(ar), ascentOf(en));
    const desc = Math.max(descentOf(ar), descentOf(en));
    const h = 2 * pad + (oneLine ? asc + desc : ascentOf(ar) + descentOf(ar) + ascentOf(en) + descentOf(en));
    this.ops.push({ kind: 'rect', x: this.left, y: this.y, w: this.inner, h, radius: Math.round(pad * 1.5) });
    const top = this.y;
    if (oneLine) {
      const base = top + pad + asc;
      this.ops.push({ kind: 'text', text: p.ar, x: this.right - inset, y: base, style: ar, align: 'right', white: true });
      this.ops.push({ kind: 'text', text: p.en, x: this.left + inset, y: base, style: en, align: 'left', white: true });
    } else {
      this.ops.push({ kind: 'text', text: p.ar, x: this.width / 2, y: top + pad + ascentOf(ar), style: ar, align: 'center', white: true });
      this.ops.push({ kind: 'text', text: p.en, x: this.width / 2, y: top + pad + ascentOf(ar) + descentOf(ar) + ascentOf(en), style: en, align: 'center', white: true });
    }
    this.y = top + h;
  }

  /** The big number, shrunk only if it would not fit the paper. */
  bigNumber(label: string, s: Style) {
    let style = s;
    while (measure(label, style) > this.inner && style.size > 24) style = { ...style, size: style.size - 4 };
    // Fixed line box (cap height above, room for a Q's tail below), so the rest of the ticket
    // does not move with the label.
    measureCtx.font = cssFont(style);
    measureCtx.direction = 'ltr';
    const capHeight = measureCtx.measureText('H0').actualBoundingBoxAscent;
    this.y += Math.ceil(capHeight);
    this.ops.push({ kind: 'text', text: label, x: this.width / 2, y: this.y, style, align: 'center' });
    this.y += Math.ceil(style.size * 0.26); // room for the 0.24 em tail of a Q or J
  }

  /** QR code as whole dots per module, centred, with a 4-module quiet zone above and below. */
  qr(url: string, maxSide: number) {
    const fit = (level: 'M' | 'L') => {
      const { modules } = QRCode.create(url, { errorCorrectionLevel: level });
      const scale = Math.floor(Math.min(maxSide, this.inner) / (modules.size + 8));
      return { modules, scale };
    };
    let q = fit('M');
    if (q.scale < 4) q = fit('L');
    if (q.scale < 4) throw new Error(`printer: the status URL is too long for a legible QR code on ${this.width}-dot paper (${url.length} characters)`);
    const side = q.modules.size * q.scale;
    this.y += 4 * q.scale;
    this.ops.push({ kind: 'qr', x: Math.round((this.width - side) / 2), y: this.y, modules: q.modules, scale: q.scale });
    this.y += side + 4 * q.scale;
  }
}

function layoutTicket(t: TicketPrint, paper: PaperWidth): Layout {
  const g = GEOMETRY[paper];
  const w = ticketWording(t);
  const L = new Layout(PAPER_DOTS[paper], g.margin);
  L.space(g.gap);
  L.centred(w.hall, g.hallAr, g.hallEn, 2);
  L.space(g.gap);
  L.rule(3);
  L.space(g.gap * 2);
  L.bigNumber(w.number, g.number);
  L.space(g.gap);
  L.band(w.kind, g.kindAr, g.kindEn);
  L.space(g.gap);
  L.centred(w.service, g.serviceAr, g.serviceEn, 2);
  L.space(g.gap);
  L.rule(2);
  L.space(g.gap);
  // Date and time on two side-by-side rows where the paper is wide enough, else one stacked pair.
  const dateTime = [w.date, { ar: `الساعة ${w.time.ar}`, en: `Time ${w.time.en}` }];
  if (L.fitsSideBySide(dateTime, g.infoAr, g.infoEn)) L.rows(dateTime, g.infoAr, g.infoEn, Math.round(g.gap / 2));
  else L.rows([{ ar: `${w.date.ar} — ${w.time.ar}`, en: `${w.date.en}, ${w.time.en}` }], g.infoAr, g.infoEn, 0);
  L.space(g.gap);
  L.rows([w.ahead, w.wait], g.infoAr, g.infoEn, g.gap);
  L.space(g.gap);
  L.rule(2);
  L.qr(t.statusUrl, g.qrMax);
  L.centred(w.qrCaption, g.infoAr, g.infoEn);
  L.space(g.gap);
  L.rule(2);
  L.space(g.gap);
  L.centred(w.footer, g.footAr, g.footEn, 2);
  L.space(g.gap * 3);
  return L;
}

// ---------------------------------------------------------------------------------------------
// Drawing and thresholding.

/** Grey levels below this print black. A little above 50 % keeps thin Naskh strokes whole. */
const THRESHOLD = 150;

// One canvas per paper width, reused from ticket to ticket (and grown when a ticket is taller):
// allocating a fresh 576×1200 RGBA surface each time costs more than drawing the whole ticket.
const pool = new Map<number, Canvas>();

function paint(ops: readonly Op[], width: number, height: number): Raster {
  let canvas = pool.get(width);
  if (!canvas || canvas.height < height) {
    canvas = createCanvas(width, Math.max(height, 1400));
    pool.set(width, canvas);
  }
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  for (const op of ops) draw(ctx, op);
  // Only the ticket's rows are read back (fewer bytes moved than the whole surface's data()).
  return threshold(ctx.getImageData(0, 0, width, height).data, width, height);
}

function draw(ctx: SKRSContext2D, op: Op): void {
  switch (op.kind) {
    case 'text':
      ctx.font = cssFont(op.style);
      ctx.direction = dirOf(op.style.lang);
      ctx.textAlign = op.align;
      ctx.fillStyle = op.white ? '#fff' : '#000';
      ctx.fillText(op.text, op.x, op.y);
      return;
    case 'rect':
      ctx.fillStyle = '#000';
      if (op.radius > 0) {
        ctx.beginPath();
        ctx.roundRect(op.x, op.y, op.w, op.h, op.radius);
        ctx.fill();
      } else {
        ctx.fillRect(op.x, op.y, op.w, op.h);
      }
      return;
    case 'qr': {
      ctx.fillStyle = '#000';
      const { size, data } = op.modules;
      for (let r = 0; r < size; r++) {
        for (let c = 0; c < size; c++) {
          if (data[r * size + c]) ctx.fillRect(op.x + c * op.scale, op.y + r * op.scale, op.scale, op.scale);
        }
      }
      return;
    }
  }
}

/** RGBA (black on white) → 1-bit rows, MSB first. `width` must be a multiple of 8. */
export function threshold(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Raster {
  const stride = width >> 3;
  const bits = new Uint8Array(stride * height);
  // Black on white: every channel carries the grey level, so the first byte of a pixel is enough.
  for (let y = 0, p = 0, o = 0; y < height; y++) {
    for (let xb = 0; xb < stride; xb++, p += 32) {
      let byte = 0;
      if (rgba[p]! < THRESHOLD) byte |= 0x80;
      if (rgba[p + 4]! < THRESHOLD) byte |= 0x40;
      if (rgba[p + 8]! < THRESHOLD) byte |= 0x20;
      if (rgba[p + 12]! < THRESHOLD) byte |= 0x10;
      if (rgba[p + 16]! < THRESHOLD) byte |= 0x08;
      if (rgba[p + 20]! < THRESHOLD) byte |= 0x04;
      if (rgba[p + 24]! < THRESHOLD) byte |= 0x02;
      if (rgba[p + 28]! < THRESHOLD) byte |= 0x01;
      bits[o++] = byte;
    }
  }
  return { width, height, bits };
}

/** Renders the whole ticket for 58 mm (384 dots) or 80 mm (576 dots) paper. */
export function renderTicket(t: TicketPrint, width: PaperWidth): Raster {
  if (width !== 58 && width !== 80) throw new Error(`printer: paper width must be 58 or 80 (mm), got ${String(width)}`);
  const L = layoutTicket(t, width);
  return paint(L.ops, L.width, Math.ceil(L.y));
}

/**
 * Renders a throw-away ticket of each width, so the first citizen's ticket does not pay for Skia's
 * font loading and the JIT (~30–70 ms once). For the hub to call at start-up.
 */
export function warmUpRenderer(): void {
  const t: TicketPrint = {
    hallName: { ar: 'قاعة', en: 'Hall' }, ticketLabel: 'A-000', kind: 'walkin', serviceNameAr: 'خدمة', serviceNameEn: 'Service',
    issuedAt: 0, timeZone: 'UTC', peopleAhead: 1, estimatedWaitMin: 1, statusUrl: 'http://localhost/t/x', footer: { ar: 'شكراً', en: 'Thanks' },
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
