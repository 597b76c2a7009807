// The ticket layout for 58 mm and 80 mm paper, and that the Arabic on it is really Arabic:
// drawn with the bundled font, joined, right to left.
import { GlobalFonts } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { FONT_FAMILY, PAPER_DOTS, renderLine, renderTicket, type Raster } from '../../printer/render/index.ts';
import { layoutTicket } from '../../printer/render/layout.ts';
import { sampleTicket } from '../../printer/ticket.ts';
import { components, countInk, ink, inkBox } from './raster-helpers.ts';

/** Rows in which two rasters of the same width differ. */
function differingRows(a: Raster, b: Raster): number[] {
  const stride = a.width >> 3;
  const rows: number[] = [];
  for (let y = 0; y < Math.min(a.height, b.height); y++) {
    for (let i = 0; i < stride; i++)
      if (a.bits[y * stride + i] !== b.bits[y * stride + i]) {
        rows.push(y);
        break;
      }
  }
  return rows;
}

describe('ticket layout', () => {
  for (const width of [58, 80] as const) {
    describe(`${width} mm`, () => {
      const r = renderTicket(sampleTicket(), width);

      it(`is ${PAPER_DOTS[width]} dots wide, packed 1 bit per dot, of a ticket's height`, () => {
        expect(r.width).toBe(width === 58 ? 384 : 576);
        expect(r.bits.length).toBe((r.width / 8) * r.height);
        expect(r.height).toBeGreaterThan(700);
        expect(r.height).toBeLessThan(1600);
      });

      it('keeps every dot inside the margins: nothing clipped at the edges, blank paper top and bottom', () => {
        const edge = 4;
        expect(countInk(r, 0, 0, edge, r.height)).toBe(0);
        expect(countInk(r, r.width - edge, 0, r.width, r.height)).toBe(0);
        expect(countInk(r, 0, 0, r.width, 4)).toBe(0);
        expect(countInk(r, 0, r.height - 16, r.width, r.height)).toBe(0);
      });

      it('prints the ticket number big and dark: changing only the number changes one tall band', () => {
        const other = renderTicket(sampleTicket({ ticketLabel: 'Q-888' }), width);
        expect(other.height).toBe(r.height);
        const rows = differingRows(r, other);
        const top = rows[0]!,
          bottom = rows[rows.length - 1]!;
        // One contiguous band, in the upper third, as tall as very large type.
        expect(bottom - top + 1).toBe(rows.length);
        expect(top).toBeLessThan(r.height / 3);
        expect(rows.length).toBeGreaterThan(width === 58 ? 70 : 100);
        const blackShare = countInk(r, 0, top, r.width, bottom + 1) / (r.width * rows.length);
        expect(blackShare).toBeGreaterThan(0.2);
      });

      it('wraps long service names instead of clipping them', () => {
        const long = renderTicket(
          sampleTicket({
            serviceNameAr: 'طلب تحديث بيانات أفراد الأسرة وبيانات الاتصال والحساب المصرفي (الآيبان) لطلب إسكاني قائم',
            serviceNameEn: 'Update of family members, contact details and bank account (IBAN) of an existing housing application',
            footer: {
              ar: 'للاستفسار عن حالة الطلب أو لتحديث البيانات يرجى الاتصال على الخط الساخن 80008000',
              en: 'For application status or data updates, call the hotline 80008000 (Sun–Thu 07:00–14:00)',
            },
          }),
          width,
        );
        expect(long.height).toBeGreaterThan(r.height + 60);
        expect(countInk(long, 0, 0, 4, long.height)).toBe(0);
        expect(countInk(long, long.width - 4, 0, long.width, long.height)).toBe(0);
      });

      it('is the same dots every time (no randomness, no time of day)', () => {
        const again = renderTicket(sampleTicket(), width);
        expect(Buffer.compare(Buffer.from(again.bits), Buffer.from(r.bits))).toBe(0);
      });
    });
  }

  it('refuses a paper width it has no layout for', () => {
    expect(() => renderTicket(sampleTicket(), 70 as 58)).toThrow(/58 or 80/);
  });

  it('fits a long ticket label by shrinking it rather than clipping', () => {
    const r = renderTicket(sampleTicket({ ticketLabel: 'APPT-000123' }), 58);
    expect(countInk(r, 0, 0, 4, r.height)).toBe(0);
    expect(countInk(r, r.width - 4, 0, r.width, r.height)).toBe(0);
  });

  it('states "unknown" instead of a wait when there is no estimate', () => {
    const known = renderTicket(sampleTicket(), 80);
    const unknown = renderTicket(sampleTicket({ estimatedWaitMin: null }), 80);
    expect(differingRows(known, unknown).length).toBeGreaterThan(0);
  });

  it("prints a walk-in's priority category and an appointment's slot time", () => {
    const texts = (t: Parameters<typeof layoutTicket>[0]) => layoutTicket(t, 80).ops.flatMap((op) => (op.kind === 'text' ? [op.text] : []));
    expect(texts(sampleTicket())).not.toContain('Priority: elderly');
    expect(texts(sampleTicket({ priority: 'elderly' }))).toEqual(expect.arrayContaining(['أولوية: كبار السن', 'Priority: elderly']));
    const slotStart = Date.UTC(2026, 10, 26, 7, 30); // 10:30 in Bahrain
    expect(texts(sampleTicket({ kind: 'appointment', ticketLabel: 'A-004', slotStart }))).toEqual(
      expect.arrayContaining(['موعد الساعة ١٠:٣٠', 'Appointment 10:30']),
    );
    // And on paper: the category adds rows to the ticket.
    const plain = renderTicket(sampleTicket(), 58);
    expect(renderTicket(sampleTicket({ priority: 'pregnancy' }), 58).height).toBeGreaterThan(plain.height);
  });
});

