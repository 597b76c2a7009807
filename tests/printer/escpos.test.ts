// ESC/POS bytes of a ticket, checked two ways: by walking the bytes by hand (the command layout a
// printer expects) and by decoding them back with our decoder (the image equals the rendered dots,
// and the QR on it scans to the status URL).
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeEscPos, rasterToPng } from '../../printer/decode.ts';
import { encodeTicket, encodeTicketText, rasterBands, shapeArabic, visualCp864 } from '../../printer/escpos.ts';
import { previewPng } from '../../printer/preview.ts';
import { renderTicket, type Raster } from '../../printer/render/index.ts';
import { sampleTicket } from '../../printer/ticket.ts';
import { readPng, readQr } from './raster-helpers.ts';

const hex = (b: ArrayLike<number>) => Buffer.from(b as Uint8Array).toString('hex');

/** Walks init, the GS v 0 bands, the feed and the cut, failing on anything else. */
function walk(bytes: Uint8Array) {
  let i = 0;
  expect(hex(bytes.subarray(0, 2))).toBe('1b40'); // ESC @
  i = 2;
  // The encoder's init also cancels Kanji mode (FS .) and selects font A (ESC M 0).
  expect(hex(bytes.subarray(i, i + 5))).toBe('1c2e1b4d00');
  i += 5;
  const bands: { widthBytes: number; rows: number }[] = [];
  while (bytes[i] === 0x1d && bytes[i + 1] === 0x76) {
    expect(bytes[i + 2]).toBe(0x30); // GS v 0
    expect(bytes[i + 3]).toBe(0); // normal density
    const widthBytes = bytes[i + 4]! | (bytes[i + 5]! << 8);
    const rows = bytes[i + 6]! | (bytes[i + 7]! << 8);
    bands.push({ widthBytes, rows });
    i += 8 + widthBytes * rows;
  }
  let feeds = 0;
  while (bytes[i] === 0x0a) {
    feeds++;
    i++;
  }
  const cut = hex(bytes.subarray(i, i + 3));
  i += 3;
  return { bands, feeds, cut, rest: bytes.length - i };
}

describe('raster ticket encoding', () => {
  for (const width of [58, 80] as const) {
    it(`${width} mm: ESC @, GS v 0 bands ${width === 58 ? 48 : 72} bytes wide and ≤ 255 rows, a feed, a cut — nothing else`, () => {
      const r = renderTicket(sampleTicket(), width);
      const w = walk(encodeTicket(r));
      expect(w.bands.length).toBe(Math.ceil(r.height / 255));
      for (const b of w.bands) {
        expect(b.widthBytes).toBe(width === 58 ? 48 : 72);
        expect(b.rows).toBeLessThanOrEqual(255);
      }
      expect(w.bands.reduce((n, b) => n + b.rows, 0)).toBe(r.height);
      expect(w.feeds).toBeGreaterThanOrEqual(3);
      expect(w.cut).toBe('1d5601'); // GS V 1: partial cut
      expect(w.rest).toBe(0);
    });

    it(`${width} mm: decodes back to exactly the rendered dots, and its QR scans to the status URL`, () => {
      const t = sampleTicket();
      const r = renderTicket(t, width);
      const d = decodeEscPos(encodeTicket(r));
      expect(d.warnings).toEqual([]);
      expect(d.commands[0]).toBe('init');
      expect(d.commands).toContain('raster');
      expect(d.commands[d.commands.length - 1]).toBe('cut');
      expect(d.cut).toBe(true);
      expect(d.images).toHaveLength(1); // the bands are joined into one picture
      const img = d.images[0]!;
      expect([img.width, img.height]).toEqual([r.width, r.height]);
      expect(Buffer.compare(Buffer.from(img.bits), Buffer.from(r.bits))).toBe(0);

      const png = readPng(rasterToPng(img));
      expect([png.width, png.height]).toEqual([r.width, r.height]);
      const qr = readQr(png, QRCode.create(t.statusUrl, { errorCorrectionLevel: 'M' }).modules.size);
      expect(qr?.text).toBe(t.statusUrl);
      expect(qr!.modulePx).toBeGreaterThanOrEqual(4);
    });
  }

  it('a full cut when asked, and the feed is configurable', () => {
    const r = renderTicket(sampleTicket(), 58);
    const w = walk(encodeTicket(r, { cut: 'full', feedLines: 6 }));
    expect(w.cut).toBe('1d5600');
    expect(w.feeds).toBe(6);
  });

  it('splits a tall raster into bands of at most 255 rows, whole rows each', () => {
    const r: Raster = { width: 16, height: 600, bits: new Uint8Array(2 * 600).map((_, k) => k & 0xff) };
    const bytes = rasterBands(r);
    const d = decodeEscPos(bytes);
    expect(d.commands).toEqual(['raster', 'raster', 'raster']);
    expect(d.images[0]!.height).toBe(600);
    expect(Buffer.compare(Buffer.from(d.images[0]!.bits), Buffer.from(r.bits))).toBe(0);
    expect(() => rasterBands({ width: 10, height: 1, bits: new Uint8Array(2) })).toThrow(/multiple of 8/);
  });
});

