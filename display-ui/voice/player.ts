// Plays announcements from the clip set with the Web Audio API: every clip is fetched and decoded
// once at start, an announcement is scheduled sample-accurately (no gaps from loading, no browser
// voice needed). Browser only.
//
// Autoplay: without a user gesture Chromium keeps an AudioContext suspended. On an unattended TV
// start Chromium with `--autoplay-policy=no-user-gesture-required` (see display-ui/main.tsx); else
// the first tap on the screen unlocks the sound, and until then announcements are recorded but silent.
import type { Timeline } from './clips.ts';

// The clips are bundled by Vite as separate, hashed files (served by the hub under /assets/). A
// recorded replacement may be .opus, .ogg, .mp3, .m4a or .wav, under the same base name. The kiosk's
// sentences (`*-kiosk-*`) are not the board's: the kiosk lists them itself (kiosk-ui/read-aloud.ts).
const FILES = import.meta.glob<string>(['./clips/*.{opus,ogg,mp3,m4a,wav}', '!./clips/*-kiosk-*'], { eager: true, query: '?no-inline', import: 'default' });

/** Clip name → URL, from the bundled files. */
export function clipUrls(files: Record<string, string> = FILES): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, url] of Object.entries(files)) {
    const name = path.replace(/^.*\//, '').replace(/\.[a-z0-9]+$/i, '');
    // Prefer a recording (any other format) over the default .opus when both exist.
    if (!out.has(name) || !path.endsWith('.opus')) out.set(name, url);
  }
  return out;
}

export type SoundState = 'loading' | 'running' | 'blocked' | 'muted' | 'unsupported';

export interface PlayResult {
  audible: boolean;
  /** Clips of the announcement that the set lacks (skipped). */
  missing: string[];
  /** Cut short by `stop()`. */
  stopped?: boolean;
}

export class VoicePlayer {
  private ctx: AudioContext | null = null;
  private buffers = new Map<string, AudioBuffer>();
  private failed = new Set<string>();
  private listeners = new Set<() => void>();
  private loaded = false;
  /** What is sounding or scheduled now, and how to end its wait (for `stop()`). */
  private sources = new Set<AudioBufferSourceNode>();
  private waits = new Set<() => void>();
  readonly ready: Promise<void>;

  /**
   * `preload`: fetch and decode every clip at start (the board, which must say any call at once);
   * false: none, each `prepare` fetches what one piece needs (the kiosk, which says a few sentences).
   */
  constructor(
    private urls: Map<string, string> = clipUrls(),
    private muted = false,
    preload = true,
  ) {
    if (!muted && typeof AudioContext !== 'undefined') {
      try {
        this.ctx = new AudioContext({ latencyHint: 'playback' });
        this.ctx.onstatechange = () => this.changed();
      } catch {
        this.ctx = null;
      }
    }
    this.loaded = !preload;
    this.ready = preload ? this.load([...this.urls.keys()]) : Promise.resolve();
  }

  get state(): SoundState {
    if (this.muted) return 'muted';
    if (!this.ctx) return 'unsupported';
    if (this.ctx.state === 'running') return this.loaded ? 'running' : 'loading';
    return 'blocked';
  }

  get clipCount(): number {
    return this.buffers.size;
  }

  get missingClips(): string[] {
    return [...this.failed];
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private changed() {
    for (const fn of this.listeners) fn();
  }

  /** Fetches and decodes clips (six at a time) not loaded yet; a clip that fails is skipped when spoken. */
  private async load(names: string[]): Promise<void> {
    const ctx = this.ctx;
    if (!ctx) return;
    const queue = [...new Set(names)].flatMap((name) => {
      const url = this.urls.get(name);
      return url && !this.buffers.has(name) ? [[name, url] as const] : [];
    });
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [name, url] = next;
        try {
          const res = await fetch(url);
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          this.buffers.set(name, await ctx.decodeAudioData(await res.arrayBuffer()));
        } catch {
          this.failed.add(name);
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    this.loaded = true;
    this.changed();
  }

  /** Fetches and decodes the clips a piece needs (a player made without `preload`). */
  prepare(names: string[]): Promise<void> {
    return this.load(names);
  }

  /** Silences what is playing now: its `play` resolves at once with `stopped`. */
  stop(): void {
    for (const src of this.sources) src.stop();
    this.sources.clear();
    for (const end of this.waits) end();
    this.waits.clear();
  }

  /** Call from a user gesture (tap, key): lets the sound play where autoplay is blocked. */
  unlock(): void {
    if (this.ctx && this.ctx.state !== 'running')
      void this.ctx
        .resume()
        .catch(() => {})
        .then(() => this.changed());
  }

  /** A clip's length in seconds; undefined while it is not loaded (or failed). */
  durationOf(name: string): number | undefined {
    return this.buffers.get(name)?.duration;
  }

  /**
   * Plays a round laid out by `layout` (clips.ts), sample-accurately. Calls `onStart` when its
   * time 0 is about to sound, and resolves when it has finished; at once (not audible, no
   * `onStart`) when the sound is blocked or off.
   */
  async play(timeline: Timeline, onStart: () => void): Promise<PlayResult> {
    const ctx = this.ctx;
    if (!ctx || this.muted) return { audible: false, missing: [] };
    if (ctx.state !== 'running') {
      // Try anyway: with the autoplay flag (or after a tap) this succeeds at once.
      const resumed = ctx.resume().catch(() => {});
      await Promise.race([resumed, sleep(150)]);
      if ((ctx.state as AudioContextState) !== 'running') return { audible: false, missing: [] };
    }
    await this.ready;
    const lead = 0.08;
    const start = ctx.currentTime + lead;
    for (const { name, at } of timeline.clips) {
      const buf = this.buffers.get(name);
      if (!buf) continue;
      const src = ctx.createBufferSource();
      src.buffer = buf;
      src.connect(ctx.destination);
      src.start(start + at);
      this.sources.add(src);
      src.onended = () => this.sources.delete(src);
    }
    setTimeout(onStart, lead * 1000);
    // Wait on the wall clock, not on `ended` events: a context suspended mid-way (an audio
    // device change) must not stall the queue. `stop()` ends the wait early.
    let stopped = false;
    await new Promise<void>((resolve) => {
      const stop = () => {
        stopped = true;
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(
        () => {
          this.waits.delete(stop);
          resolve();
        },
        Math.max(0, (start + timeline.end - ctx.currentTime) * 1000 + 50),
      );
      this.waits.add(stop);
    });
    return stopped ? { audible: true, missing: timeline.missing, stopped } : { audible: true, missing: timeline.missing };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
