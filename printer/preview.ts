// A picture of the paper for a decoded job that is more than one raster image (text mode, native
// QR codes): the virtual printer's preview. A raster-only job is previewed by `rasterToPng` alone.
import { createCanvas } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import type { Decoded } from './decode.ts';
import { FONT_FAMILY } from './render/index.ts';

/** Font A of most 203-dpi printers: 12×24 dots; a text line advances 30 dots (default spacing). */
const CHAR_H = 24;
const CHAR_W = 12;
const LINE_H = 30;

export function previewPng(d: Decoded, opts: { width?: number } = {}): Buffer {
  const textWidth = (b: Extract<Decoded['blocks'][number], { kind: 'text' }>) => {
    const lead = b.text.length - b.text.trimStart().length;
    return (lead + [...b.text.trimStart()].length * b.style.width) * CHAR_W;
  };
  const width = opts.width ?? Math.ceil(Math.max(384, ...d.images.map((i) => i.width), ...d.blocks.map((b) => (b.kind === 'text' ? textWidth(b) : 0))) / 8) * 8;
  const qrSide = (data: string, module: number, level: 'L' | 'M' | 'Q' | 'H') =>
    (QRCode.create(data, { errorCorrectionLevel: level }).modules.size + 8) * module;

  // First pass: height.
  let height = 8;
  for (const b of d.blocks) {
    if (b.kind === 'text') height += LINE_H * b.style.height;
    else if (b.kind === 'image') height += d.images[b.index]!.height;
    else if (b.kind === 'qr') height += qrSide(b.data, b.module, b.level);
    else if (b.kind === 'feed') height += LINE_H * b.lines;
    else height += 12;
  }

  const canvas = createCanvas(width, Math.max(height, 16));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, canvas.height);
  ctx.fillStyle = '#000';
  let y = 8;
  for (const b of d.blocks) {
    if (b.kind === 'text') {
      // A printer's font is fixed-pitch: each character in its own 12-dot cell (wider when the size
      // is doubled). Encoders align code-page text with spaces, printed before the size changes.
      const h = LINE_H * b.style.height;
      const lead = b.text.length - b.text.trimStart().length;
      ctx.save();
      ctx.font = `${b.style.bold ? 700 : 400} ${CHAR_H - 4}px ${FONT_FAMILY.latin}, ${FONT_FAMILY.arabic}`;
      ctx.textAlign = 'center';
      let col = lead;
      for (const ch of b.text.trimStart()) {
        ctx.save();
        ctx.translate((col + b.style.width / 2) * CHAR_W, y + h - 8);
        ctx.scale(b.style.width, b.style.height);
        ctx.fillText(ch, 0, 0);
        ctx.restore();
        col += b.style.width;
      }
      ctx.restore();
      y += h;
    } else if (b.kind === 'image') {
      const img = d.images[b.index]!;
      const stride = img.width >> 3;
      for (let r = 0; r < img.height; r++) {
        for (let x = 0; x < img.width; x++) {
          if ((img.bits[r * stride + (x >> 3)]! >> (7 - (x & 7))) & 1) ctx.fillRect(x, y + r, 1, 1);
        }
      }
      y += img.height;
    } else if (b.kind === 'qr') {
      const { modules } = QRCode.create(b.data, { errorCorrectionLevel: b.level });
      const side = (modules.size + 8) * b.module;
      const x0 = Math.round((width - side) / 2) + 4 * b.module;
      const y0 = y + 4 * b.module;
      for (let r = 0; r < modules.size; r++) {
        for (let c = 0; c < modules.size; c++) if (modules.data[r * modules.size + c]) ctx.fillRect(x0 + c * b.module, y0 + r * b.module, b.module, b.module);
      }
      y += side;
    } else if (b.kind === 'feed') {
      y += LINE_H * b.lines;
    } else {
      for (let x = 0; x < width; x += 12) ctx.fillRect(x, y + 5, 6, 2);
      y += 12;
    }
  }
  return canvas.toBuffer('image/png');
}
