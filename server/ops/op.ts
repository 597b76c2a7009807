// An operation is one thing a client can ask of the hub, reachable as a REST route, a socket
// event, or both, with one input schema and one access rule.
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Access, Principal } from '../auth.ts';
import type { Clock } from '../clock.ts';
import { engineError, HttpError } from '../errors.ts';
import type { Executed, Hub } from '../hub.ts';
import type { ErrorCode } from '../../protocol/errors.ts';
import type { Printing } from '../printing.ts';
import type { RateLimiter } from '../rate-limit.ts';

export interface CookieJar {
  set(name: string, value: string, maxAgeMs: number): void;
  clear(name: string): void;
}

export interface OpContext {
  hub: Hub;
  db: Db;
  clock: Clock;
  principal: Principal;
  actor: string;
  printing: Printing;
  limiter: RateLimiter;
  /** Scheme://host the caller reached the hub at: the base of links printed on tickets. */
  origin: string;
  /** Only over HTTP: login and pairing set cookies. */
  cookies: CookieJar | null;
  /** Lets the socket layer move a socket between rooms after counter open/close. */
  rooms: { joinCounter(n: number): void; leaveCounter(n: number): void } | null;
}

export interface Operation<S extends z.ZodType = z.ZodType> {
  name: string;
  summary: string;
  /** `bodyLimit`: a larger JSON body limit than the default 64 kB for this route (e.g. an import). */
  http?: { method: 'get' | 'post' | 'put'; path: string; status?: number; bodyLimit?: string };
  event?: string;
  input: S;
  access: Access;
  run(ctx: OpContext, input: z.infer<S>): unknown;
}

export const op = <S extends z.ZodType>(o: Operation<S>): Operation => o as unknown as Operation;

/** Unwraps an engine decision, turning a refusal into a 4xx. */
export function mustSucceed(d: Executed): Extract<Executed, { ok: true }> {
  if (!d.ok) throw engineError(d.error);
  return d;
}

export function notFound(code: ErrorCode, message: string): never {
  throw new HttpError(404, code, message);
}
