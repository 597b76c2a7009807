// ESC/POS encoding. The ticket goes to the printer as a raster image (GS v 0), so Arabic prints
// correctly on printers that have no Arabic font. @point-of-sale/receipt-printer-encoder (maintained,
// typed, 39 printer profiles, code pages, native QR) supplies the frame: initialise, feed, cut, and
// the whole optional text mode. The raster bands are ours: the library's image() wants RGBA pixels,
// flattens and re-dithers them and packs them one pixel at a time (30–55 ms for a 576×1200 ticket,
// measured), while our renderer already has the packed 1-bit rows, which become GS v 0 bands by
// copying (well under a millisecond).
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { Raster } from './render/index.ts';
import { arabicDigits, ticketWording, type TicketPrint } from './ticket.ts';

/** Rows per GS v 0 command. Some printers (and clones) choke on tall blocks; 255 is the usual safe size (the encoder library's too). */
export const RASTER_BAND_ROWS = 255;

/** GS v 0 m xL xH yL yH d1…dk for every band of at most `bandRows` rows. */
export function rasterBands(r: Raster, bandRows = RASTER_BAND_ROWS): Uint8Array {
  if (r.width % 8 !== 0) throw new Error(`printer: raster width must be a multiple of 8 dots, got ${r.width}`);
  const stride = r.width >> 3;
  if (r.bits.length < stride * r.height) throw new Error('printer: raster has fewer bytes than width × height');
  const bands = Math.ceil(r.height / bandRows);
  const out = new Uint8Array(bands * 8 + stride * r.height);
  let o = 0;
  for (let top = 0; top < r.height; top += bandRows) {
    const rows = Math.min(bandRows, r.height - top);
    out.set([0x1d, 0x76, 0x30, 0x00, stride & 0xff, stride >> 8, rows & 0xff, rows >> 8], o);
    o += 8;
    out.set(r.bits.subarray(top * stride, (top + rows) * stride), o);
    o += rows * stride;
  }
  return out;
}

export interface EncodeOptions {
  /** Lines fed before the cut, so the end of the ticket clears the cutter. Default 4. */
  feedLines?: number;
  /** Default 'partial' (leaves a hinge; most kiosk printers are set up that way). */
  cut?: 'full' | 'partial';
}

// The frame around the raster comes from the encoder: its initialisation and its feed + cut. It is
// built once per option set; the bands are joined to it outside the encoder, whose raw() walks a
// large payload item by item (~10 ms for a ticket, measured, against ~0.1 ms for a copy).
const frames = new Map<string, { head: Uint8Array; tail: Uint8Array }>();

function frame(feedLines: number, cut: 'full' | 'partial') {
  const key = `${feedLines}/${cut}`;
  let f = frames.get(key);
  if (!f) {
    const head = new ReceiptPrinterEncoder({ language: 'esc-pos', newline: '\n' }).initialize().encode();
    const tail = dropTrailingNewline(new ReceiptPrinterEncoder({ language: 'esc-pos', newline: '\n', feedBeforeCut: feedLines }).cut(cut).encode());
    f = { head, tail };
    frames.set(key, f);
  }
  return f;
}

/** ESC @, the raster as GS v 0 bands, a feed, and a cut (GS V). */
export function encodeTicket(raster: Raster, opts: EncodeOptions = {}): Uint8Array {
  const { head, tail } = frame(opts.feedLines ?? 4, opts.cut ?? 'partial');
  const bands = rasterBands(raster);
  const out = new Uint8Array(head.length + bands.length + tail.length);
  out.set(head, 0);
  out.set(bands, head.length);
  out.set(tail, head.length + bands.length);
  return out;
}

/** The encoder ends its last line after the cut; that LF would feed blank paper on the next ticket. */
function dropTrailingNewline(bytes: Uint8Array): Uint8Array {
  return bytes.length >= 4 && bytes[bytes.length - 1] === 0x0a && bytes[bytes.length - 4] === 0x1d && bytes[bytes.length - 3] === 0x56
    ? bytes.subarray(0, bytes.length - 1)
    : bytes;
}

// ---------------------------------------------------------------------------------------------
// Optional text mode: the printer's own font and code page, no raster. Only for printers that
// cannot take raster graphics; Arabic then depends on the printer's code page tables. CP864 holds
// the contextual letter shapes (Unicode presentation forms), so we shape and reorder the Arabic
// ourselves; Windows-1256 holds only the base letters, so the printer must shape (few do).

export type TextCodepage = 'cp864' | 'windows1256';

export interface TextOptions {
  codepage?: TextCodepage;
  feedLines?: number;
  /** Native QR (GS ( k) module size in dots, 1–16. Default 6 at 58 mm, 8 at 80 mm. */
  qrModule?: number;
}

