// The typed client: calls an operation by its name in the contract table (protocol/operations.ts)
// and infers its input and reply types from it, over REST (`call`) or a socket (`callSocket`).
// At run time it reads only the routes (protocol/routes.ts): the contracts' schemas stay out of
// the screens' bundles. Failures are the `ApiFailure` of ./api.ts either way.
import type { Socket } from 'socket.io-client';
import type { Ack } from '../protocol/api.ts';
import type { Contracts, InputOf, OperationName, ReplyOf } from '../protocol/operations.ts';
import { routes } from '../protocol/routes.ts';
import { api, type ApiFailure, type ApiOptions, type HttpMethod } from './api.ts';

export type { InputOf, OperationName, ReplyOf };
/** Operations reachable over REST. */
export type HttpOperation = { [N in OperationName]: Contracts[N] extends { http: object } ? N : never }[OperationName];
/** Operations reachable as a socket event. */
export type SocketOperation = { [N in OperationName]: Contracts[N] extends { event: string } ? N : never }[OperationName];

export type CallOptions = Omit<ApiOptions, 'method' | 'body'>;

/** The REST request of an operation: `:params` of the path filled from the input, the rest as query (GET) or JSON body. */
export function requestOf(name: HttpOperation, input: object): { path: string; method: HttpMethod; body?: Record<string, unknown> } {
  const http = routes[name].http;
  const rest: Record<string, unknown> = { ...input };
  const path = http.path.replace(/:([A-Za-z]+)/g, (_m, param: string) => {
    const value = rest[param];
    delete rest[param];
    if (value === undefined || value === null) throw new Error(`${name}: the input has no ${param} for ${http.path}`);
    return encodeURIComponent(String(value));
  });
  const method = http.method.toUpperCase() as HttpMethod;
  // GET and DELETE carry what is left of the input in the query; the others as a JSON body.
  if (method !== 'GET' && method !== 'DELETE') return { path, method, body: rest };
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(rest)) if (v !== undefined && v !== null) query.set(k, String(v));
  const qs = query.toString();
  return { path: qs ? `${path}?${qs}` : path, method };
}

/** Calls an operation over REST; resolves with its typed reply, rejects with an `ApiFailure`. */
export function call<N extends HttpOperation>(name: N, input: InputOf<N>, opts: CallOptions = {}): Promise<ReplyOf<N>> {
  const req = requestOf(name, input as object);
  return api<ReplyOf<N>>(req.path, { ...opts, method: req.method, ...(req.body ? { body: req.body } : {}) });
}

/** Calls an operation over a socket (its event, answered through the ack); rejects with an `ApiFailure` (status 0). */
export async function callSocket<N extends SocketOperation>(socket: Socket, name: N, input: InputOf<N>, timeoutMs = 15_000): Promise<ReplyOf<N>> {
  const event = routes[name].event;
  let ack: Ack<ReplyOf<N>>;
  try {
    ack = (await socket.timeout(timeoutMs).emitWithAck(event, input)) as Ack<ReplyOf<N>>;
  } catch {
    throw { code: 'TIMEOUT', message: `No answer from the hub within ${timeoutMs / 1000} s.`, status: 0 } satisfies ApiFailure;
  }
  if (ack.ok) return ack.data;
  const { code, message, details } = ack.error;
  throw (details === undefined ? { code, message, status: 0 } : { code, message, status: 0, details }) satisfies ApiFailure;
}