describe('Arabic on paper', () => {
  it('registers the bundled Noto Naskh Arabic under our own family names', () => {
    expect(GlobalFonts.has(FONT_FAMILY.arabic)).toBe(true);
    expect(GlobalFonts.has(FONT_FAMILY.latin)).toBe(true);
  });

  it('draws with the bundled font, not a fallback or missing-glyph boxes', () => {
    const word = 'طلب إسكاني جديد';
    const ours = renderLine(word, { lang: 'ar', size: 40, width: 512 });
    const fallback = renderLine(word, { lang: 'ar', size: 40, width: 512, family: 'NoSuchFontAnywhere' });
    expect(countInk(ours)).toBeGreaterThan(300);
    expect(Buffer.compare(Buffer.from(ours.bits), Buffer.from(fallback.bits))).not.toBe(0);
  });

  it('joins the letters of a word (one stroke) where forced-apart letters are separate shapes', () => {
    // س ل م all join on both sides and carry no dots: shaped, the word is one connected stroke.
    const joined = components(renderLine('سلم', { lang: 'ar', size: 64 }), 20);
    const apart = components(renderLine('س\u200cل\u200cم', { lang: 'ar', size: 64 }), 20);
    expect(joined).toHaveLength(1);
    expect(apart).toHaveLength(3);
  });

  it('writes right to left: the first letter is on the right', () => {
    // "ب ا": the beh (first) must be right of the alef (second).
    const r = renderLine('ب ا', { lang: 'ar', size: 64 });
    const parts = components(r, 20);
    const alef = parts.reduce((a, b) => (b.y1 - b.y0 > a.y1 - a.y0 ? b : a));
    const beh = parts.reduce((a, b) => (b.x1 - b.x0 > a.x1 - a.x0 ? b : a));
    expect(alef).not.toBe(beh);
    expect(beh.cx).toBeGreaterThan(alef.cx);
  });

  it('aligns Arabic lines to the right margin', () => {
    const r = renderLine('أمامك ٥', { lang: 'ar', size: 32, width: 384 });
    const box = inkBox(r)!;
    expect(r.width - 1 - box.x1).toBeLessThanOrEqual(12); // ends at the right margin (8 dots)…
    expect(box.x0).toBeGreaterThan(r.width / 2); // …and a short line leaves the left side blank
  });

  it('prints bold as bold (both weights of the font are registered)', () => {
    const bold = countInk(renderLine('New housing application', { lang: 'en', size: 28, weight: 700, width: 512 }));
    const regular = countInk(renderLine('New housing application', { lang: 'en', size: 28, weight: 400, width: 512 }));
    expect(bold).toBeGreaterThan(regular * 1.2);
  });

  it('keeps a thin stroke whole when thresholding (no broken letters at body size)', () => {
    const r = renderLine('تابع دورك', { lang: 'ar', size: 23 });
    const parts = components(r, 1);
    // تابع دورك: 2 words, dots of ت (2) and ب (1) — a handful of shapes, not dozens of fragments.
    expect(parts.length).toBeLessThanOrEqual(12);
    expect(ink(r, 0, 0)).toBe(false);
  });
});
