// The announcement queue. Every `ticket_called` / `ticket_recalled` event that arrives in a delta
// is queued once; the queue is said in rounds, in arrival order, and keeps up with the board:
//
// - A round: the chime once, every call in Arabic, then every call in English, one call at a
//   time; calls queued while the Arabic list runs join it. A lone call is the full form
//   («التذكرة B 12، الشباك 3»); calls queued together, or that had to wait, the short form
//   («B 12، الشباك 3»). A call arriving on an idle speaker waits `collectMs` so that a burst of
//   calls starts one round.
// - A call that is no longer true when its turn comes (in either language) is dropped, not said:
//   its ticket is no longer called at that counter (no-show, finished, sent back), the counter has
//   called another, or the same ticket is queued again behind it.
// - `current` is the call being said at this moment; the board highlights exactly that one.
//
// - Dedupe: by the event's sequence number, ticket and time (`seq:ticketId:at`). A delta the feed
//   has already folded in is never passed on again, and this key catches the rest.
// - Snapshots are never announced: after a reconnect or a resync the board shows the new state
//   silently (the calls made while it was offline are on screen, not in the loudspeaker).
// - When the sound cannot play (autoplay blocked until a tap, `?sound=0`, no Web Audio), the queue
//   still runs and records every announcement, marked `silent`.
//
// Test hooks (read them, don't listen):
//   window.__announcements  every announcement as it is QUEUED:
//                           { seq, ticketId, label, counter, kind, queuedAt, startedAt?, playedAt?, silent?, form?, dropped?, clips? }
//   window.__announcer      { played, queue, current, queueLength, sound, clipCount, missingClips }
import type { PublicHallEvent } from '../protocol/events.ts';
import type { PublicHallState } from '../protocol/state.ts';
import { CHIME, callSteps, GAP, layout, sentenceClips, type VoiceLang } from './voice/clips.ts';
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
  /** Local times (Date.now()). `startedAt`: when its words began. */
  queuedAt: number;
  startedAt?: number;
  /** Queued while the speaker was busy: it gets the short form even when its round is alone. */
  waited?: boolean;
  form?: 'full' | 'short';
  /** Why it was not said (see staleReason). */
  dropped?: StaleReason;
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

type Player = Pick<VoicePlayer, 'play' | 'durationOf' | 'ready' | 'state' | 'clipCount' | 'missingClips'>;

export type StaleReason = 'not_called' | 'counter_moved_on' | 'said_later';

/** Why announcing `a` would no longer be true in `state`, or null while it is. */
export function staleReason(a: Pick<Announcement, 'ticketId' | 'counter'>, state: PublicHallState): StaleReason | null {
  const t = state.tickets[a.ticketId];
  if (t?.status !== 'called' || t.counter !== a.counter) return 'not_called';
  const counter = state.counters[a.counter];
  if (counter && counter.currentTicketId !== a.ticketId) return 'counter_moved_on';
  return null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Announcer {
  /** Everything queued, oldest first (capped). Exposed as window.__announcements. */
  readonly all: Announcement[] = [];
  readonly played: Announcement[] = [];
  readonly queue: Announcement[] = [];
  current: Announcement | null = null;
  private keys = new Set<string>();
  private keyOrder: string[] = [];
  private listeners = new Set<() => void>();

  /** The hall as last seen (a delta or a snapshot): what "still true" is judged against. */
  private hall: PublicHallState | null = null;

  constructor(
    private player: Player,
    private collectMs = 300,
  ) {}

  /** The hall's state changed without a delta (a snapshot). */
  observe(state: PublicHallState): void {
    this.hall = state;
  }

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
    this.hall = state;
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
    const item: Announcement = { ...a, queuedAt: Date.now(), waited: this.pumping };
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
      await Promise.all([sleep(this.collectMs), this.player.ready]);
      while (this.queue.length > 0) await this.round();
    } finally {
      this.pumping = false;
    }
  }

  /**
   * Empties the queue into `into`, dropping what is no longer true. The calls of a round that
   * starts with one call that did not wait are the full form; all others the short form.
   */
  private admit(into: Announcement[], roundStart: boolean): void {
    const taken = this.queue.splice(0);
    const kept = taken.filter((a, i) => {
      a.dropped = this.staleNow(a) ?? (taken.slice(i + 1).some((b) => b.ticketId === a.ticketId) ? 'said_later' : undefined);
      return !a.dropped;
    });
    const form = roundStart && kept.length === 1 && !kept[0]!.waited ? 'full' : 'short';
    for (const a of kept) {
      a.form = form;
      a.clips = [...sentenceClips(a.label, a.counter, 'ar', form), '||', ...sentenceClips(a.label, a.counter, 'en', form)];
    }
    into.push(...kept);
    if (kept.length < taken.length) this.changed();
  }

  private staleNow(a: Announcement): StaleReason | undefined {
    return (this.hall && staleReason(a, this.hall)) ?? undefined;
  }

  /**
   * One round: the chime, every call in Arabic, then every call in English, one call at a time.
   * Calls queued meanwhile join the Arabic list while it runs; a call that stops being true is
   * dropped before its turn (in either language).
   */
  private async round(): Promise<void> {
    const arabic: Announcement[] = [];
    const said: Announcement[] = [];
    this.admit(arabic, true);
    let lead = CHIME;
    /** Says `a` in `lang`; true if it was heard. */
    const say = async (a: Announcement, lang: VoiceLang): Promise<boolean> => {
      const timeline = layout(callSteps(lead, a, lang, a.form!), (name) => this.player.durationOf(name));
      lead = [{ gap: GAP.betweenCalls }];
      const timers: ReturnType<typeof setTimeout>[] = [];
      let result: PlayResult;
      try {
        result = await this.player.play(timeline, () => {
          for (const at of timeline.marks) timers.push(setTimeout(() => this.speaking(a), at * 1000));
        });
      } catch {
        result = { audible: false, missing: [] };
      }
      for (const t of timers) clearTimeout(t);
      // Silent: still each call in turn, briefly, so the order (and the highlight) stays observable.
      if (!result.audible) {
        this.speaking(a);
        await sleep(200);
      }
      return result.audible;
    };
    for (let a = arabic.shift(); a; a = arabic.shift()) {
      a.dropped = this.staleNow(a);
      if (a.dropped) continue;
      await say(a, 'ar');
      said.push(a);
      this.admit(arabic, false);
    }
    if (said.length > 0) lead = [{ gap: GAP.betweenLanguages }];
    for (const a of said) {
      a.dropped = this.staleNow(a);
      if (a.dropped) continue;
      a.silent = !(await say(a, 'en'));
      a.playedAt = Date.now();
      this.played.push(a);
    }
    if (this.played.length > KEEP) this.played.splice(0, this.played.length - KEEP);
    this.current = null;
    this.changed();
  }

  /** `a`'s words are being said now. */
  private speaking(a: Announcement): void {
    a.startedAt ??= Date.now();
    this.current = a;
    this.changed();
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
