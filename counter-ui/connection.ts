// The counter's line to the hub: one Socket.IO connection (the session cookie goes along) feeding
// a HallFeed, and counter commands sent as socket events with acks (REST when the socket is down),
// each click with its own requestId, retried with it when the reply is lost (ui-kit/requests.ts):
// a lost "call next" or "finish" is asked again without calling two tickets or finishing twice.
import type { Socket } from 'socket.io-client';
import type { HallEvent, PublicHallEvent } from '../protocol/events.ts';
import { isApiFailure } from '../ui-kit/api.ts';
import { call, callSocket, type InputOf, type ReplyOf } from '../ui-kit/client.ts';
import { staffFeed, type StaffFeed } from '../ui-kit/hall-feed.ts';
import { staffSocket, type HubSocketListener } from '../ui-kit/hub-socket.ts';
import { OnceRequests } from '../ui-kit/requests.ts';
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

export interface ConnectionListener extends HubSocketListener {
  /** The hall state changed (snapshot or deltas); `events` is empty for a snapshot. */
  changed(state: Hall, events: (HallEvent | PublicHallEvent)[], snapshot: boolean): void;
}

const ACK_TIMEOUT_MS = 10_000;

/** One try of a counter command, on the line up at this moment: the socket, or REST while it is down. */
export function sendCommand<N extends CounterCommand>(socket: Socket, name: N, input: InputOf<N>, timeoutMs = ACK_TIMEOUT_MS): Promise<ReplyOf<N>> {
  return socket.connected ? callSocket(socket, name, input, timeoutMs) : call(name, input, { timeoutMs });
}

export class Connection {
  readonly socket: Socket;
  readonly feed: StaffFeed;
  readonly close: () => void;
  private readonly requests = new OnceRequests();

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
      // The same action (operation and input) soon after a failure repeats that request: a retry after a reconnect.
      return await this.requests.send(`${name}:${JSON.stringify(input)}`, (requestId) => sendCommand(this.socket, name, { ...input, requestId }));
    } catch (e) {
      if (isApiFailure(e) && e.code === 'UNAUTHENTICATED') this.listener.unauthenticated();
      throw e;
    }
  }
}
