// An ESC/POS decoder: turns the byte stream a printer would receive back into commands, text lines,
// raster images and QR payloads. It is the virtual printer's preview and the tests' eye, so it is
// strict about lengths (a truncated command is reported, never guessed) and skips, by their known
// lengths, the common commands it does not render.
import { PNG } from 'pngjs';
import { CP864_HIGH } from './escpos.ts';

export interface DecodedImage {
  width: number;
  height: number;
  bits: Uint8Array;
}

export interface TextStyle {
  align: 'left' | 'center' | 'right';
  bold: boolean;
  width: number;
  height: number;
}

/** What came out of the printer, in paper order (the preview draws these). */
export type Block =
  | { kind: 'text'; text: string; style: TextStyle; codepage: number }
  | { kind: 'image'; index: number }
  | { kind: 'qr'; data: string; module: number; level: 'L' | 'M' | 'Q' | 'H' }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut' };

export interface Decoded {
  /** One entry per command, e.g. 'init', 'raster', 'qr', 'text', 'lf', 'cut'. */
  commands: string[];
  /** Text lines, as printed (code-page text is decoded to Unicode). */
  text: string[];
  /** Raster images; consecutive GS v 0 bands of one width are joined into one image. */
  images: DecodedImage[];
  cut: boolean;
  /** Payloads of the QR codes the printer was asked to print (GS ( k). */
  qr: string[];
  blocks: Block[];
  /** Unknown commands, truncated data. Empty for a well-formed stream. */
  warnings: string[];
}

const ESC = 0x1b,
  GS = 0x1d,
  FS = 0x1c,
  DLE = 0x10,
  LF = 0x0a,
  CR = 0x0d,
  HT = 0x09;

// ESC commands with a fixed number of parameter bytes (the ones not handled specially below).
const ESC_PARAMS: Record<number, [string, number]> = {
  0x20: ['char-spacing', 1],
  0x21: ['mode', 1],
  0x25: ['user-chars', 1],
  0x2d: ['underline', 1],
  0x32: ['linespacing', 0],
  0x33: ['linespacing', 1],
  0x3c: ['home', 0],
  0x3d: ['peripheral', 1],
  0x3f: ['cancel-user-char', 1],
  0x45: ['bold', 1],
  0x47: ['double-strike', 1],
  0x4a: ['feed', 1],
  0x4c: ['page-mode', 0],
  0x4d: ['font', 1],
  0x52: ['charset', 1],
  0x53: ['standard-mode', 0],
  0x54: ['direction', 1],
  0x55: ['unidirectional', 1],
  0x56: ['rotate', 1],
  0x61: ['align', 1],
  0x64: ['feed', 1],
  0x65: ['reverse-feed', 1],
  0x69: ['cut', 0],
  0x6d: ['cut', 0],
  0x70: ['pulse', 3],
  0x72: ['color', 1],
  0x74: ['codepage', 1],
  0x7b: ['upside-down', 1],
  0x24: ['position', 2],
  0x5c: ['position', 2],
  0x0c: ['page-print', 0],
};
// GS commands with a fixed number of parameter bytes.
const GS_PARAMS: Record<number, [string, number]> = {
  0x21: ['size', 1],
  0x42: ['reverse', 1],
  0x48: ['barcode-hri', 1],
  0x49: ['printer-id', 1],
  0x4c: ['left-margin', 2],
  0x50: ['motion-units', 2],
  0x57: ['print-width', 2],
  0x61: ['auto-status', 1],
  0x62: ['smoothing', 1],
  0x66: ['barcode-font', 1],
  0x68: ['barcode-height', 1],
  0x72: ['status-query', 1],
  0x77: ['barcode-width', 1],
  0x24: ['position', 2],
  0x5c: ['position', 2],
  0x2f: ['print-downloaded', 1],
  0x3a: ['macro', 0],
  0x5e: ['macro', 3],
};

/** Bytes 0x80–0xFF of CP437, the printers' default code page (box drawing for rules, accents). */
const CP437_HIGH = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■ ';

/** ESC t n → code page, for the pages the decoder can turn into Unicode (Epson numbering). */
function decodeByte(b: number, page: number): string {
  if (b < 0x80) return String.fromCharCode(b);
  if (page === 0) return CP437_HIGH[b - 0x80]!;
  if (page === 37) return String.fromCharCode(CP864_HIGH[b - 0x80] ?? 0xfffd);
  const label = page === 50 ? 'windows-1256' : page === 16 ? 'windows-1252' : null;
  if (label) return new TextDecoder(label).decode(Uint8Array.of(b));
  return '\ufffd';
}

