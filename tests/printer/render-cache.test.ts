// The fast renderer (blocks drawn apart, fixed parts kept as 1-bit strips, QR set in the bits)
// must print exactly what one canvas with the whole ticket prints, ticket after ticket, on both
// widths, and must follow a change of the hall's settings at once.
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeTicket } from '../../printer/escpos.ts';
import { clearRenderCache, renderCacheStats, renderTicket, renderTicketUncached, type PaperWidth, type Raster } from '../../printer/render/index.ts';
import { sampleTicket, type TicketPrint } from '../../printer/ticket.ts';

const bytes = (t: TicketPrint, width: PaperWidth) => Buffer.from(encodeTicket(renderTicket(t, width)));
const freshBytes = (t: TicketPrint, width: PaperWidth) => Buffer.from(encodeTicket(renderTicketUncached(t, width)));

/** Rows in which two rasters of the same width differ. */
function differingRows(a: Raster, b: Raster): number[] {
  const stride = a.width >> 3;
  const rows: number[] = [];
  for (let y = 0; y < Math.max(a.height, b.height); y++) {
    for (let i = 0; i < stride; i++)
      if (a.bits[y * stride + i] !== b.bits[y * stride + i]) {
        rows.push(y);
        break;
      }
  }
  return rows;
}

const SERVICES = [
  ['طلب إسكاني جديد', 'New housing application'],
  ['استلام وحدة', 'Unit handover'],
  [
    'طلب تحديث بيانات أفراد الأسرة وبيانات الاتصال والحساب المصرفي (الآيبان) لطلب إسكاني قائم',
    'Update of family members, contact details and bank account (IBAN) of an existing housing application',
  ],
] as const;

/** A day at the kiosk: numbers, kinds, services (one that wraps), queue and wait, minutes and URLs change. */
function dayOfTickets(n: number): TicketPrint[] {
  return Array.from({ length: n }, (_, i) => {
    const [ar, en] = SERVICES[i % SERVICES.length]!;
    return sampleTicket({
      ticketLabel: i === 7 ? 'APPT-000123' : `${'ABW'[i % 3]}-${String(i * 7).padStart(3, '0')}`,
      kind: i % 4 === 0 ? 'appointment' : 'walkin',
      serviceNameAr: ar,
      serviceNameEn: en,
      peopleAhead: [0, 3, 5, 12, 3][i % 5]!,
      estimatedWaitMin: [null, 0.5, 2, 12, 45][i % 5]!,
      issuedAt: Date.UTC(2026, 10, 26, 7, 35) + Math.floor(i / 2) * 60_000 + (i > 9 ? 86_400_000 : 0),
      statusUrl: i % 3 === 2 ? `https://queue.housing.example.bh/t/${'k'.repeat(40)}${i}` : `http://192.168.1.10:8080/t/demo-${i}xK9mP4wZ`,
    });
  });
}

describe('cached rendering equals a fresh one-canvas render', () => {
  beforeEach(() => clearRenderCache());

  it('for a run of different tickets on 58 and 80 mm, interleaved, byte for byte', () => {
    const tickets = dayOfTickets(14);
    for (const t of tickets) {
      for (const width of [58, 80] as const) {
        const fast = bytes(t, width);
        expect(fast.equals(freshBytes(t, width)), `${t.ticketLabel} on ${width} mm`).toBe(true);
        // Again, now from the cache: still the same bytes.
        expect(bytes(t, width).equals(fast)).toBe(true);
      }
    }
    const s = renderCacheStats();
    expect(s.hits).toBeGreaterThan(s.misses); // the fixed parts really came from the cache…
    expect(s.fallbacks).toBe(0); // …and no ticket needed the one-canvas fallback
  });

  it('copies the fixed parts instead of drawing them again', () => {
    renderTicket(sampleTicket({ ticketLabel: 'A-001' }), 80);
    const before = renderCacheStats();
    renderTicket(sampleTicket({ ticketLabel: 'A-002' }), 80); // only the number differs
    const after = renderCacheStats();
    expect(after.misses).toBe(before.misses);
    expect(after.hits).toBeGreaterThan(before.hits);
    // Another width is another key: nothing drawn for 80 mm stands in for 58 mm.
    renderTicket(sampleTicket({ ticketLabel: 'A-003' }), 58);
    expect(renderCacheStats().misses).toBeGreaterThan(after.misses);
  });

  for (const width of [58, 80] as const) {
    it(`${width} mm: a new hall name changes the top of the next ticket, and only the top`, () => {
      // Names that take one line each on both widths, so nothing below them moves.
      const hall = sampleTicket({ hallName: { ar: 'قاعة خدمة العملاء', en: 'Customer Service Hall' } });
      const before = renderTicket(hall, width);
      const renamed = sampleTicket({ hallName: { ar: 'قاعة المحرق', en: 'Muharraq Hall' } });
      const after = renderTicket(renamed, width);
      expect(after.height).toBe(before.height);
      expect(Buffer.from(encodeTicket(after)).equals(freshBytes(renamed, width))).toBe(true);
      const rows = differingRows(before, after);
      expect(rows.length).toBeGreaterThan(20);
      expect(rows[rows.length - 1]!).toBeLessThan(after.height / 5);
      // And back: the old name prints as before.
      expect(Buffer.from(renderTicket(hall, width).bits).equals(Buffer.from(before.bits))).toBe(true);
    });

    it(`${width} mm: a new footer changes the bottom of the next ticket, and only the bottom`, () => {
      const before = renderTicket(sampleTicket(), width);
      const changed = sampleTicket({ footer: { ar: 'نتمنى لكم يوماً سعيداً', en: 'Have a nice day' } });
      const after = renderTicket(changed, width);
      expect(Buffer.from(encodeTicket(after)).equals(freshBytes(changed, width))).toBe(true);
      const rows = differingRows(before, after);
      expect(rows.length).toBeGreaterThan(20);
      expect(rows[0]!).toBeGreaterThan(before.height * 0.75);
    });
  }

  it('draws the one-canvas way where two blocks would blend (marks stacked past the line), and prints the same', () => {
    const stacked = `ب${'\u064c'.repeat(14)}`; // beh under fourteen dammatan: ink far above its line
    const t = sampleTicket({ hallName: { ar: stacked, en: 'Hall' }, serviceNameAr: stacked, footer: { ar: stacked, en: 'x' } });
    for (const width of [58, 80] as const) expect(bytes(t, width).equals(freshBytes(t, width))).toBe(true);
    expect(renderCacheStats().fallbacks).toBeGreaterThan(0);
    expect(renderCacheStats().strips).toBe(0); // nothing from a ticket it could not vouch for is kept
  });

  it('a wrapped service name moves the rest of the ticket down, and the moved parts still match', () => {
    const [ar, en] = SERVICES[2];
    for (const width of [58, 80] as const) {
      renderTicket(sampleTicket(), width); // footer etc. cached at their usual height
      const long = sampleTicket({ serviceNameAr: ar, serviceNameEn: en });
      const r = renderTicket(long, width);
      expect(r.height).toBeGreaterThan(renderTicket(sampleTicket(), width).height);
      expect(Buffer.from(encodeTicket(r)).equals(freshBytes(long, width))).toBe(true);
    }
    expect(renderCacheStats().fallbacks).toBe(0);
  });
});
