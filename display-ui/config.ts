// Display timings. Defaults suit a hall; tests change them with query parameters
// (`/display?flash=2000&sound=0`) or by setting `window.__display` before the app starts.
//
//   flash        how long a new call stays highlighted (8 s)
//   recent       how many calls the "recent calls" list keeps (8)
//   heartbeat    how often /healthz is polled (10 s); a failed poll shows the "hub unreachable" banner
//   graceMs      a socket drop shorter than this shows no banner (2 s)
//   sound        0 = never play audio (announcements are still queued and recorded)
//   rotate       how long each ticker message stays (12 s)
import { positive } from '../ui-kit/query.ts';

export interface DisplayConfig {
  flashMs: number;
  recent: number;
  heartbeatMs: number;
  graceMs: number;
  sound: boolean;
  rotateMs: number;
}

declare global {
  interface Window {
    __display?: Partial<DisplayConfig>;
  }
}

export function readConfig(search: string = location.search, preset: Partial<DisplayConfig> = window.__display ?? {}): DisplayConfig {
  const q = new URLSearchParams(search);
  const sound = q.get('sound');
  return {
    flashMs: positive(q.get('flash')) ?? positive(preset.flashMs) ?? 8000,
    recent: Math.min(20, Math.round(positive(q.get('recent')) ?? positive(preset.recent) ?? 8)),
    heartbeatMs: positive(q.get('heartbeat')) ?? positive(preset.heartbeatMs) ?? 10_000,
    graceMs: positive(q.get('grace')) ?? positive(preset.graceMs) ?? 2000,
    sound: sound !== null ? sound !== '0' && sound !== 'off' : (preset.sound ?? true),
    rotateMs: positive(q.get('rotate')) ?? positive(preset.rotateMs) ?? 12_000,
  };
}
