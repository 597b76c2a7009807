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

// Most of a ticket's words (hall name, labels, footer, service names) repeat from ticket to ticket,
// and measuring a new text costs 20–40 µs: one measurement per text and style, kept.
interface Metrics { width: number; left: number; right: number; ascent: number; descent: number }
const metrics = new Map<string, Metrics>();
const capHeights = new Map<string, number>();

/**
 * Advance width and ink bounds of a text, measured left-aligned. Aligned right or centred, the
 * bounds move by the width or half of it (checked against Skia's own measurement: the same to
 * 1/10000 dot), so one measurement serves every alignment.
 */
function metricsOf(text: string, s: Style): Metrics {
  const key = `${s.lang}${s.weight}${s.size}|${text}`;
  let m = metrics.get(key);
  if (m === undefined) {
    measureCtx.font = cssFont(s);
    measureCtx.direction = dirOf(s.lang);
    measureCtx.textAlign = 'left';
    const t = measureCtx.measureText(text);
    m = { width: t.width, left: t.actualBoundingBoxLeft, right: t.actualBoundingBoxRight, ascent: t.actualBoundingBoxAscent, descent: t.actualBoundingBoxDescent };
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
// Layout: a list of drawing operations with their y positions (whole dots), grouped in blocks that
// are drawn separately (see "Drawing" below): the hall name, the number, the kind band, the
// service, each info row, the QR code, the footer.

type Align = 'left' | 'right' | 'center';
type Op =
  | { kind: 'text'; text: string; x: number; y: number; style: Style; align: Align; white?: boolean }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; radius: number }
  | { kind: 'qr'; x: number; y: number; modules: { size: number; data: Uint8Array }; scale: number };

/**
 * Operations drawn together, apart from the rest of the ticket. `reuse`: its 1-bit image is worth
 * keeping for the next tickets (everything but the ticket number repeats: the hall name and footer
 * on every ticket, a service, the date all day, "5 ahead"...).
 */
interface Block { ops: Op[]; reuse: boolean }

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
  /** Every op, in drawing order (the one-canvas path). */
  readonly ops: Op[] = [];
  readonly blocks: Block[] = [];
  constructor(readonly width: number, readonly margin: number) {}

  /** Starts a new block: the ops that follow are drawn apart from those before. */
  block(reuse: boolean) {
    this.blocks.push({ ops: [], reuse });
  }

  private push(op: Op) {
    if (this.blocks.length === 0) this.block(true);
    this.ops.push(op);
    this.blocks[this.blocks.length - 1]!.ops.push(op);
  }
  get left() { return this.margin; }
  get right() { return this.width - this.margin; }
  get inner() { return this.width - 2 * this.margin; }

  space(dots: number) { this.y += dots; }

  private xFor(align: Align) { return align === 'left' ? this.left : align === 'right' ? this.right : this.width / 2; }

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
      this.push({ kind: 'text', text: p.en, x: this.width / 2, y: top + pad + ascentOf(ar) + descentOf(ar) + ascentOf(en), style: en, align: 'center', white: true });
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
    this.push({ kind: 'qr', x: Math.round((this.width - side) / 2), y: this.y, modules: q.modules, scale: q.scale });
    this.y += side + 4 * q.scale;
  }
}

