// The counter's line to the hub: one Socket.IO connection (the session cookie goes along) feeding
// a HallFeed, counter commands sent as socket events with acks (REST when the socket is down),
// and the hub's clock (the demo pins it; waiting times and "due" must use the hub's time).
import type { Socket } from 'socket.io-client';
import type { HallEvent, PublicHallEvent } from '../protocol/events.ts';
import { isApiFailure } from '../ui-kit/api.ts';
import { call, callSocket, type InputOf, type ReplyOf } from '../ui-kit/client.ts';
import { staffFeed, type StaffFeed } from '../ui-kit/hall-feed.ts';
import { hubClockOffset } from '../ui-kit/hub-time.ts';
import { staffSocket, type StaffSocketListener } from '../ui-kit/staff-socket.ts';
import type { Hall } from './model.ts';

/** The counter's operations (protocol/operations.ts); input and reply types come from their contracts. */
export type CounterCommand =
  | 'counter.open'
  | 'counter.close'
  | 'counter.call-next'
  | 'counter.call'
  | 'counter.recall'
  | 'counter.no-show'
  | 'counter.start'
  | 'counter.finish'
  | 'counter.transfer'
  | 'counter.pause'
  | 'counter.resume';

export interface ConnectionListener extends StaffSocketListener {
  /** The hall state changed (snapshot or deltas); `events` is empty for a snapshot. */
  changed(state: Hall, events: (HallEvent | PublicHallEvent)[], snapshot: boolean): void;
}

const ACK_TIMEOUT_MS = 10_000;

export class Connection {
  readonly socket: Socket;
  readonly feed: StaffFeed;
  readonly close: () => void;

  constructor(private listener: ConnectionListener) {
    const line = staffSocket(listener);
    this.socket = line.socket;
    this.close = line.close;
    this.feed = staffFeed(this.socket, {
      // A logged-in staff member always gets the staff audience (full tickets and appointments).
      snapshot: (state) => this.listener.changed(state, [], true),
      events: (events, state) => this.listener.changed(state, events, false),
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /**
   * Sends a counter command and resolves with the hub's typed reply, or rejects with an ApiFailure.
   * Over the socket the hub's delta precedes the ack, so the feed already shows the result.
   */
  async command<N extends CounterCommand>(name: N, input: InputOf<N>): Promise<ReplyOf<N>> {
    try {
      return this.socket.connected ? await callSocket(this.socket, name, input, ACK_TIMEOUT_MS) : await call(name, input, { timeoutMs: ACK_TIMEOUT_MS });
    } catch (e) {
      if (isApiFailure(e) && e.code === 'UNAUTHENTICATED') this.listener.unauthenticated();
      throw e;
    }
  }
}

/** The hub's time: local time shifted by the offset /healthz reports (re-synced every 10 minutes). */
export class HubClock {
  offset = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  now(): number {
    return Date.now() + this.offset;
  }

  async sync(): Promise<void> {
    const offset = await hubClockOffset();
    if (offset !== null) this.offset = offset; // else keep the last offset
  }

  start(): Promise<void> {
    this.timer ??= setInterval(() => void this.sync(), 10 * 60_000);
    return this.sync();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
