// The printing stack: ticket layout → 1-bit raster (Arabic shaped by Skia) → ESC/POS → printer.
import { encodeTicket, encodeTicketText, type TextCodepage } from './escpos.ts';
import { renderTicket, type PaperWidth } from './render/index.ts';
import type { TicketPrint } from './ticket.ts';
import { sendToPrinter, type PrintResult, type SendOptions } from './transports.ts';

export * from './ticket.ts';
export * from './render/index.ts';
export * from './escpos.ts';
export * from './decode.ts';
export * from './preview.ts';
export * from './transports.ts';

export interface PrintTicketOptions extends SendOptions {
  width: PaperWidth;
  /** 'raster' (default): the whole ticket as an image, Arabic always right. 'text': the printer's own font and code page. */
  mode?: 'raster' | 'text';
  codepage?: TextCodepage;
}

/** The bytes of a ticket for a printer, without sending them. */
export function ticketBytes(t: TicketPrint, opts: { width: PaperWidth; mode?: 'raster' | 'text'; codepage?: TextCodepage }): Uint8Array {
  return opts.mode === 'text' ? encodeTicketText(t, opts.width, opts.codepage ? { codepage: opts.codepage } : {}) : encodeTicket(renderTicket(t, opts.width));
}

/**
 * Renders, encodes and sends one ticket. Never throws for printer trouble (the result says what
 * happened and carries the exact bytes, so a caller can retry or keep them).
 */
export async function printTicket(t: TicketPrint, target: string, opts: PrintTicketOptions): Promise<PrintResult & { bytes: Uint8Array }> {
  const bytes = ticketBytes(t, opts);
  const result = await sendToPrinter(target, bytes, opts);
  return { ...result, bytes };
}