function layoutTicket(t: TicketPrint, paper: PaperWidth): Layout {
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
  L.block(true); // one of two kinds
  L.band(w.kind, g.kindAr, g.kindEn);
  L.space(g.gap);
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

// ---------------------------------------------------------------------------------------------
// Drawing and thresholding.
//
// Where the time goes (measured on the 2-core hub): with @napi-rs/canvas every pixel read
// (getImageData) first flushes the whole canvas (~160 µs at 576×1400, ~30 µs at 576×200) and then
// costs in proportion to the pixels read (0.3–3 µs per kB, mostly the kernel handing the canvas
// library fresh memory); a blank 576×1208 ticket read back whole took 1–9 ms. Drawing is cheaper
// (~50 µs for a line of new text). So a ticket is not drawn and read back as one canvas:
//
// - each block is drawn alone on a small scratch canvas and only the boxes its ink can reach are
//   read back (text boxes from measureText's ink bounds, plus a margin);
// - the 1-bit image (strip) of a block is kept, keyed by the block's own content (texts, styles,
//   positions relative to the block, paper width): the hall name, kind band, service, footer,
//   date and common lines ("5 ahead", "~12 min") are then copied, not drawn. The key is everything
//   that decides the pixels, so a changed setting (hall name, footer) is simply another key:
//   nothing to invalidate, nothing that could come out on the other width or for another hall;
// - rules and the QR code are whole dots: set straight in the bits.
//
// The result is exactly the one-canvas image (`renderTicketUncached`; the tests compare them):
// blocks are drawn shifted by whole dots only (Skia rasterises the same under such a shift), and
// where two blocks' grey (not only black) rows would meet — one canvas would have blended them — or
// ink reaches past its measured bounds, the ticket is drawn the one-canvas way instead.

/** Grey levels below this print black. A little above 50 % keeps thin Naskh strokes whole. */
const THRESHOLD = 150;

// One canvas per paper width, reused from ticket to ticket (and grown when a ticket is taller):
// allocating a fresh 576×1200 RGBA surface each time costs more than drawing the whole ticket.
const pool = new Map<number, Canvas>();

function canvasFor(width: number, height: number): SKRSContext2D {
  let canvas = pool.get(width);
  if (!canvas || canvas.height < height) {
    canvas = createCanvas(width, Math.max(height, 1400));
    pool.set(width, canvas);
  }
  return canvas.getContext('2d');
}

/** The straightforward path: every op on one white canvas, read back whole, thresholded. */
function paint(ops: readonly Op[], width: number, height: number): Raster {
  const ctx = canvasFor(width, height);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  for (const op of ops) draw(ctx, op);
  // Only the ticket's rows are read back (fewer bytes moved than the whole surface's data()).
  return threshold(ctx.getImageData(0, 0, width, height).data, width, height);
}

function draw(ctx: SKRSContext2D, op: Op): void {
  switch (op.kind) {
    case 'text':
      setTextStyle(ctx, op);
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

function setTextStyle(ctx: SKRSContext2D, op: Extract<Op, { kind: 'text' }>): void {
  ctx.font = cssFont(op.style);
  ctx.direction = dirOf(op.style.lang);
  ctx.textAlign = op.align;
}

// Pixels are read as 32-bit words: one comparison says "white", the red byte carries the grey level
// (black and white only: R = G = B). The red byte is the low byte on little-endian machines.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const WHITE = 0xffffffff; // opaque white: the canvas is filled white and every colour drawn is opaque
const RED_SHIFT = LITTLE_ENDIAN ? 0 : 24;

/** The 32-bit view of RGBA bytes (copied first in the unlikely case they are not 4-byte aligned). */
function words(rgba: Uint8Array | Uint8ClampedArray): Uint32Array {
  return rgba.byteOffset % 4 === 0
    ? new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.length >> 2)
    : new Uint32Array(rgba.slice().buffer);
}

/**
 * Packs `w` pixels of one row (from word `p` on) into bytes at `bits[o…]`, MSB first, 1 = black.
 * `w` is a multiple of 8. Returns whether any pixel of the row is not white.
 */
function packRow(px: Uint32Array, p: number, w: number, bits: Uint8Array, o: number): boolean {
  let grey = false;
  for (let end = p + w; p < end; p += 8, o++) {
    const a = px[p]!, b = px[p + 1]!, c = px[p + 2]!, d = px[p + 3]!, e = px[p + 4]!, f = px[p + 5]!, g = px[p + 6]!, h = px[p + 7]!;
    // Most of a ticket is paper: eight white pixels (their AND still all ones) are a 0 byte.
    if ((a & b & c & d & e & f & g & h) === -1) {
      bits[o] = 0;
      continue;
    }
    grey = true;
    bits[o] = (isBlack(a) << 7) | (isBlack(b) << 6) | (isBlack(c) << 5) | (isBlack(d) << 4) | (isBlack(e) << 3) | (isBlack(f) << 2) | (isBlack(g) << 1) | isBlack(h);
  }
  return grey;
}

const isBlack = (v: number): number => (((v >>> RED_SHIFT) & 0xff) < THRESHOLD ? 1 : 0);

/** RGBA (black on white) → 1-bit rows, MSB first. `width` must be a multiple of 8. */
export function threshold(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Raster {
  const stride = width >> 3;
  const bits = new Uint8Array(stride * height);
  const px = words(rgba);
  for (let y = 0; y < height; y++) packRow(px, y * width, width, bits, y * stride);
  return { width, height, bits };
}

// ---------------------------------------------------------------------------------------------
// Blocks as 1-bit strips.

/**
 * A block's image: full-width 1-bit rows from `top` (relative to the block's origin, the y of its
 * first op) over `rows` rows. Trimmed to the rows holding a non-white pixel: the first and the
 * last row are not blank, so [top, top + rows) is also where the block leaves any grey at all.
 */
interface Strip { top: number; rows: number; bits: Uint8Array }

const blankStrip: Strip = { top: 0, rows: 0, bits: new Uint8Array(0) };

/** Ops the bits can take as they are: axis-aligned rectangles on whole dots (rules, QR modules). */
const isWholeDots = (op: Op) => op.kind === 'qr' || (op.kind === 'rect' && op.radius === 0);

/** Sets dots [x0, x1) of the row of `bits` that starts at byte `o`: whole bytes at once in the middle. */
function setSpan(bits: Uint8Array, o: number, x0: number, x1: number): void {
  for (; x0 < x1 && (x0 & 7) !== 0; x0++) bits[o + (x0 >> 3)]! |= 0x80 >> (x0 & 7);
  for (; x0 + 8 <= x1; x0 += 8) bits[o + (x0 >> 3)] = 0xff;
  for (; x0 < x1; x0++) bits[o + (x0 >> 3)]! |= 0x80 >> (x0 & 7);
}

/** Rules and QR codes drawn straight into bits: what Skia's fillRect gives on whole dots, without reading pixels. */
function wholeDotsStrip(ops: readonly Op[], stride: number, origin: number): Strip {
  const extent = (op: Op) => (op.kind === 'qr' ? op.modules.size * op.scale : op.kind === 'rect' ? op.h : 0);
  const top = Math.min(...ops.map((op) => op.y));
  const bottom = Math.max(...ops.map((op) => op.y + extent(op)));
  const bits = new Uint8Array(stride * (bottom - top));
  const row = new Uint8Array(stride);
  // Each op's dots are ORed into the rows, never copied over: ops may share rows.
  const orRow = (y: number) => {
    for (let i = 0, o = (y - top) * stride; i < stride; i++) bits[o + i]! |= row[i]!;
  };
  for (const op of ops) {
    if (op.kind === 'rect') {
      row.fill(0);
      setSpan(row, 0, op.x, op.x + op.w);
      for (let y = op.y; y < op.y + op.h; y++) orRow(y);
    } else if (op.kind === 'qr') {
      const { size, data } = op.modules;
      for (let r = 0; r < size; r++) {
        // One row of dots for a row of modules (a run of dark modules is one span), `scale` rows tall.
        row.fill(0);
        for (let c = 0; c < size;) {
          if (!data[r * size + c]) { c++; continue; }
          let end = c;
          while (end < size && data[r * size + end]) end++;
          setSpan(row, 0, op.x + c * op.scale, op.x + end * op.scale);
          c = end;
        }
        const y = op.y + r * op.scale;
        for (let k = 0; k < op.scale; k++) orRow(y + k);
      }
    }
  }
  // No grey here: the rows with a black dot are the strip.
  const blankRow = (r: number) => {
    for (let i = r * stride, end = i + stride; i < end; i++) if (bits[i] !== 0) return false;
    return true;
  };
  let first = 0;
  let last = bottom - top - 1;
  while (first <= last && blankRow(first)) first++;
  while (last >= first && blankRow(last)) last--;
  return cut(bits, stride, top - origin, first, last);
}

/** The strip of rows `first`…`last` (inclusive) of `bits`, whose row 0 is `top` below the origin. */
function cut(bits: Uint8Array, stride: number, top: number, first: number, last: number): Strip {
  if (first > last) return blankStrip;
  return { top: top + first, rows: last - first + 1, bits: bits.slice(first * stride, (last + 1) * stride) };
}

interface Box { x0: number; y0: number; x1: number; y1: number }

/** Dots of slack around measureText's ink bounds (anti-aliasing and rounding stay within ~1 dot, measured). */
const INK_MARGIN = 3;

/** Where an op can leave ink: its ink bounds plus a margin, x widened to whole bytes within the width. */
function inkBox(op: Op, width: number): Box {
  let b: Box;
  if (op.kind === 'text') {
    const m = metricsOf(op.text, op.style);
    const shift = op.align === 'left' ? 0 : op.align === 'right' ? m.width : m.width / 2;
    b = { x0: op.x - m.left - shift, x1: op.x + m.right - shift, y0: op.y - m.ascent, y1: op.y + m.descent };
  } else if (op.kind === 'rect') {
    b = { x0: op.x, x1: op.x + op.w, y0: op.y, y1: op.y + op.h };
  } else {
    const side = op.modules.size * op.scale;
    b = { x0: op.x, x1: op.x + side, y0: op.y, y1: op.y + side };
  }
  return {
    x0: Math.max(0, (Math.floor(b.x0) - INK_MARGIN) & ~7),
    x1: Math.min(width, (Math.ceil(b.x1) + INK_MARGIN + 7) & ~7),
    y0: Math.floor(b.y0) - INK_MARGIN,
    y1: Math.ceil(b.y1) + INK_MARGIN,
  };
}

/** Joins boxes that overlap or touch, so that each dot is read once (a band's text lies on its rectangle). */
function mergeBoxes(boxes: Box[]): Box[] {
  const out = boxes.filter((b) => b.x1 > b.x0 && b.y1 > b.y0).map((b) => ({ ...b }));
  for (let merged = true; merged;) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i]!, b = out[j]!;
        if (a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1) {
          out[i] = { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
          out.splice(j, 1);
          merged = true;
          break;
        }
      }
    }
  }
  return out;
}

