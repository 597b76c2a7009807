// Kiosk timings. Defaults suit a hall; tests shorten them with query parameters
// (`/kiosk?idle=2000`) or by setting `window.__kiosk` before the app starts.
//
//   idle           back to the start screen (and Arabic) after this long without a touch (30 s)
//   ticketMs       how long a ticket stays on screen (default idle / 2 = 15 s)
//   ticketFailedMs the same when printing failed, time to photograph the QR (default idle × 2 = 60 s)
//   scanGapMs      max gap between keystrokes of a keyboard-wedge scanner burst (50 ms)
import { positive } from '../ui-kit/query.ts';

export interface KioskConfig {
  idleMs: number;
  ticketMs: number;
  ticketFailedMs: number;
  scanGapMs: number;
}

declare global {
  interface Window {
    __kiosk?: Partial<KioskConfig>;
  }
}

export function readConfig(search: string = location.search, preset: Partial<KioskConfig> = window.__kiosk ?? {}): KioskConfig {
  const q = new URLSearchParams(search);
  const idleMs = positive(q.get('idle')) ?? positive(preset.idleMs) ?? 30_000;
  return {
    idleMs,
    ticketMs: positive(q.get('ticketMs')) ?? positive(preset.ticketMs) ?? Math.round(idleMs / 2),
    ticketFailedMs: positive(q.get('ticketFailedMs')) ?? positive(preset.ticketFailedMs) ?? idleMs * 2,
    scanGapMs: positive(q.get('scanGap')) ?? positive(preset.scanGapMs) ?? 50,
  };
}
