// The announcement queue. Every `ticket_called` / `ticket_recalled` event that arrives in a delta
// is queued once and spoken in arrival order, one after another: none is dropped, none repeats.
//
// - Dedupe: by the event's sequence number, ticket and time (`seq:ticketId:at`). A delta the feed
//   has already folded in is never passed on again, and this key catches the rest.
// - Snapshots are never announced: after a reconnect or a resync the board shows the new state
//   silently (the calls made while it was offline are on screen, not in the loudspeaker).
// - When the sound cannot play (autoplay blocked until a tap, `?sound=0`, no Web Audio), the queue
//   still runs and records every announcement, marked `silent`.
//
// Test hooks (read them, don't listen):
//   window.__announcements  every announcement as it is QUEUED: { seq, ticketId, label, counter, kind, queuedAt, playedAt?, silent?, clips? }
//   window.__announcer      { played, queue, current, queueLength, sound, clipCount, missingClips }
import type { PublicHallEvent } from '../protocol/events.ts';
import type { PublicHallState } from '../protocol/state.ts';
import { announcementClips } from './voice/clips.ts';
import type { PlayResult, SoundState, VoicePlayer } from './voice/player.ts';

export interface Announcement {
  /** Sequence number of the event that caused it. */
  seq: number;
  ticketId: string;
  label: string;
  counter: number;
  kind: 'call' | 'recall';
  /** Hub time of the event. */
  at: number;
  /** Local times (Date.now()). */
  queuedAt: number;
  startedAt?: number;
  playedAt?: number;
  /** Finished without sound (blocked, muted or unsupported). */
  silent?: boolean;
  /** The clips it was assembled from (Arabic, then English; '|' is a pause). */
  clips?: string[];
}

export interface AnnouncerHook {
  readonly played: Announcement[];
  readonly queue: Announcement[];
  readonly current: Announcement | null;
  readonly queueLength: number;
  readonly sound: SoundState;
  readonly clipCount: number;
  readonly missingClips: string[];
}

declare global {
  interface Window {
    __announcements?: Announcement[];
    __announcer?: AnnouncerHook;
  }
}

/** How many finished announcements (and dedupe keys) are kept: days of uptime must not grow memory. */
const KEEP = 500;
const KEEP_KEYS = 5000;

type Player = Pick<VoicePlayer, 'play' | 'state' | 'clipCount' | 'missingClips'>;

export class Announcer {
  /** Everything queued, oldest first (capped). Exposed as window.__announcements. */
  readonly all: Announcement[] = [];
  readonly played: Announcement[] = [];
  readonly queue: Announcement[] = [];
  current: Announcement | null = null;
  private keys = new Set<string>();
  private keyOrder: string[] = [];
  private listeners = new Set<() => void>();

  constructor(private player: Player) {}

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private changed() {
    for (const fn of this.listeners) fn();
  }

  /**
   * The announcements of one delta. `toSeq` is the delta's last sequence number; event i of n has
   * seq `toSeq − n + 1 + i`. `state` (after the delta) gives labels.
   */
  fromDelta(events: PublicHallEvent[], state: PublicHallState, toSeq: number): Announcement[] {
    const first = toSeq - events.length + 1;
    const out: Announcement[] = [];
    events.forEach((e, i) => {
      if (e.type !== 'ticket_called' && e.type !== 'ticket_recalled') return;
      const t = state.tickets[e.ticketId];
      if (!t) return;
      const a = this.enqueue({
        seq: first + i,
        ticketId: e.ticketId,
        label: t.label,
        counter: e.counter,
        kind: e.type === 'ticket_called' ? 'call' : 'recall',
        at: e.at,
      });
      if (a) out.push(a);
    });
    return out;
  }

  /** Queues one announcement unless it was queued before; returns it, or null for a repeat. */
  enqueue(a: Omit<Announcement, 'queuedAt'>): Announcement | null {
    const key = `${a.seq}:${a.ticketId}:${a.at}`;
    if (this.keys.has(key)) return null;
    this.keys.add(key);
    this.keyOrder.push(key);
    if (this.keyOrder.length > KEEP_KEYS) this.keys.delete(this.keyOrder.shift()!);
    const item: Announcement = { ...a, queuedAt: Date.now() };
    this.all.push(item);
    if (this.all.length > KEEP) this.all.splice(0, this.all.length - KEEP);
    this.queue.push(item);
    this.changed();
    void this.pump();
    return item;
  }

  private pumping = false;
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let a = this.queue.shift(); a; a = this.queue.shift()) {
        this.current = a;
        a.startedAt = Date.now();
        const { ar, en } = announcementClips(a.label, a.counter);
        a.clips = [...ar, '||', ...en];
        this.changed();
        let result: PlayResult;
        try {
          result = await this.player.play([ar, en]);
        } catch {
          result = { audible: false, missing: [] };
        }
        // Silent: still one at a time, briefly, so the order stays observable.
        if (!result.audible) await new Promise((r) => setTimeout(r, 200));
        a.playedAt = Date.now();
        a.silent = !result.audible;
        this.played.push(a);
        if (this.played.length > KEEP) this.played.splice(0, this.played.length - KEEP);
        this.current = null;
        this.changed();
      }
    } finally {
      this.pumping = false;
    }
  }

  /** The live test hook (window.__announcer). */
  hook(): AnnouncerHook {
    const self = this;
    return {
      get played() {
        return self.played;
      },
      get queue() {
        return self.queue;
      },
      get current() {
        return self.current;
      },
      get queueLength() {
        return self.queue.length + (self.current ? 1 : 0);
      },
      get sound() {
        return self.player.state;
      },
      get clipCount() {
        return self.player.clipCount;
      },
      get missingClips() {
        return self.player.missingClips;
      },
    };
  }
}