/** Characters per line of font A (12×24 dots): 32 at 58 mm, 48 at 80 mm. */
export const TEXT_COLUMNS: Record<58 | 80, number> = { 58: 32, 80: 48 };

export function encodeTicketText(t: TicketPrint, width: 58 | 80, opts: TextOptions = {}): Uint8Array {
  const codepage = opts.codepage ?? 'cp864';
  const columns = TEXT_COLUMNS[width];
  const w = ticketWording(t);
  const e = new ReceiptPrinterEncoder({ language: 'esc-pos', columns, newline: '\n', feedBeforeCut: opts.feedLines ?? 4, codepageMapping: 'epson' });
  const ar = (s: string) => {
    s = plain(s);
    e.codepage(codepage);
    for (const line of wrapColumns(s, columns)) e.line(codepage === 'cp864' ? visualCp864(line) : line);
  };
  const en = (s: string) => {
    s = plain(s);
    e.codepage('cp437');
    for (const line of wrapColumns(s, columns)) e.line(line);
  };
  e.initialize().align('center').bold(true);
  ar(w.hall.ar);
  en(w.hall.en);
  const rule = (style: 'single' | 'double' = 'single') => e.codepage('cp437').rule({ style });
  e.bold(false);
  rule('double');
  e.codepage('cp437').size(3, 3).bold(true).line(w.number).size(1, 1);
  ar(`${w.kind.ar}`);
  en(w.kind.en);
  if (w.priority) {
    ar(w.priority.ar);
    en(w.priority.en);
  }
  e.bold(true);
  ar(w.service.ar);
  en(w.service.en);
  e.bold(false);
  rule();
  ar(`${w.date.ar} ${w.time.ar}`);
  en(`${w.date.en}, ${w.time.en}`);
  ar(w.ahead.ar);
  en(w.ahead.en);
  ar(w.wait.ar);
  en(w.wait.en);
  rule();
  e.qrcode(t.statusUrl, { model: 2, size: opts.qrModule ?? (width === 58 ? 6 : 8), errorlevel: 'm' });
  ar(w.qrCaption.ar);
  en(w.qrCaption.en);
  rule();
  ar(w.footer.ar);
  en(w.footer.en);
  return dropTrailingNewline(e.cut('partial').encode());
}

/** Punctuation that code pages lack, as its plain ASCII cousin. */
const plain = (s: string) =>
  s
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u00b7/g, '.')
    .replace(/[\u200c-\u200f]/g, '');

/** Word wrap by character count (one code-page byte = one column). */
function wrapColumns(text: string, columns: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/)) {
    if (!line) line = word;
    else if (line.length + 1 + word.length <= columns) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
    while (line.length > columns) {
      lines.push(line.slice(0, columns));
      line = line.slice(columns);
    }
  }
  if (line) lines.push(line);
  return lines;
}

// Arabic letters: [isolated, final, initial, medial] presentation forms (initial/medial absent for
// letters that join only to the right).
const FORMS: Record<string, readonly number[]> = {};
(() => {
  const right = [0x0622, 0x0623, 0x0624, 0x0625, 0x0627, 0x0629, 0x062f, 0x0630, 0x0631, 0x0632, 0x0648, 0x0649];
  let form = 0xfe81;
  for (let c = 0x0622; c <= 0x064a; c++) {
    if (c >= 0x063b && c <= 0x0640) continue; // not letters with forms (0640 is the tatweel)
    const n = right.includes(c) ? 2 : 4;
    FORMS[String.fromCharCode(c)] = Array.from({ length: n }, (_, i) => form + i);
    form += n;
  }
  FORMS['\u0621'] = [0xfe80];
})();
const LAM_ALEF: Record<string, readonly [number, number]> = {
  '\u0622': [0xfef5, 0xfef6],
  '\u0623': [0xfef7, 0xfef8],
  '\u0625': [0xfef9, 0xfefa],
  '\u0627': [0xfefb, 0xfefc],
};
const joinsLeft = (ch: string | undefined) => ch !== undefined && ((FORMS[ch]?.length ?? 0) === 4 || ch === '\u0640');
const joinsRight = (ch: string | undefined) => ch !== undefined && ((FORMS[ch]?.length ?? 0) >= 2 || ch === '\u0640');
const isRtl = (ch: string) => /[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]/.test(ch) && !/[\u0660-\u0669]/.test(ch);

