// Ticket requests that survive a lost reply. Each citizen action (a walk-in choice, a check-in)
// gets one `requestId`; the hub issues at most one ticket per requestId and answers a repeat with
// the ticket it already issued. So when the hub gives no answer (network trouble, a timeout, a 5xx)
// the ticket may or may not exist, and the kiosk can safely ask again with the same requestId:
// it gets the ticket either way, never a second one. A refusal (4xx) is an answer: no retry.
import { isApiFailure, retryAfterSeconds } from '../ui-kit/api.ts';
import { call, type InputOf, type ReplyOf } from '../ui-kit/client.ts';

/** The ticket-issuing operations: they take a requestId. */
export type TicketOperation = 'kiosk.walkIn' | 'kiosk.checkIn';

/** Automatic retries after an unanswered request, with these pauses before each. */
export const RETRY_DELAYS_MS = [500, 2000];
/** No retry starts after this long since the tap: a citizen should not wait behind a dead hub (a timeout alone is 15 s). */
export const RETRY_WINDOW_MS = 20_000;
/** A tap on the same choice within this long after a failure repeats that request (same requestId). */
export const REUSE_MS = 60_000;

/**
 * A fresh idempotency key: 128 random bits as 32 hex digits. (Not `crypto.randomUUID()`: browsers
 * offer it only in secure contexts, and kiosks reach the hub over plain http on the hall's LAN.)
 */
export function newRequestId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** True when the hub gave no definitive answer, so the request may or may not have been carried out. */
export function unanswered(e: unknown): boolean {
  return isApiFailure(e) && ((e.status === 0 && e.code !== 'ABORTED') || e.status >= 500);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class TicketRequests {
  /** The last request that ended unanswered or held by the guard: a new tap on the same choice soon after repeats it. */
  private failed: { choice: string; requestId: string; at: number } | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Sends operation `name` with `body` plus a requestId for this citizen action (`choice` names it,
   * e.g. the service and priority), retrying unanswered attempts with the same requestId. Throws the last failure.
   */
  async send<N extends TicketOperation>(name: N, body: InputOf<N>, choice: string): Promise<ReplyOf<N>> {
    const requestId = this.requestIdFor(choice);
    const started = this.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return await call(name, { ...body, requestId });
      } catch (e) {
        const wait = retryAfterSeconds(e, 'RATE_LIMITED');
        // Refused by the kiosk guard: nothing was issued, and the kiosk asks again by itself after
        // the wait, as the same request (one key per citizen action, end to end).
        if (wait !== null) this.failed = { choice, requestId, at: this.now() + wait * 1000 };
        if (!unanswered(e)) throw e;
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay === undefined || this.now() - started > RETRY_WINDOW_MS) {
          // Out of retries: remember the key, so that the citizen tapping the same choice again
          // gets the ticket the hub may have issued after all.
          this.failed = { choice, requestId, at: this.now() };
          throw e;
        }
        await sleep(delay);
      }
    }
  }

  /** The requestId of the failed request if this is the same choice soon after it; otherwise a new one. */
  private requestIdFor(choice: string): string {
    const f = this.failed;
    this.failed = null;
    return f && f.choice === choice && this.now() - f.at < REUSE_MS ? f.requestId : newRequestId();
  }
}