describe('ESC/POS decoder', () => {
  it('reads text, alignment, bold, size, line feeds, native QR and the cut', () => {
    const bytes = Uint8Array.from([
      0x1b,
      0x40,
      0x1b,
      0x61,
      0x01,
      0x1b,
      0x45,
      0x01,
      ...Buffer.from('Hello'),
      0x0a,
      0x1d,
      0x21,
      0x11,
      ...Buffer.from('BIG'),
      0x0a,
      0x1d,
      0x21,
      0x00,
      0x1d,
      0x28,
      0x6b,
      0x04,
      0x00,
      0x31,
      0x41,
      0x32,
      0x00, // model 2
      0x1d,
      0x28,
      0x6b,
      0x03,
      0x00,
      0x31,
      0x43,
      0x06, // module 6
      0x1d,
      0x28,
      0x6b,
      0x03,
      0x00,
      0x31,
      0x45,
      0x31, // level M
      0x1d,
      0x28,
      0x6b,
      0x07,
      0x00,
      0x31,
      0x50,
      0x30,
      ...Buffer.from('abcd'),
      0x1d,
      0x28,
      0x6b,
      0x03,
      0x00,
      0x31,
      0x51,
      0x30,
      0x1b,
      0x64,
      0x03,
      0x1d,
      0x56,
      0x41,
      0x10,
    ]);
    const d = decodeEscPos(bytes);
    expect(d.warnings).toEqual([]);
    expect(d.text).toEqual(['Hello', 'BIG']);
    expect(d.qr).toEqual(['abcd']);
    expect(d.cut).toBe(true);
    expect(d.commands).toEqual([
      'init',
      'align',
      'bold',
      'text',
      'lf',
      'size',
      'text',
      'lf',
      'size',
      'qr-model',
      'qr-size',
      'qr-error',
      'qr-store',
      'qr',
      'feed',
      'cut',
    ]);
    const first = d.blocks[0]!;
    expect(first.kind === 'text' && first.style).toEqual({ align: 'center', bold: true, width: 1, height: 1 });
    const second = d.blocks[1]!;
    expect(second.kind === 'text' && second.style).toMatchObject({ width: 2, height: 2 });
    expect(d.blocks.find((b) => b.kind === 'qr')).toMatchObject({ data: 'abcd', module: 6, level: 'M' });
  });

  it('keeps rasters separated by text as separate images', () => {
    const r: Raster = { width: 8, height: 2, bits: Uint8Array.of(0xff, 0x81) };
    const bytes = Uint8Array.from([...rasterBands(r), ...Buffer.from('x'), 0x0a, ...rasterBands(r)]);
    const d = decodeEscPos(bytes);
    expect(d.images).toHaveLength(2);
    expect(d.text).toEqual(['x']);
  });

  it('reports truncated data and unknown commands instead of guessing', () => {
    const r = renderTicket(sampleTicket(), 58);
    const bytes = encodeTicket(r);
    const cutShort = decodeEscPos(bytes.subarray(0, 5_000));
    expect(cutShort.warnings.join()).toMatch(/truncated GS v 0 data/);
    expect(cutShort.cut).toBe(false);
    const odd = decodeEscPos(Uint8Array.of(0x1b, 0x40, 0x1b, 0x07, 0x41, 0x0a));
    expect(odd.warnings.join()).toMatch(/unknown command ESC 0x7/);
    expect(odd.text).toEqual(['A']);
  });

  it('reads ESC * column images (24-dot strips) as one picture', () => {
    // Two 24-dot strips, 8 dots wide: the first all black, the second blank.
    const strip = (v: number) => [0x1b, 0x2a, 0x21, 8, 0, ...new Array(24).fill(v), 0x0a];
    const d = decodeEscPos(Uint8Array.from([0x1b, 0x33, 24, ...strip(0xff), ...strip(0x00), 0x1b, 0x32]));
    expect(d.images).toHaveLength(1);
    expect(d.images[0]!.height).toBe(48);
    expect(d.images[0]!.bits.subarray(0, 24).every((b) => b === 0xff)).toBe(true);
    expect(d.images[0]!.bits.subarray(24).every((b) => b === 0)).toBe(true);
  });
});

