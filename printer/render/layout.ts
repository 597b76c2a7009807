// Ticket layout, drawn on a Skia canvas (@napi-rs/canvas) with the bundled Noto Naskh Arabic font,
// then thresholded to the 1-bit raster a thermal printer prints. Skia shapes Arabic (HarfBuzz):
// letters joined, lam-alef ligatures, right-to-left runs, so the printer needs no Arabic font.
// This file: the raster and paper types, the fonts, text measurement and wrapping, and the layout.
import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import { ticketWording, type Pair, type TicketPrint } from '../ticket.ts';

/** A 1-bit image: rows packed MSB first, 1 = black, `width / 8` bytes per row. */
export interface Raster {
  width: number;
  height: number;
  bits: Uint8Array;
}

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
  const subsets = [
    ['arabic', FONT_FAMILY.arabic],
    ['latin', FONT_FAMILY.latin],
    ['latin-ext', FONT_FAMILY.latinExt],
  ] as const;
  // Regular before bold: registering the heavier face first makes Skia match it for every weight.
  for (const weight of [400, 700]) {
    for (const [subset, family] of subsets) {
      const base = `@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-${subset}-${weight}-normal`;
      // Skia reads WOFF2 (checked with @napi-rs/canvas 1.1.1); WOFF is the fallback if a build cannot.
      const ok =
        GlobalFonts.registerFromPath(require.resolve(`${base}.woff2`), family) ?? GlobalFonts.registerFromPath(require.resolve(`${base}.woff`), family);
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

export interface Style {
  lang: Lang;
  size: number;
  weight: 400 | 700;
}
export const cssFont = (s: Style) => `${s.weight} ${s.size}px ${STACK[s.lang]}`;
export const dirOf = (lang: Lang) => (lang === 'ar' ? 'rtl' : 'ltr');
/** Line box of a style: Naskh needs room above (hamza, marks) and below (deep tails of ي ن ج). */
export const ascentOf = (s: Style) => Math.ceil(s.size * (s.lang === 'ar' ? 0.92 : 0.8));
export const descentOf = (s: Style) => Math.ceil(s.size * (s.lang === 'ar' ? 0.5 : 0.26));

// One small canvas for measuring text; drawing happens on a canvas of the final height.
const measureCtx = createCanvas(8, 8).getContext('2d');

// Most of a ticket's words (hall name, labels, footer, service names) repeat from ticket to ticket,
// and measuring a new text costs 20–40 µs: one measurement per text and style, kept.
interface Metrics {
  width: number;
  left: number;
  right: number;
  ascent: number;
  descent: number;
}
const metrics = new Map<string, Metrics>();
const capHeights = new Map<string, number>();

/**
 * Advance width and ink bounds of a text, measured left-aligned. Aligned right or centred, the
 * bounds move by the width or half of it (checked against Skia's own measurement: the same to
 * 1/10000 dot), so one measurement serves every alignment.
 */
export function metricsOf(text: string, s: Style): Metrics {
  const key = `${s.lang}${s.weight}${s.size}|${text}`;
  let m = metrics.get(key);
  if (m === undefined) {
    measureCtx.font = cssFont(s);
    measureCtx.direction = dirOf(s.lang);
    measureCtx.textAlign = 'left';
    const t = measureCtx.measureText(text);
    m = {
      width: t.width,
      left: t.actualBoundingBoxLeft,
      right: t.actualBoundingBoxRight,
      ascent: t.actualBoundingBoxAscent,
      descent: t.actualBoundingBoxDescent,
    };
    if (metrics.size >= 5_000) metrics.clear();
    metrics.set(key, m);
  }
  return m;
}

const measure = (text: string, s: Style): number => metricsOf(text, s).width;

/** Height of the capitals and digits of a style (the big number's line box). */
function capHeightOf(s: Style): number {
  const font = cssFont(s);
  let h = capHeights.get(font);
  if (h === undefined) {
    measureCtx.font = font;
    measureCtx.direction = 'ltr';
    h = measureCtx.measureText('H0').actualBoundingBoxAscent;
    capHeights.set(font, h); // a handful of sizes: the number shrinks in steps of 4 for long labels
  }
  return h;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// The paragraphs of a ticket (hall name, service, footer) repeat: their lines are kept too.
const wrapped = new Map<string, string[]>();

/** Greedy word wrap to `maxWidth`; a word wider than the line is broken between graphemes. Never clips. */
export function wrapText(text: string, s: Style, maxWidth: number): string[] {
  const key = `${s.lang}${s.weight}${s.size}|${maxWidth}|${text}`;
  let lines = wrapped.get(key);
  if (!lines) {
    lines = wrapWords(text, s, maxWidth);
    if (wrapped.size >= 2_000) wrapped.clear();
    wrapped.set(key, lines);
  }
  return [...lines];
}

function wrapWords(text: string, s: Style, maxWidth: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate, s) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    if (measure(word, s) <= maxWidth) {
      line = word;
      continue;
    }
    // A single word longer than the line (a long code or URL): split it where it must.
    for (const { segment } of graphemes.segment(word)) {
      if (line && measure(line + segment, s) > maxWidth) {
        lines.push(line);
        line = '';
      }
      line += segment;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

// ---------------------------------------------------------------------------------------------
// Layout: a list of drawing operations with their y positions (whole dots), grouped in blocks that
// are drawn separately (see reference.ts and blocks.ts): the hall name, the number, the kind band, the
// service, each info row, the QR code, the footer.

export type Align = 'left' | 'right' | 'center';
export type Op =
  | { kind: 'text'; text: string; x: number; y: number; style: Style; align: Align; white?: boolean }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; radius: number }
  | { kind: 'qr'; x: number; y: number; modules: { size: number; data: Uint8Array }; scale: number };

/**
 * Operations drawn together, apart from the rest of the ticket. `reuse`: its 1-bit image is worth
 * keeping for the next tickets (everything but the ticket number repeats: the hall name and footer
 * on every ticket, a service, the date all day, "5 ahead"...).
 */
export interface Block {
  ops: Op[];
  reuse: boolean;
}

interface Geometry {
  margin: number;
  hallAr: Style;
  hallEn: Style;
  number: Style;
  kindAr: Style;
  kindEn: Style;
  serviceAr: Style;
  serviceEn: Style;
  infoAr: Style;
  infoEn: Style;
  footAr: Style;
  footEn: Style;
  /** Largest QR side (with its quiet zone) in dots. */
  qrMax: number;
  gap: number;
}

const GEOMETRY: Record<PaperWidth, Geometry> = {
  58: {
    margin: 8,
    hallAr: { lang: 'ar', size: 24, weight: 700 },
    hallEn: { lang: 'en', size: 19, weight: 700 },
    number: { lang: 'en', size: 120, weight: 700 },
    kindAr: { lang: 'ar', size: 24, weight: 700 },
    kindEn: { lang: 'en', size: 21, weight: 700 },
    serviceAr: { lang: 'ar', size: 27, weight: 700 },
    serviceEn: { lang: 'en', size: 22, weight: 700 },
    infoAr: { lang: 'ar', size: 23, weight: 700 },
    infoEn: { lang: 'en', size: 20, weight: 700 },
    footAr: { lang: 'ar', size: 21, weight: 700 },
    footEn: { lang: 'en', size: 18, weight: 700 },
    qrMax: 264,
    gap: 8,
  },
  80: {
    margin: 12,
    hallAr: { lang: 'ar', size: 30, weight: 700 },
    hallEn: { lang: 'en', size: 24, weight: 700 },
    number: { lang: 'en', size: 170, weight: 700 },
    kindAr: { lang: 'ar', size: 30, weight: 700 },
    kindEn: { lang: 'en', size: 26, weight: 700 },
    serviceAr: { lang: 'ar', size: 34, weight: 700 },
    serviceEn: { lang: 'en', size: 27, weight: 700 },
    infoAr: { lang: 'ar', size: 28, weight: 700 },
    infoEn: { lang: 'en', size: 24, weight: 700 },
    footAr: { lang: 'ar', size: 24, weight: 700 },
    footEn: { lang: 'en', size: 21, weight: 700 },
    qrMax: 336,
    gap: 12,
  },
};

export class Layout {
  y = 0;
  /** Every op, in drawing order (the one-canvas path). */
  readonly ops: Op[] = [];
  readonly blocks: Block[] = [];
  constructor(
    readonly width: number,
    readonly margin: number,
  ) {}

  /** Starts a new block: the ops that follow are drawn apart from those before. */
  block(reuse: boolean) {
    this.blocks.push({ ops: [], reuse });
  }

  private push(op: Op) {
    if (this.blocks.length === 0) this.block(true);
    this.ops.push(op);
    this.blocks[this.blocks.length - 1]!.ops.push(op);
  }
  get left() {
    return this.margin;
  }
  get right() {
    return this.width - this.margin;
  }
  get inner() {
    return this.width - 2 * this.margin;
  }

  space(dots: number) {
    this.y += dots;
  }

  private xFor(align: Align) {
    return align === 'left' ? this.left : align === 'right' ? this.right : this.width / 2;
  }

  /** Wrapped paragraph, one op per line. */
  text(text: string, s: Style, align: Align, maxWidth = this.inner) {
    for (const line of wrapText(text, s, maxWidth)) {
      this.y += ascentOf(s);
      this.push({ kind: 'text', text: line, x: this.xFor(align), y: this.y, style: s, align });
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

  /** Each pair is a block of its own: the date is the same all day, "5 ahead" comes back often. */
  rows(pairs: readonly Pair[], ar: Style, en: Style, gapBetween: number) {
    const sideBySide = this.fitsSideBySide(pairs, ar, en);
    pairs.forEach((p, k) => {
      if (k > 0) this.space(gapBetween);
      this.block(true);
      if (sideBySide) {
        this.y += Math.max(ascentOf(ar), ascentOf(en));
        this.push({ kind: 'text', text: p.ar, x: this.right, y: this.y, style: ar, align: 'right' });
        this.push({ kind: 'text', text: p.en, x: this.left, y: this.y, style: en, align: 'left' });
        this.y += Math.max(descentOf(ar), descentOf(en));
      } else {
        this.text(p.ar, ar, 'right');
        this.text(p.en, en, 'left');
      }
    });
  }

  rule(thickness: number) {
    this.push({ kind: 'rect', x: this.left, y: this.y, w: this.inner, h: thickness, radius: 0 });
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
    this.push({ kind: 'rect', x: this.left, y: this.y, w: this.inner, h, radius: Math.round(pad * 1.5) });
    const top = this.y;
    if (oneLine) {
      const base = top + pad + asc;
      this.push({ kind: 'text', text: p.ar, x: this.right - inset, y: base, style: ar, align: 'right', white: true });
      this.push({ kind: 'text', text: p.en, x: this.left + inset, y: base, style: en, align: 'left', white: true });
    } else {
      this.push({ kind: 'text', text: p.ar, x: this.width / 2, y: top + pad + ascentOf(ar), style: ar, align: 'center', white: true });
      this.push({
        kind: 'text',
        text: p.en,
        x: this.width / 2,
        y: top + pad + ascentOf(ar) + descentOf(ar) + ascentOf(en),
        style: en,
        align: 'center',
        white: true,
      });
    }
    this.y = top + h;
  }

  /** The big number, shrunk only if it would not fit the paper. */
  bigNumber(label: string, s: Style) {
    let style = s;
    while (measure(label, style) > this.inner && style.size > 24) style = { ...style, size: style.size - 4 };
    // Fixed line box (cap height above, room for a Q's tail below), so the rest of the ticket
    // does not move with the label.
    this.y += Math.ceil(capHeightOf(style));
    this.push({ kind: 'text', text: label, x: this.width / 2, y: this.y, style, align: 'center' });
    this.y += Math.ceil(style.size * 0.26); // room for the 0.24 em tail of a Q or J
  }

  /** QR code as whole dots per module, centred, with a 4-module quiet zone above and below. */
  qr(url: string, maxSide: number) {
    const fitAt = (level: 'M' | 'L') => {
      const { modules } = QRCode.create(url, { errorCorrectionLevel: level });
      const scale = Math.floor(Math.min(maxSide, this.inner) / (modules.size + 8));
      return { modules, scale };
    };
    let q = fitAt('M');
    if (q.scale < 4) q = fitAt('L');
    if (q.scale < 4) throw new Error(`printer: the status URL is too long for a legible QR code on ${this.width}-dot paper (${url.length} characters)`);
    const side = q.modules.size * q.scale;
    this.y += 4 * q.scale;
    this.push({ kind: 'qr', x: Math.round((this.width - side) / 2), y: this.y, modules: q.modules, scale: q.scale });
    this.y += side + 4 * q.scale;
  }
}

export function layoutTicket(t: TicketPrint, paper: PaperWidth): Layout {
  const g = GEOMETRY[paper];
  const w = ticketWording(t);
  const L = new Layout(PAPER_DOTS[paper], g.margin);
  L.space(g.gap);
  L.block(true); // the hall: the same on every ticket
  L.centred(w.hall, g.hallAr, g.hallEn, 2);
  L.space(g.gap);
  L.rule(3);
  L.space(g.gap * 2);
  L.block(false); // the number: new on every ticket
  L.bigNumber(w.number, g.number);
  L.space(g.gap);
  L.block(t.slotStart === null); // one of two kinds (an appointment's carries its slot time)
  L.band(w.kind, g.kindAr, g.kindEn);
  L.space(g.gap);
  if (w.priority) {
    L.block(true); // one of three categories
    L.centred(w.priority, g.kindAr, g.kindEn, 2);
    L.space(g.gap);
  }
  L.block(true); // one of the hall's services
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
  L.block(false); // rule and QR code: whole dots, set straight in the bits
  L.rule(2);
  L.qr(t.statusUrl, g.qrMax);
  L.block(true); // caption and footer: the same on every ticket
  L.centred(w.qrCaption, g.infoAr, g.infoEn);
  L.space(g.gap);
  L.rule(2);
  L.space(g.gap);
  L.centred(w.footer, g.footAr, g.footEn, 2);
  L.space(g.gap * 3);
  return L;
}
