// Benchmark — one printed ticket: layout + Arabic/Latin text + QR rendered to a 1-bit raster and
// encoded as ESC/POS (init, GS v 0 bands, cut), per paper width. The floor is the one-canvas
// pipeline with nothing drawn (fill a reused canvas of the ticket's size white, read the pixels
// back, threshold, encode): what a ticket cost before a single glyph or QR module was drawn when the
// whole ticket was one canvas. The renderer no longer reads a whole canvas back (the fixed parts —
// hall, kind band, service, date, footer — come from its cache of 1-bit strips, the QR code is set in
// the bits, only the ink boxes of new lines are read), so the ratio is no longer "the cost of
// drawing": it compares a whole ticket with that bare one-canvas read, and is below 1 when such a
// read is slow (large reads are, on the hub, when the kernel zeroes fresh memory for them). Every
// ticket here has a new number, queue position, wait and minute, so those lines are drawn every
// time (the worst case for the cache). The one-canvas uncached render (the reference the tests
// compare with) is timed too, in the log line.
// Then the encoding alone (80 mm): ours against a plain copy of the packed bits, and
// @point-of-sale/receipt-printer-encoder's own image() path (RGBA in, flatten + threshold + pack)
// against ours — the reason we pack the GS v 0 bands ourselves.
import { createCanvas } from '@napi-rs/canvas';
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { encodeTicket } from '../printer/escpos.ts';
import { renderCacheStats, renderTicket, renderTicketUncached, threshold, type PaperWidth } from '../printer/render/index.ts';
import { sampleTicket } from '../printer/ticket.ts';
import { log, median, nowNs, sinceUs, type Result } from './timing.ts';

const ROUNDS = 7;
const PER_ROUND = 20; // tickets per round
const WARMUP = 10;

/** Median µs per call of `fn`, over ROUNDS rounds of `n` calls, after a warm-up. */
function timeUs(fn: () => unknown, n = PER_ROUND, rounds = ROUNDS): number {
  for (let i = 0; i < WARMUP; i++) fn();
  const per: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = nowNs();
    for (let i = 0; i < n; i++) fn();
    per.push(sinceUs(start) / n);
  }
  return median(per);
}

export async function benchPrint(): Promise<Result[]> {
  const results: Result[] = [];
  // Distinct tickets: number, people ahead, wait and minute all new, so none of those lines is
  // served from the renderer's cache (only what a hall prints on every ticket is).
  let k = 0;
  const ticket = () => {
    k++;
    return sampleTicket({
      ticketLabel: `B-${String(k % 1000).padStart(3, '0')}`,
      peopleAhead: k,
      estimatedWaitMin: 1000 + k,
      issuedAt: Date.UTC(2026, 10, 26, 7, 35) + k * 60_000,
    });
  };

  for (const width of [58, 80] as const satisfies readonly PaperWidth[]) {
    const { width: dots, height } = renderTicket(ticket(), width);
    const canvas = createCanvas(dots, height); // reused, as the renderer reuses its canvas
    const ctx = canvas.getContext('2d');
    const blank = () => {
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, dots, height);
      return encodeTicket(threshold(ctx.getImageData(0, 0, dots, height).data, dots, height));
    };
    const full = () => encodeTicket(renderTicket(ticket(), width));
    const uncached = () => encodeTicket(renderTicketUncached(ticket(), width));
    // Alternate them so drift hits all.
    const fulls: number[] = [];
    const blanks: number[] = [];
    const uncacheds: number[] = [];
    const before = renderCacheStats();
    for (let r = 0; r < 3; r++) {
      blanks.push(timeUs(blank));
      fulls.push(timeUs(full));
      uncacheds.push(timeUs(uncached));
    }
    const after = renderCacheStats();
    const ms = median(fulls) / 1000;
    const floorMs = median(blanks) / 1000;
    log(
      `print ${width} mm (${dots}×${height} dots): render+encode ${ms.toFixed(2)} ms/ticket (best round ${(Math.min(...fulls) / 1000).toFixed(2)}), ` +
        `one-canvas uncached ${(median(uncacheds) / 1000).toFixed(2)} ms, blank canvas+encode ${floorMs.toFixed(2)} ms; ` +
        `block cache ${after.hits - before.hits} hits, ${after.misses - before.misses} misses, ${after.fallbacks - before.fallbacks} one-canvas fallbacks`,
    );
    results.push({
      name: `print_ticket.${width}mm`,
      value: ms,
      unit: 'ms/ticket',
      floor: floorMs,
      ratio: ms / floorMs,
      floorIs: 'blank canvas→1 bit→ESC/POS ms',
      ratioIs: 'ticket / blank one-canvas read',
    });
  }

  // Encoding only, 80 mm: our GS v 0 bands from packed rows vs the library's image() from RGBA.
  const raster = renderTicket(ticket(), 80);
  const rgba = new Uint8ClampedArray(raster.width * raster.height * 4).fill(255);
  for (let y = 0; y < raster.height; y++) {
    for (let x = 0; x < raster.width; x++) {
      if ((raster.bits[y * (raster.width >> 3) + (x >> 3)]! >> (7 - (x & 7))) & 1) rgba.fill(0, (y * raster.width + x) * 4, (y * raster.width + x) * 4 + 3);
    }
  }
  const copy = timeUs(() => raster.bits.slice(), 200);
  const ours = timeUs(() => encodeTicket(raster), 200);
  const lib = timeUs(
    () =>
      new ReceiptPrinterEncoder({ language: 'esc-pos', imageMode: 'raster' })
        .initialize()
        .image({ width: raster.width, height: raster.height, data: rgba }, raster.width, raster.height)
        .cut()
        .encode(),
    2,
    5,
  );
  log(`print encode only 80 mm: ours ${ours.toFixed(0)} µs (copying the bits ${copy.toFixed(0)} µs), library image() ${(lib / 1000).toFixed(1)} ms`);
  results.push({
    name: 'print_encode.80mm',
    value: ours,
    unit: 'µs/ticket',
    floor: copy,
    ratio: ours / copy,
    floorIs: 'copy of the packed bits µs',
    ratioIs: 'encode / copy',
  });
  results.push({
    name: 'print_encode_lib.80mm',
    value: lib,
    unit: 'µs/ticket',
    floor: ours,
    ratio: lib / ours,
    floorIs: 'our GS v 0 bands µs',
    ratioIs: 'lib image() / ours',
  });
  return results;
}
