import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { type Block, type Layout, metricsOf, type Op, type Raster } from './layout.ts';
import { draw, packRow, WHITE, words } from './reference.ts';

// Blocks as 1-bit strips.

/**
 * A block's image: full-width 1-bit rows from `top` (relative to the block's origin, the y of its
 * first op) over `rows` rows. Trimmed to the rows holding a non-white pixel: the first and the
 * last row are not blank, so [top, top + rows) is also where the block leaves any grey at all.
 */
interface Strip {
  top: number;
  rows: number;
  bits: Uint8Array;
}

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
        for (let c = 0; c < size; ) {
          if (!data[r * size + c]) {
            c++;
            continue;
          }
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

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

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
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i]!,
          b = out[j]!;
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
export const strips = new Map<string, Strip>();
const MAX_STRIPS = 400;
export const stats = { hits: 0, misses: 0, fallbacks: 0 };

/** Everything that decides a block's pixels (texts, styles, positions relative to its origin, the width). */
function blockKey(ops: readonly Op[], width: number, origin: number): string {
  return JSON.stringify([
    width,
    ...ops.map((op) => (op.kind === 'qr' ? [op.x, op.y - origin, op.scale, op.modules.size, Array.from(op.modules.data)] : { ...op, y: op.y - origin })),
  ]);
}

/**
 * The ticket from its blocks' strips: cached, set as whole dots, or drawn now. Null when the fast
 * path cannot vouch for the result (ink beyond its measured bounds, or two blocks' grey rows
 * meeting, where one canvas would have blended them): then one canvas decides.
 */
export function compose(L: Layout, height: number): Raster | null {
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

  const spans = placed
    .filter((p) => p.strip.rows > 0)
    .map((p) => ({ at: p.origin + p.strip.top, strip: p.strip }))
    .sort((a, b) => a.at - b.at);
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