/** Contextual shaping to presentation forms, lam-alef ligatures. Logical order is kept. */
export function shapeArabic(text: string): string {
  const chars = [...text.replace(/[\u064b-\u0652]/g, '')]; // vowel marks: CP864 has no room for them
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const prev = chars[i - 1];
    const forms = FORMS[ch];
    if (!forms) {
      out += ch;
      continue;
    }
    const fromPrev = joinsLeft(prev);
    if (ch === '\u0644' && LAM_ALEF[chars[i + 1] ?? '']) {
      out += String.fromCharCode(LAM_ALEF[chars[i + 1]!]![fromPrev ? 1 : 0]);
      i++;
      continue;
    }
    const toNext = forms.length === 4 && joinsRight(chars[i + 1]);
    const index = fromPrev ? (toNext ? 3 : 1) : toNext ? 2 : 0;
    out += String.fromCharCode(forms[index] ?? forms[index === 3 ? 1 : 0]!);
  }
  return out;
}

/** Code points of bytes 0x80–0xFF in IBM CP864 (Arabic), for the encoder fallbacks and the decoder. */
export const CP864_HIGH: readonly number[] = [
  176, 183, 8729, 8730, 9618, 9472, 9474, 9532, 9508, 9516, 9500, 9524, 9488, 9484, 9492, 9496, 946, 8734, 966, 177, 189, 188, 8776, 171, 187, 65271, 65272,
  65533, 65533, 65275, 65276, 65533, 160, 173, 65154, 163, 164, 65156, 65533, 65533, 65166, 65167, 65173, 65177, 1548, 65181, 65185, 65189, 1632, 1633, 1634,
  1635, 1636, 1637, 1638, 1639, 1640, 1641, 65233, 1563, 65201, 65205, 65209, 1567, 162, 65152, 65153, 65155, 65157, 65226, 65163, 65165, 65169, 65171, 65175,
  65179, 65183, 65187, 65191, 65193, 65195, 65197, 65199, 65203, 65207, 65211, 65215, 65217, 65221, 65227, 65231, 166, 172, 247, 215, 65225, 1600, 65235, 65239,
  65243, 65247, 65251, 65255, 65259, 65261, 65263, 65267, 65213, 65228, 65230, 65229, 65249, 65149, 1617, 65253, 65257, 65260, 65264, 65266, 65232, 65237,
  65269, 65270, 65245, 65241, 65265, 9632, 65533,
];

// CP864 lacks some forms (ط and ظ have one glyph, many letters have no separate final or medial
// glyph, the lam-alef with hamza below is missing): the nearest form the code page has stands in,
// which is what printers with CP864 print anyway.
const CP864_FALLBACK: Record<number, number> = {};
(() => {
  const has = new Set(CP864_HIGH.filter((c) => c !== 0xfffd));
  const pick = (...candidates: (number | undefined)[]) => candidates.find((c) => c !== undefined && has.has(c));
  for (const forms of Object.values(FORMS)) {
    const [iso, fin, ini, med] = forms;
    for (const [form, chain] of [
      [iso, []],
      [fin, [iso]],
      [ini, [iso]],
      [med, [ini, iso]],
    ] as const) {
      if (form === undefined || has.has(form)) continue;
      const sub = pick(...chain);
      if (sub !== undefined) CP864_FALLBACK[form] = sub;
    }
  }
  CP864_FALLBACK[0xfef9] = 0xfefb; // lam-alef with hamza below → lam-alef
  CP864_FALLBACK[0xfefa] = 0xfefc;
  CP864_FALLBACK[0xfe87] = 0xfe8d; // alef with hamza below → alef
  CP864_FALLBACK[0xfe88] = 0xfe8e;
  CP864_FALLBACK[0xfe89] = 0xfe8b; // yeh with hamza: only its initial glyph exists, which keeps the hamza
  CP864_FALLBACK[0xfe8a] = 0xfe8b;
})();

/** Shaped, digits as Arabic-Indic, fallbacks for missing forms, then visual (left-to-right) order. */
export function visualCp864(line: string): string {
  const shaped = [...shapeArabic(arabicDigits(line))].map((ch) => {
    const f = CP864_FALLBACK[ch.codePointAt(0)!];
    return f ? String.fromCharCode(f) : ch;
  });
  // Minimal bidi for a right-to-left line: reverse it, but keep runs of digits/Latin in their order.
  const runs: { ltr: boolean; chars: string[] }[] = [];
  for (const ch of shaped) {
    const ltr = !isRtl(ch) && ch !== ' ';
    const last = runs[runs.length - 1];
    if (last && ltr && last.ltr) last.chars.push(ch);
    else runs.push({ ltr, chars: [ch] });
  }
  return runs
    .reverse()
    .map((r) => (r.ltr ? r.chars.join('') : r.chars.reverse().join('')))
    .join('');
}
