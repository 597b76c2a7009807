import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { cssFont, dirOf, type Op, type Raster } from './layout.ts';

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
export function paint(ops: readonly Op[], width: number, height: number): Raster {
  const ctx = canvasFor(width, height);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  for (const op of ops) draw(ctx, op);
  // Only the ticket's rows are read back (fewer bytes moved than the whole surface's data()).
  return threshold(ctx.getImageData(0, 0, width, height).data, width, height);
}

export function draw(ctx: SKRSContext2D, op: Op): void {
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
export const WHITE = 0xffffffff; // opaque white: the canvas is filled white and every colour drawn is opaque
const RED_SHIFT = LITTLE_ENDIAN ? 0 : 24;

/** The 32-bit view of RGBA bytes (copied first in the unlikely case they are not 4-byte aligned). */
export function words(rgba: Uint8Array | Uint8ClampedArray): Uint32Array {
  return rgba.byteOffset % 4 === 0 ? new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.length >> 2) : new Uint32Array(rgba.slice().buffer);
}

/**
 * Packs `w` pixels of one row (from word `p` on) into bytes at `bits[o…]`, MSB first, 1 = black.
 * `w` is a multiple of 8. Returns whether any pixel of the row is not white.
 */
export function packRow(px: Uint32Array, p: number, w: number, bits: Uint8Array, o: number): boolean {
  let grey = false;
  for (let end = p + w; p < end; p += 8, o++) {
    const a = px[p]!,
      b = px[p + 1]!,
      c = px[p + 2]!,
      d = px[p + 3]!,
      e = px[p + 4]!,
      f = px[p + 5]!,
      g = px[p + 6]!,
      h = px[p + 7]!;
    // Most of a ticket is paper: eight white pixels (their AND still all ones) are a 0 byte.
    if ((a & b & c & d & e & f & g & h) === -1) {
      bits[o] = 0;
      continue;
    }
    grey = true;
    bits[o] =
      (isBlack(a) << 7) | (isBlack(b) << 6) | (isBlack(c) << 5) | (isBlack(d) << 4) | (isBlack(e) << 3) | (isBlack(f) << 2) | (isBlack(g) << 1) | isBlack(h);
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