export function decodeEscPos(input: Uint8Array): Decoded {
  const bytes = input;
  const out: Decoded = { commands: [], text: [], images: [], cut: false, qr: [], blocks: [], warnings: [] };
  let style: TextStyle = { align: 'left', bold: false, width: 1, height: 1 };
  let page = 0;
  let line = '';
  let lineStyle: TextStyle | null = null;
  let qrData: string | null = null;
  let qrModule = 3;
  let qrLevel: 'L' | 'M' | 'Q' | 'H' = 'L';
  // The image being built from consecutive raster bands (or ESC * strips) of one width.
  let open: { width: number; chunks: Uint8Array[]; rows: number; mode: 'raster' | 'column' } | null = null;

  const closeImage = () => {
    if (!open) return;
    const stride = open.width >> 3;
    const bits = new Uint8Array(stride * open.rows);
    let o = 0;
    for (const c of open.chunks) {
      bits.set(c, o);
      o += c.length;
    }
    out.images.push({ width: open.width, height: open.rows, bits });
    out.blocks.push({ kind: 'image', index: out.images.length - 1 });
    open = null;
  };
  const flushLine = (feed: boolean) => {
    if (line.length) {
      closeImage();
      out.text.push(line);
      out.blocks.push({ kind: 'text', text: line, style: lineStyle ?? style, codepage: page });
    } else if (feed) {
      if (open?.mode !== 'column') closeImage();
      if (!open) {
        const last = out.blocks[out.blocks.length - 1];
        if (last?.kind === 'feed') last.lines++;
        else out.blocks.push({ kind: 'feed', lines: 1 });
      }
    }
    line = '';
    lineStyle = null;
  };
  const need = (i: number, n: number, what: string) => {
    if (i + n > bytes.length) {
      out.warnings.push(`truncated ${what} at byte ${i}: needs ${n} bytes, ${bytes.length - i} left`);
      return false;
    }
    return true;
  };

  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === LF) {
      out.commands.push('lf');
      flushLine(true);
      i++;
      continue;
    }
    if (b === CR) {
      i++;
      continue;
    }
    if (b === HT) {
      line += '\t';
      i++;
      continue;
    }

    if (b === ESC) {
      if (!need(i, 2, 'ESC command')) break;
      const c = bytes[i + 1]!;
      if (c === 0x40) {
        out.commands.push('init');
        style = { align: 'left', bold: false, width: 1, height: 1 };
        page = 0;
        i += 2;
        continue;
      }
      if (c === 0x2a) {
        // ESC * m nL nH d…: column bit image, 8 or 24 dots tall
        if (!need(i, 5, 'ESC *')) break;
        const m = bytes[i + 2]!;
        const n = bytes[i + 3]! | (bytes[i + 4]! << 8);
        const dotsTall = m >= 32 ? 24 : 8;
        const len = n * (dotsTall / 8);
        if (!need(i + 5, len, 'ESC * data')) break;
        flushLine(false);
        out.commands.push('column-image');
        const width = Math.ceil(n / 8) * 8;
        const stride = width >> 3;
        const strip = new Uint8Array(stride * dotsTall);
        for (let x = 0; x < n; x++) {
          for (let k = 0; k < dotsTall / 8; k++) {
            const v = bytes[i + 5 + x * (dotsTall / 8) + k]!;
            for (let bit = 0; bit < 8; bit++) if (v & (0x80 >> bit)) strip[(k * 8 + bit) * stride + (x >> 3)]! |= 0x80 >> (x & 7);
          }
        }
        if (!open || open.width !== width || open.mode !== 'column') {
          closeImage();
          open = { width, chunks: [], rows: 0, mode: 'column' };
        }
        open.chunks.push(strip);
        open.rows += dotsTall;
        i += 5 + len;
        continue;
      }
      if (c === 0x44) {
        // ESC D n1 … NUL: tab positions
        let j = i + 2;
        while (j < bytes.length && bytes[j] !== 0) j++;
        out.commands.push('tabs');
        i = j + 1;
        continue;
      }
      const spec = ESC_PARAMS[c];
      if (!spec) {
        out.warnings.push(`unknown command ESC 0x${c.toString(16)} at byte ${i}`);
        out.commands.push('unknown');
        i += 2;
        continue;
      }
      const [name, n] = spec;
      if (!need(i + 2, n, `ESC ${name}`)) break;
      const p = bytes[i + 2] ?? 0;
      if (name === 'align') style = { ...style, align: (['left', 'center', 'right'] as const)[p % 48] ?? 'left' };
      else if (name === 'bold') style = { ...style, bold: (p & 1) === 1 };
      else if (name === 'mode') style = { ...style, bold: (p & 0x08) !== 0, height: p & 0x10 ? 2 : 1, width: p & 0x20 ? 2 : 1 };
      else if (name === 'codepage') page = p;
      else if (name === 'feed' && c === 0x64) {
        flushLine(false);
        closeImage();
        out.blocks.push({ kind: 'feed', lines: p });
      } else if (name === 'cut') {
        flushLine(false);
        closeImage();
        out.cut = true;
        out.blocks.push({ kind: 'cut' });
      }
      out.commands.push(name);
      i += 2 + n;
      continue;
    }

    if (b === GS) {
      if (!need(i, 2, 'GS command')) break;
      const c = bytes[i + 1]!;
      if (c === 0x76) {
        // GS v 0 m xL xH yL yH d…: raster bit image
        if (!need(i, 8, 'GS v 0')) break;
        if (bytes[i + 2] !== 0x30) {
          out.warnings.push(`GS v with unknown function 0x${bytes[i + 2]!.toString(16)} at byte ${i}`);
          i += 3;
          continue;
        }
        const stride = bytes[i + 4]! | (bytes[i + 5]! << 8);
        const rows = bytes[i + 6]! | (bytes[i + 7]! << 8);
        const len = stride * rows;
        if (!need(i + 8, len, 'GS v 0 data')) break;
        flushLine(false);
        out.commands.push('raster');
        const width = stride * 8;
        if (!open || open.width !== width || open.mode !== 'raster') {
          closeImage();
          open = { width, chunks: [], rows: 0, mode: 'raster' };
        }
        open.chunks.push(bytes.slice(i + 8, i + 8 + len));
        open.rows += rows;
        i += 8 + len;
        continue;
      }
      if (c === 0x56) {
        // GS V m [n]: cut
        if (!need(i, 3, 'GS V')) break;
        const m = bytes[i + 2]!;
        const withFeed = m === 65 || m === 66 || m === 97 || m === 98 || m === 103 || m === 104;
        if (withFeed && !need(i, 4, 'GS V m n')) break;
        flushLine(false);
        closeImage();
        out.commands.push('cut');
        out.cut = true;
        out.blocks.push({ kind: 'cut' });
        i += withFeed ? 4 : 3;
        continue;
      }
      if (c === 0x28) {
        // GS ( X pL pH …: function with a length
        if (!need(i, 5, 'GS (')) break;
        const fnClass = bytes[i + 2]!;
        const len = bytes[i + 3]! | (bytes[i + 4]! << 8);
        if (!need(i + 5, len, 'GS ( data')) break;
        const body = bytes.subarray(i + 5, i + 5 + len);
        if (fnClass === 0x6b && body[0] === 49) {
          // GS ( k, cn = 49: QR code
          const fn = body[1];
          if (fn === 65) out.commands.push('qr-model');
          else if (fn === 67) {
            qrModule = body[2] ?? qrModule;
            out.commands.push('qr-size');
          } else if (fn === 69) {
            qrLevel = (['L', 'M', 'Q', 'H'] as const)[(body[2] ?? 48) - 48] ?? 'L';
            out.commands.push('qr-error');
          } else if (fn === 80) {
            qrData = new TextDecoder().decode(body.subarray(3));
            out.commands.push('qr-store');
          } else if (fn === 81) {
            flushLine(false);
            closeImage();
            out.commands.push('qr');
            if (qrData === null) out.warnings.push(`QR print without stored data at byte ${i}`);
            else {
              out.qr.push(qrData);
              out.blocks.push({ kind: 'qr', data: qrData, module: qrModule, level: qrLevel });
            }
          } else out.commands.push('qr-other');
        } else {
          out.commands.push(fnClass === 0x6b ? 'symbol' : `gs(${String.fromCharCode(fnClass)}`);
        }
        i += 5 + len;
        continue;
      }
      if (c === 0x38 && bytes[i + 2] === 0x4c) {
        // GS 8 L p1 p2 p3 p4 …: large graphics data
        if (!need(i, 7, 'GS 8 L')) break;
        const len = bytes[i + 3]! + bytes[i + 4]! * 256 + bytes[i + 5]! * 65536 + bytes[i + 6]! * 16777216;
        out.commands.push('graphics');
        i += 7 + len;
        continue;
      }
      if (c === 0x6b) {
        // GS k m …: barcode
        if (!need(i, 3, 'GS k')) break;
        const m = bytes[i + 2]!;
        let end: number;
        if (m <= 6) {
          end = i + 3;
          while (end < bytes.length && bytes[end] !== 0) end++;
          end++;
        } else {
          if (!need(i, 4, 'GS k m n')) break;
          end = i + 4 + bytes[i + 3]!;
        }
        flushLine(false);
        closeImage();
        out.commands.push('barcode');
        i = end;
        continue;
      }
      if (c === 0x2a) {
        // GS * x y d…: define downloaded bit image
        if (!need(i, 4, 'GS *')) break;
        out.commands.push('download-image');
        i += 4 + bytes[i + 2]! * bytes[i + 3]! * 8;
        continue;
      }
      const spec = GS_PARAMS[c];
      if (!spec) {
        out.warnings.push(`unknown command GS 0x${c.toString(16)} at byte ${i}`);
        out.commands.push('unknown');
        i += 2;
        continue;
      }
      const [name, n] = spec;
      if (!need(i + 2, n, `GS ${name}`)) break;
      if (name === 'size') {
        const p = bytes[i + 2]!;
        style = { ...style, width: ((p >> 4) & 7) + 1, height: (p & 7) + 1 };
      }
      out.commands.push(name);
      i += 2 + n;
      continue;
    }

    if (b === FS) {
      if (!need(i, 2, 'FS command')) break;
      const c = bytes[i + 1]!;
      const params: Record<number, [string, number]> = {
        0x2e: ['kanji-off', 0],
        0x26: ['kanji-on', 0],
        0x21: ['kanji-mode', 1],
        0x2d: ['kanji-underline', 1],
        0x43: ['kanji-code', 1],
        0x53: ['kanji-spacing', 2],
        0x57: ['kanji-quad', 1],
        0x70: ['nv-image', 2],
      };
      const spec = params[c];
      if (!spec) {
        out.warnings.push(`unknown command FS 0x${c.toString(16)} at byte ${i}`);
        out.commands.push('unknown');
        i += 2;
        continue;
      }
      if (!need(i + 2, spec[1], `FS ${spec[0]}`)) break;
      out.commands.push(spec[0]);
      i += 2 + spec[1];
      continue;
    }

    if (b === DLE) {
      if (!need(i, 3, 'DLE command')) break;
      const c = bytes[i + 1]!;
      if (c === 0x04) {
        out.commands.push('status-query');
        i += 3;
        continue;
      }
      if (c === 0x05) {
        out.commands.push('realtime-request');
        i += 3;
        continue;
      }
      if (c === 0x14) {
        if (!need(i, 5, 'DLE DC4')) break;
        out.commands.push('realtime-command');
        i += 5;
        continue;
      }
      out.warnings.push(`unknown command DLE 0x${c.toString(16)} at byte ${i}`);
      out.commands.push('unknown');
      i += 2;
      continue;
    }

    if (b < 0x20) {
      out.warnings.push(`control byte 0x${b.toString(16)} at byte ${i}`);
      i++;
      continue;
    }

    // Printable text in the current code page. A line's style is that of its visible characters
    // (encoders centre text with leading spaces printed before the size or bold is switched on).
    if (!line.length) {
      if (open) closeImage();
      out.commands.push('text');
    }
    if (b !== 0x20) {
      lineStyle = lineStyle
        ? {
            align: lineStyle.align,
            bold: lineStyle.bold || style.bold,
            width: Math.max(lineStyle.width, style.width),
            height: Math.max(lineStyle.height, style.height),
          }
        : style;
    }
    line += decodeByte(b, page);
    i++;
  }
  flushLine(false);
  closeImage();
  return out;
}

/** A 1-bit image as a black-on-white PNG. */
export function rasterToPng(img: DecodedImage): Buffer {
  const png = new PNG({ width: img.width, height: img.height, colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
  const stride = img.width >> 3;
  const grey = Buffer.alloc(img.width * img.height, 0xff);
  for (let y = 0; y < img.height; y++) {
    for (let xb = 0; xb < stride; xb++) {
      const v = img.bits[y * stride + xb]!;
      if (!v) continue;
      for (let b = 0; b < 8; b++) if (v & (0x80 >> b)) grey[y * img.width + xb * 8 + b] = 0;
    }
  }
  png.data = grey;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
}
