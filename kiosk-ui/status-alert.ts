// The status page's attention-getters: a short chime through Web Audio — browsers keep a page
// silent until the person taps it, so the citizen turns sound on once — and a buzz where the phone
// vibrates (navigator.vibrate; iPhones have none).

let audio: AudioContext | null = null;

/** From a tap: unlocks sound for the rest of the visit and plays the chime once, so the citizen hears what to expect. */
export async function enableSound(): Promise<boolean> {
  if (typeof AudioContext === 'undefined') return false;
  audio ??= new AudioContext();
  await audio.resume();
  chime();
  return audio.state === 'running';
}

/** Whether the citizen turned sound on in this visit (the switch shows it wherever it is drawn again). */
export const soundIsOn = (): boolean => audio?.state === 'running';

/** Two rising notes, half a second in all; silent until sound is on. */
function chime(): void {
  const ctx = audio;
  if (ctx?.state !== 'running') return;
  const start = ctx.currentTime;
  [880, 1318.5].forEach((frequency, i) => {
    const at = start + i * 0.18;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.4, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.5);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 0.55);
  });
}

const BUZZ = { near: [250], called: [400, 150, 400, 150, 400] } as const;

/** "Your turn is near" or "called": the chime (if sound is on) and a buzz (where the phone can). */
export function alertCitizen(kind: keyof typeof BUZZ): void {
  chime();
  try {
    navigator.vibrate?.([...BUZZ[kind]]);
  } catch {
    // Some browsers throw instead of ignoring a vibration they may not do.
  }
}
