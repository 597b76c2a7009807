// The live hall's alerts in this browser tab: which ones the supervisor acknowledged (by alert id,
// in sessionStorage, so a reload keeps them and another tab or person starts fresh) and the short
// tone that announces a new one, made with Web Audio (no sound file to ship).
import { useEffect, useRef, useState } from 'preact/hooks';
import { z } from 'zod';
import type { Alert } from '../engine/hall-stats.ts';

const ACK_KEY = 'dor.supervisor.acknowledgedAlerts';
const AlertIds = z.array(z.string().max(200)).max(500);

function loadAcknowledged(): ReadonlySet<string> {
  try {
    const parsed = AlertIds.safeParse(JSON.parse(sessionStorage.getItem(ACK_KEY) ?? '[]'));
    return new Set(parsed.success ? parsed.data : []);
  } catch {
    return new Set();
  }
}

function saveAcknowledged(ids: ReadonlySet<string>): void {
  try {
    sessionStorage.setItem(ACK_KEY, JSON.stringify([...ids]));
  } catch {
    // storage refused (private mode): the acknowledgements last for this page
  }
}

let audio: AudioContext | null = null;

/** Browsers start audio only after a gesture: called from the click that turns the sound on. */
export function armTone(): void {
  audio ??= new AudioContext();
  void audio.resume();
}

/** Two short falling notes, quiet enough for an office. */
function playTone(): void {
  if (!audio) return;
  const start = audio.currentTime;
  for (const [i, hz] of [880, 660].entries()) {
    const t = start + i * 0.18;
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = hz;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.25, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.16);
    osc.connect(gain).connect(audio.destination);
    osc.start(t);
    osc.stop(t + 0.18);
  }
}

export interface AlertList {
  /** Unacknowledged first (critical before warning, as hallAlerts orders them), then the acknowledged ones. */
  alerts: { alert: Alert; acknowledged: boolean }[];
  acknowledge(id: string): void;
  /** Tones played since the page opened (the screen shows it as a data attribute, for tests). */
  tones: number;
}

/**
 * The alerts with their acknowledgements. `current` is null until the hall and the devices are
 * known; then an acknowledgement whose alert has ended is dropped, so the same condition coming
 * back later alerts again. With `sound`, a new unacknowledged alert plays the tone.
 */
export function useAlertList(current: Alert[] | null, sound: boolean): AlertList {
  const [acknowledged, setAcknowledged] = useState(loadAcknowledged);
  const [tones, setTones] = useState(0);
  const seen = useRef<ReadonlySet<string> | null>(null);
  const ids = current?.map((a) => a.id).join('|') ?? null;

  useEffect(() => {
    if (current === null) return;
    const now = new Set(current.map((a) => a.id));
    const fresh = current.some((a) => !acknowledged.has(a.id) && seen.current !== null && !seen.current.has(a.id));
    // The alerts on show when the page opens are not news.
    seen.current = now;
    if (fresh && sound) {
      playTone();
      setTones((n) => n + 1);
    }
    const kept = new Set([...acknowledged].filter((id) => now.has(id)));
    if (kept.size !== acknowledged.size) {
      setAcknowledged(kept);
      saveAcknowledged(kept);
    }
    // `ids` stands for `current`: the figures are recomputed every second, the alerts change less often.
  }, [ids]);

  const alerts = (current ?? []).map((alert) => ({ alert, acknowledged: acknowledged.has(alert.id) }));
  return {
    alerts: [...alerts.filter((a) => !a.acknowledged), ...alerts.filter((a) => a.acknowledged)],
    acknowledge(id) {
      const next = new Set(acknowledged).add(id);
      setAcknowledged(next);
      saveAcknowledged(next);
    },
    tones,
  };
}
