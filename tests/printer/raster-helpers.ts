// Small readers of 1-bit rasters for the printer tests: ink counts, bounding boxes, connected
// components, and a QR read with jsQR.
import * as jsqrModule from 'jsqr';
import { PNG } from 'pngjs';
import type { Raster } from '../../printer/render/index.ts';

// jsqr is a CommonJS bundle whose typings say `export default`: take the function from wherever
// the loader put it.
type JsQr = typeof import('jsqr').default;
const jsqrAny = jsqrModule as unknown as { default: JsQr | { default: JsQr } };
const jsQR: JsQr = typeof jsqrAny.default === 'function' ? jsqrAny.default : jsqrAny.default.default;

export const ink = (r: Raster, x: number, y: number): boolean => ((r.bits[y * (r.width >> 3) + (x >> 3)]! >> (7 - (x & 7))) & 1) === 1;

export function countInk(r: Raster, x0 = 0, y0 = 0, x1 = r.width, y1 = r.height): number {
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (ink(r, x, y)) n++;
  return n;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Smallest box holding every black dot, or null for a blank raster. */
export function inkBox(r: Raster): Box | null {
  let box: Box | null = null;
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) {
      if (!ink(r, x, y)) continue;
      if (!box) box = { x0: x, y0: y, x1: x, y1: y };
      else {
        box.x0 = Math.min(box.x0, x);
        box.x1 = Math.max(box.x1, x);
        box.y0 = Math.min(box.y0, y);
        box.y1 = Math.max(box.y1, y);
      }
    }
  }
  return box;
}

export interface Component extends Box {
  size: number;
  cx: number;
}

/** 8-connected components of black dots, ignoring specks smaller than `minSize`. */
export function components(r: Raster, minSize = 4): Component[] {
  const seen = new Uint8Array(r.width * r.height);
  const out: Component[] = [];
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) {
      if (seen[y * r.width + x] || !ink(r, x, y)) continue;
      const c: Component = { x0: x, y0: y, x1: x, y1: y, size: 0, cx: 0 };
      const stack = [y * r.width + x];
      seen[y * r.width + x] = 1;
      let sumX = 0;
      while (stack.length) {
        const p = stack.pop()!;
        const px = p % r.width;
        const py = (p - px) / r.width;
        c.size++;
        sumX += px;
        c.x0 = Math.min(c.x0, px);
        c.x1 = Math.max(c.x1, px);
        c.y0 = Math.min(c.y0, py);
        c.y1 = Math.max(c.y1, py);
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const nx = px + dx,
              ny = py + dy;
            if (nx < 0 || ny < 0 || nx >= r.width || ny >= r.height) continue;
            const q = ny * r.width + nx;
            if (!seen[q] && ink(r, nx, ny)) {
              seen[q] = 1;
              stack.push(q);
            }
          }
        }
      }
      c.cx = sumX / c.size;
      if (c.size >= minSize) out.push(c);
    }
  }
  return out;
}

/** RGBA pixels of a PNG file's bytes. */
export function readPng(buf: Buffer): { width: number; height: number; data: Uint8ClampedArray } {
  const png = PNG.sync.read(buf);
  return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length) };
}

/** Reads the QR code in an RGBA image; returns its text and the size of one module in dots. */
export function readQr(img: { width: number; height: number; data: Uint8ClampedArray }, moduleCount: number): { text: string; modulePx: number } | null {
  const qr = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
  if (!qr) return null;
  const { topLeftFinderPattern: a, topRightFinderPattern: b } = qr.location;
  // Finder pattern centres are (modules − 7) modules apart.
  const modulePx = Math.hypot(b.x - a.x, b.y - a.y) / (moduleCount - 7);
  return { text: qr.data, modulePx };
}
