// Ticket requests that survive a lost reply: each citizen action (a walk-in choice, a check-in)
// gets one `requestId`, retried with it when the reply is lost (ui-kit/requests.ts), so the hub
// issues at most one ticket per action. A kiosk guard refusal (`RATE_LIMITED`) holds the request:
// the kiosk asks again by itself after the wait, with the same requestId.
import { retryAfterSeconds } from '../ui-kit/api.ts';
import { call, type InputOf, type ReplyOf } from '../ui-kit/client.ts';
import { OnceRequests } from '../ui-kit/requests.ts';

/** The ticket-issuing operations: they take a requestId. */
export type TicketOperation = 'kiosk.walkIn' | 'kiosk.checkIn';

export class TicketRequests {
  private readonly requests: OnceRequests;

  constructor(now: () => number = Date.now) {
    this.requests = new OnceRequests(now, (e) => retryAfterSeconds(e, 'RATE_LIMITED'));
  }

  /** Sends operation `name` with `body` plus the requestId of this citizen action (`choice` names it, e.g. the service and priority). */
  send<N extends TicketOperation>(name: N, body: InputOf<N>, choice: string): Promise<ReplyOf<N>> {
    return this.requests.send(choice, (requestId) => call(name, { ...body, requestId }));
  }
}
