// Requests that survive a lost reply (the hub's side: server/ops/requests.ts). Each action that
// changes the hall — a citizen's choice at the kiosk, a click at a counter — gets one `requestId`;
// the hub carries out each requestId at most once and answers a repeat with what it already did.
// So when the hub gives no answer (network trouble, a timeout, a 5xx) the action may or may not
// have happened, and the screen can safely ask again with the same requestId: it gets the result
// either way, never a second effect. A refusal is an answer: no retry.
import { isApiFailure } from './api.ts';

/** Automatic retries after an unanswered request, with these pauses before each. */
export const RETRY_DELAYS_MS = [500, 2000];
/** No retry starts after this long since the action: nobody should wait behind a dead hub (a timeout alone is 10–15 s). */
export const RETRY_WINDOW_MS = 20_000;
/** The same action again within this long after a failure repeats that request (same requestId). */
export const REUSE_MS = 60_000;

/**
 * A fresh idempotency key: 128 random bits as 32 hex digits. (Not `crypto.randomUUID()`: browsers
 * offer it only in secure contexts, and screens reach the hub over plain http on the hall's LAN.)
 */
export function newRequestId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * True when the hub gave no definitive answer, so the request may or may not have been carried out:
 * the transport's own failures (`NETWORK`, `TIMEOUT` — over REST or a socket ack) and 5xx. A socket
 * ack's refusal has status 0 too, but the hub's code: it is an answer.
 */
export function unanswered(e: unknown): boolean {
  return isApiFailure(e) && (e.code === 'NETWORK' || e.code === 'TIMEOUT' || e.status >= 500);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class OnceRequests {
  /** The last request that ended unanswered or held back: the same action soon after repeats it. */
  private failed: { action: string; requestId: string; at: number } | null = null;

  /**
   * `heldFor`: the seconds a refusal asks to wait before the same request may be tried again (a
   * kiosk's rate limit), or null; the request is then remembered as failed from the end of that wait.
   */
  constructor(
    private readonly now: () => number = Date.now,
    private readonly heldFor: (e: unknown) => number | null = () => null,
  ) {}

  /**
   * Sends `attempt` with a requestId for this action (`action` names it, e.g. the operation and its
   * input), retrying unanswered attempts with the same requestId. Throws the last failure.
   */
  async send<T>(action: string, attempt: (requestId: string) => Promise<T>): Promise<T> {
    const requestId = this.requestIdFor(action);
    const started = this.now();
    for (let tries = 0; ; tries++) {
      try {
        return await attempt(requestId);
      } catch (e) {
        const wait = this.heldFor(e);
        // Held back: nothing was done, and the screen asks again after the wait as the same request (one key per action, end to end).
        if (wait !== null) this.failed = { action, requestId, at: this.now() + wait * 1000 };
        if (!unanswered(e)) throw e;
        const delay = RETRY_DELAYS_MS[tries];
        if (delay === undefined || this.now() - started > RETRY_WINDOW_MS) {
          // Out of retries: remember the key, so that the same action again gets what the hub may have done after all.
          this.failed = { action, requestId, at: this.now() };
          throw e;
        }
        await sleep(delay);
      }
    }
  }

  /** The requestId of the failed request if this is the same action soon after it; otherwise a new one. */
  private requestIdFor(action: string): string {
    const f = this.failed;
    this.failed = null;
    return f && f.action === action && this.now() - f.at < REUSE_MS ? f.requestId : newRequestId();
  }
}