// Scratch canvases for drawing one block: per width and per height class (64, 128, 256… rows), so
// a block of 40 rows is not drawn on a canvas of 1400 (every read flushes the whole canvas first:
// ~30 µs at 576×200, ~160 µs at 576×1400, measured).
const scratch = new Map<string, SKRSContext2D>();

function scratchFor(width: number, rows: number): SKRSContext2D {
  let h = 64;
  while (h < rows) h *= 2;
  const key = `${width}x${h}`;
  let ctx = scratch.get(key);
  if (!ctx) {
    ctx = createCanvas(width, h).getContext('2d');
    scratch.set(key, ctx);
  }
  return ctx;
}

/**
 * Draws a block alone and reads back only its ink boxes. The block is drawn shifted up by whole
 * dots onto a scratch canvas just tall enough for its boxes (Skia rasterises text the same under a
 * vertical shift by whole dots). Boxes are in ticket coordinates, clamped to the paper, since
 * nothing outside it is printed. Returns null if ink touches the edge of a box (the bounds were
 * wrong: the caller then draws the ticket the one-canvas way). A strip is not `cacheable` when a
 * box was cut at the top or the bottom of the paper: what was cut off depends on where the block
 * was drawn.
 */
function paintBlock(block: Block, width: number, height: number, origin: number): { strip: Strip; cacheable: boolean } | null {
  const stride = width >> 3;
  const raw = block.ops.map((op) => inkBox(op, width));
  const cacheable = raw.every((b) => b.y0 >= 0 && b.y1 <= height);
  const boxes = mergeBoxes(raw.map((b) => ({ ...b, y0: Math.max(0, b.y0), y1: Math.min(height, b.y1) })));
  if (boxes.length === 0) return { strip: blankStrip, cacheable };

  const top = Math.min(...boxes.map((b) => b.y0));
  const bottom = Math.max(...boxes.map((b) => b.y1));
  const ctx = scratchFor(width, bottom - top);
  // Only the boxes are read, so only they need to be white.
  ctx.fillStyle = '#fff';
  for (const b of boxes) ctx.fillRect(b.x0, b.y0 - top, b.x1 - b.x0, b.y1 - b.y0);
  for (const op of block.ops) draw(ctx, { ...op, y: op.y - top });

  const bits = new Uint8Array(stride * (bottom - top));
  let first = Infinity; // first and last rows (from `top`) with a non-white dot
  let last = -1;
  for (const b of boxes) {
    const w = b.x1 - b.x0;
    const px = words(ctx.getImageData(b.x0, b.y0 - top, w, b.y1 - b.y0).data);
    for (let y = b.y0; y < b.y1; y++) {
      const p = (y - b.y0) * w;
      if (!packRow(px, p, w, bits, (y - top) * stride + (b.x0 >> 3))) continue;
      first = Math.min(first, y - top);
      last = Math.max(last, y - top);
      const edgeRow = (y === b.y0 && y > 0) || (y === b.y1 - 1 && b.y1 < height);
      const edgeColumn = (b.x0 > 0 && px[p] !== WHITE) || (b.x1 < width && px[p + w - 1] !== WHITE);
      if (edgeRow || edgeColumn) return null;
    }
  }
  // Trimmed to the rows with grey (not only black): where this block touches the paper at all.
  return { strip: cut(bits, stride, top - origin, first, last), cacheable };
}

