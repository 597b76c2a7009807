// The screens' live copy of the hall: a snapshot, then deltas folded in with the engine's own
// reducer; a gap in the sequence (a missed delta) triggers a fresh snapshot. Framework-free, so
// every UI and the tests share it. Staff screens follow the staff audience, the display and the
// kiosk the public one (no citizen data); each parses only its own audience's messages.
import type { Socket } from 'socket.io-client';
import type * as z from 'zod/mini';
import type { HallEvent, PublicHallEvent } from '../protocol/events.ts';
import { PublicDelta, PublicSnapshot, StaffDelta, StaffSnapshot } from '../protocol/feed.ts';
import type { HallState, PublicHallState } from '../protocol/state.ts';
import { applyEvent } from '../engine/apply.ts';
import { callSocket } from './client.ts';

export interface FeedListener<S extends object, E> {
  /** A new snapshot replaced the state (first connect, reconnect or resync). */
  snapshot?(state: S, seq: number): void;
  /** Events were applied, in order. */
  events?(events: E[], state: S, seq: number): void;
}

/** How one audience's messages look and fold. */
interface Audience<S extends object, E> {
  snapshot: z.ZodMiniType<{ seq: number; state: S }>;
  delta: z.ZodMiniType<{ fromSeq: number; toSeq: number; events: E[] }>;
  apply(state: S, e: E): S;
}

const STAFF: Audience<HallState, HallEvent> = { snapshot: StaffSnapshot, delta: StaffDelta, apply: (s, e) => applyEvent(s, e) };
const PUBLIC: Audience<PublicHallState, PublicHallEvent> = { snapshot: PublicSnapshot, delta: PublicDelta, apply: (s, e) => applyEvent(s, e) };

export class HallFeed<S extends object, E> {
  state: S | null = null;
  seq = -1;
  resyncs = 0;
  private resyncing = false;

  constructor(
    private socket: Socket,
    private audience: Audience<S, E>,
    private listener: FeedListener<S, E> = {},
  ) {
    // The first snapshot after a (re)connect is the truth, even at an older sequence (a hub restored from a backup).
    socket.on('connect', () => {
      this.seq = -1;
    });
    socket.on('snapshot', (m: unknown) => this.onSnapshot(m));
    socket.on('delta', (m: unknown) => this.onDelta(m));
  }

  private onSnapshot(raw: unknown) {
    const m = this.audience.snapshot.safeParse(raw);
    if (!m.success) return;
    // An older snapshot than what we hold (a slow resync answer) is ignored.
    if (m.data.seq < this.seq) return;
    this.state = m.data.state;
    this.seq = m.data.seq;
    this.listener.snapshot?.(this.state, this.seq);
  }

  private onDelta(raw: unknown) {
    const m = this.audience.delta.safeParse(raw);
    if (!m.success || this.state === null) return;
    if (m.data.toSeq <= this.seq) return; // already contained in our snapshot
    if (m.data.fromSeq !== this.seq + 1) return void this.resync();
    let state = this.state;
    for (const e of m.data.events) state = this.audience.apply(state, e);
    this.state = state;
    this.seq = m.data.toSeq;
    this.listener.events?.(m.data.events, state, this.seq);
  }

  /** Asks the hub for a fresh snapshot (after a gap). */
  async resync(): Promise<void> {
    if (this.resyncing) return;
    this.resyncing = true;
    this.resyncs++;
    try {
      this.onSnapshot(await callSocket(this.socket, 'snapshot.get', {}, 10_000));
    } catch {
      // No answer or a refusal: the socket's reconnect brings a fresh snapshot anyway.
    } finally {
      this.resyncing = false;
    }
  }
}

export type StaffFeed = HallFeed<HallState, HallEvent>;
export type PublicFeed = HallFeed<PublicHallState, PublicHallEvent>;

/** A staff screen's feed (counter terminal, console): tickets and appointments in full. */
export const staffFeed = (socket: Socket, listener?: FeedListener<HallState, HallEvent>): StaffFeed => new HallFeed(socket, STAFF, listener);
/** A public screen's feed (display board, kiosk): no names, CPRs, phones or notes. */
export const publicFeed = (socket: Socket, listener?: FeedListener<PublicHallState, PublicHallEvent>): PublicFeed => new HallFeed(socket, PUBLIC, listener);
