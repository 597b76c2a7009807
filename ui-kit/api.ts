// The typed client's transport (./client.ts; screens call `call`/`callSocket` there, not this):
// JSON in, JSON out. A reply is either the data or a thrown `ApiFailure` with the hub's
// `{ error: { code, message } }`; network trouble and timeouts become failures too (`NETWORK`,
// `TIMEOUT`), so a screen has one error path.

export interface ApiFailure {
  code: string;
  message: string;
  /** HTTP status; 0 when the hub was not reached. */
  status: number;
  details?: unknown;
}

export function isApiFailure(e: unknown): e is ApiFailure {
  return typeof e === 'object' && e !== null && typeof (e as ApiFailure).code === 'string' && typeof (e as ApiFailure).status === 'number';
}

/** The seconds a refusal with `code` (RATE_LIMITED, LOGIN_THROTTLED) asks to wait (`details.retryAfterSeconds`), or null for any other failure. */
export function retryAfterSeconds(e: unknown, code: 'RATE_LIMITED' | 'LOGIN_THROTTLED'): number | null {
  if (!isApiFailure(e) || e.code !== code) return null;
  const s = (e.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof s === 'number' && s > 0 ? s : null;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Whatever a call threw, as a failure (a bug in the screen becomes INTERNAL), so a screen has one error path. */
export function toFailure(e: unknown): ApiFailure {
  return isApiFailure(e) ? e : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e), status: 0 };
}

export interface ApiOptions {
  method?: HttpMethod;
  body?: unknown;
  /** Give up after this long (default 15 s): a kiosk must never hang on a dead request. */
  timeoutMs?: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

function failure(status: number, code: string, message: string, details?: unknown): ApiFailure {
  return details === undefined ? { status, code, message } : { status, code, message, details };
}

/**
 * Calls the hub (same origin; the session or device cookie goes along). Resolves with the reply's
 * JSON; rejects with an `ApiFailure`.
 */
export async function api<T>(path: string, opts: ApiOptions = {}): Promise<T> {
  const method = opts.method ?? (opts.body === undefined ? 'GET' : 'POST');
  const ctrl = new AbortController();
  const timeoutMs = opts.timeoutMs ?? 15_000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctrl.abort();
  }, timeoutMs);
  const onAbort = () => ctrl.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { Accept: 'application/json', ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...opts.headers },
      body: opts.body === undefined ? null : JSON.stringify(opts.body),
      signal: ctrl.signal,
    });
  } catch (err) {
    if (timedOut) throw failure(0, 'TIMEOUT', `No answer from the hub within ${timeoutMs} ms.`);
    if (opts.signal?.aborted) throw failure(0, 'ABORTED', 'The request was cancelled.');
    throw failure(0, 'NETWORK', err instanceof Error ? err.message : 'The hub could not be reached.');
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }

  const text = await res.text().catch(() => '');
  let json: unknown;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!res.ok) {
    const e = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
    if (e && typeof e.code === 'string') {
      throw failure(res.status, e.code, typeof e.message === 'string' ? e.message : e.code, e.details);
    }
    throw failure(res.status, res.status === 429 ? 'RATE_LIMITED' : `HTTP_${res.status}`, res.statusText || `HTTP ${res.status}`);
  }
  if (json === undefined && text) throw failure(res.status, 'BAD_RESPONSE', 'The hub answered with something that is not JSON.');
  return json as T;
}
