// The screens' live copy of the hall: a snapshot, then deltas folded in with the engine's own
// reducer; a gap in the sequence (a missed delta) triggers a fresh snapshot. Framework-free, so
// every UI and the tests share it.
import type { Socket } from 'socket.io-client';
import type { Ack } from '../protocol/api.ts';
import type { HallEvent, PublicHallEvent } from '../protocol/events.ts';
import { DeltaMessage, SnapshotMessage } from '../protocol/messages.ts';
import { applyEvent } from '../server/engine/apply.ts';
import type { HallState } from '../server/engine/types.ts';

export type FeedState = SnapshotMessage['state'];

export interface FeedListener {
  /** A new snapshot replaced the state (first connect, reconnect or resync). */
  snapshot?(state: FeedState, seq: number): void;
  /** Events were applied, in order. */
  events?(events: (HallEvent | PublicHallEvent)[], state: FeedState, seq: number): void;
}

export class HallFeed {
  state: FeedState | null = null;
  seq = -1;
  resyncs = 0;
  private resyncing = false;

  constructor(private socket: Socket, private listener: FeedListener = {}) {
    socket.on('snapshot', (m: unknown) => this.onSnapshot(m));
    socket.on('delta', (m: unknown) => this.onDelta(m));
  }

  private onSnapshot(raw: unknown) {
    const m = SnapshotMessage.safeParse(raw);
    if (!m.success) return;
    // An older snapshot than what we hold (a slow resync answer) is ignored.
    if (m.data.seq < this.seq) return;
    this.state = m.data.state;
    this.seq = m.data.seq;
    this.listener.snapshot?.(this.state, this.seq);
  }

  private onDelta(raw: unknown) {
    const m = DeltaMessage.safeParse(raw);
    if (!m.success || !this.state) return;
    if (m.data.toSeq <= this.seq) return; // already contained in our snapshot
    if (m.data.fromSeq !== this.seq + 1) return void this.resync();
    let state = this.state as unknown as HallState;
    for (const e of m.data.events) state = applyEvent(state, e as HallEvent);
    this.state = state as unknown as FeedState;
    this.seq = m.data.toSeq;
    this.listener.events?.(m.data.events, this.state, this.seq);
  }

  /** Asks the hub for a fresh snapshot (after a gap). */
  async resync(): Promise<void> {
    if (this.resyncing) return;
    this.resyncing = true;
    this.resyncs++;
    try {
      const ack = (await this.socket.timeout(10_000).emitWithAck('snapshot:get', {})) as Ack<unknown>;
      if (ack.ok) this.onSnapshot(ack.data);
    } catch {
      // No answer: the socket's reconnect brings a fresh snapshot anyway.
    } finally {
      this.resyncing = false;
    }
  }
}
