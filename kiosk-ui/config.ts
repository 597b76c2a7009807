// Kiosk timings. The idle time is the hall's setting (`kioskIdleSeconds`, changed live by an
// admin); tests and installers may pin any timing with query parameters (`/kiosk?idle=2000`) or by
// setting `window.__kiosk` before the app starts.
//
//   idle           back to the start screen (and Arabic) after this long without a touch (the hall's setting; 30 s until it is known)
//   ticketMs       how long a ticket stays on screen (default idle / 2)
//   ticketFailedMs the same when printing failed, time to photograph the QR (default idle × 2)
//   scanGapMs      max gap between keystrokes of a keyboard-wedge scanner burst (50 ms)
import { DEFAULT_SETTINGS, type Settings } from '../protocol/domain.ts';
import { positive } from '../ui-kit/query.ts';

/** The timings pinned at start; null: follow the hall's idle time. */
export interface KioskConfig {
  idleMs: number | null;
  ticketMs: number | null;
  ticketFailedMs: number | null;
  scanGapMs: number;
}

export interface KioskTimings {
  idleMs: number;
  ticketMs: number;
  ticketFailedMs: number;
}

declare global {
  interface Window {
    __kiosk?: Partial<KioskConfig>;
  }
}

export function readConfig(search: string = location.search, preset: Partial<KioskConfig> = window.__kiosk ?? {}): KioskConfig {
  const q = new URLSearchParams(search);
  return {
    idleMs: positive(q.get('idle')) ?? positive(preset.idleMs) ?? null,
    ticketMs: positive(q.get('ticketMs')) ?? positive(preset.ticketMs) ?? null,
    ticketFailedMs: positive(q.get('ticketFailedMs')) ?? positive(preset.ticketFailedMs) ?? null,
    scanGapMs: positive(q.get('scanGap')) ?? positive(preset.scanGapMs) ?? 50,
  };
}

/** The timings in force: what was pinned, else the hall's idle time (the default one until the kiosk has the hall's settings). */
export function kioskTimings(config: KioskConfig, settings: Pick<Settings, 'kioskIdleSeconds'> | null): KioskTimings {
  const idleMs = config.idleMs ?? (settings ?? DEFAULT_SETTINGS).kioskIdleSeconds * 1000;
  return {
    idleMs,
    ticketMs: config.ticketMs ?? Math.round(idleMs / 2),
    ticketFailedMs: config.ticketFailedMs ?? idleMs * 2,
  };
}