// Strips of reusable blocks, most recently used last. Bounded: a hall's fixed parts, its services,
// today's dates and times and the common waits fit many times over (a strip is a few kB).
const strips = new Map<string, Strip>();
const MAX_STRIPS = 400;
const stats = { hits: 0, misses: 0, fallbacks: 0 };

/** Everything that decides a block's pixels (texts, styles, positions relative to its origin, the width). */
function blockKey(ops: readonly Op[], width: number, origin: number): string {
  return JSON.stringify([width, ...ops.map((op) => (op.kind === 'qr' ? [op.x, op.y - origin, op.scale, op.modules.size, Array.from(op.modules.data)] : { ...op, y: op.y - origin }))]);
}

/**
 * The ticket from its blocks' strips: cached, set as whole dots, or drawn now. Null when the fast
 * path cannot vouch for the result (ink beyond its measured bounds, or two blocks' grey rows
 * meeting, where one canvas would have blended them): then one canvas decides.
 */
function compose(L: Layout, height: number): Raster | null {
  const width = L.width;
  const stride = width >> 3;
  const placed: { origin: number; strip: Strip }[] = [];
  const drawn: { key: string; strip: Strip; cacheable: boolean }[] = [];
  let hits = 0;
  for (const block of L.blocks) {
    if (block.ops.length === 0) continue;
    const origin = block.ops[0]!.y;
    if (block.ops.every(isWholeDots)) {
      placed.push({ origin, strip: wholeDotsStrip(block.ops, stride, origin) });
      continue;
    }
    const key = block.reuse ? blockKey(block.ops, width, origin) : null;
    const hit = key === null ? undefined : strips.get(key);
    if (hit) {
      strips.delete(key!); // most recently used: to the end
      strips.set(key!, hit);
      placed.push({ origin, strip: hit });
      hits++;
      continue;
    }
    const painted = paintBlock(block, width, height, origin);
    if (!painted) return null;
    placed.push({ origin, strip: painted.strip });
    if (key !== null) drawn.push({ key, ...painted });
  }

  const spans = placed.filter((p) => p.strip.rows > 0).map((p) => ({ at: p.origin + p.strip.top, strip: p.strip })).sort((a, b) => a.at - b.at);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]!.at < spans[i - 1]!.at + spans[i - 1]!.strip.rows) return null;
  }

  // Vouched for: keep the new strips.
  stats.hits += hits;
  stats.misses += drawn.length;
  for (const { key, strip, cacheable } of drawn) {
    if (!cacheable) continue;
    strips.set(key, strip);
    if (strips.size > MAX_STRIPS) strips.delete(strips.keys().next().value!);
  }

  const bits = new Uint8Array(stride * height);
  for (const { at, strip } of spans) {
    // Rows outside the paper are cut off, as the canvas would.
    const from = Math.max(0, -at);
    const to = Math.min(strip.rows, height - at);
    if (to > from) bits.set(strip.bits.subarray(from * stride, to * stride), (at + from) * stride);
  }
  return { width, height, bits };
}

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