describe('optional text mode (printer font, code page)', () => {
  it('shapes Arabic into CP864 letter forms in visual order', () => {
    expect(shapeArabic('لا')).toBe('\ufefb'); // lam-alef ligature
    expect(shapeArabic('سلم')).toBe('\ufeb3\ufee0\ufee2'); // initial, medial, final
    // Printed left to right, the visual string read backwards is the word again.
    for (const word of ['بدون موعد', 'تابع دورك', 'أمامك']) {
      expect([...visualCp864(word)].reverse().join('').normalize('NFKC')).toBe(word);
    }
    // Numbers keep their own left-to-right order inside the Arabic line.
    expect(visualCp864('الانتظار ~12 دقيقة')).toContain('١٢');
  });

  for (const width of [58, 80] as const) {
    it(`${width} mm: init, CP864 selected, native QR of the status URL, every English line, a cut`, () => {
      const t = sampleTicket();
      const bytes = encodeTicketText(t, width);
      expect(hex(bytes.subarray(0, 2))).toBe('1b40');
      expect(hex(bytes)).toContain('1b7425'); // ESC t 37: PC864 (Epson numbering)
      const d = decodeEscPos(bytes);
      expect(d.warnings).toEqual([]);
      expect(d.qr).toEqual([t.statusUrl]);
      expect(d.cut).toBe(true);
      const all = d.text.map((l) => l.trim()).join('\n');
      for (const line of ['B-007', 'Walk-in', 'New housing application', '5 ahead', 'Est. wait ~12 min', 'Follow your turn']) expect(all).toContain(line);
      expect(all).not.toContain('?'); // every Arabic letter found a glyph in the code page
      const arabic = d.text.filter((l) => /[\ufe70-\ufeff]/.test(l));
      expect(arabic.length).toBeGreaterThanOrEqual(6);
      expect(d.text.every((l) => [...l].length <= (width === 58 ? 32 : 48))).toBe(true);
      const png = readPng(previewPng(d));
      expect(png.width).toBe(width === 58 ? 384 : 576);
    });
  }

  it('Windows-1256 keeps the letters in logical order for printers that shape by themselves', () => {
    const d = decodeEscPos(encodeTicketText(sampleTicket(), 80, { codepage: 'windows1256' }));
    expect(d.text.map((l) => l.trim())).toContain('طلب إسكاني جديد');
  });
});
