// An operation is one thing a client can ask of the hub, reachable as a REST route, a socket
// event, or both, with one input schema and one access rule.
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { actorOf, type Access, type Principal } from '../auth.ts';
import type { Clock } from '../clock.ts';
import { contracts, type Contract, type Contracts, type OperationName } from '../../protocol/operations.ts';
import { engineError, HttpError, validationError } from '../errors.ts';
import type { Executed, Hub } from '../hub.ts';
import type { ErrorCode } from '../../protocol/errors.ts';
import type { DevicePresence } from '../presence.ts';
import type { Printing } from '../printing.ts';
import type { RateLimiter } from '../rate-limit.ts';

export interface CookieJar {
  set(name: string, value: string, maxAgeMs: number): void;
  clear(name: string): void;
}

/** Who has a socket open (server/sockets.ts `connections`), so a change to an account or a device takes effect on its screens at once. */
export interface Connections {
  /** Disconnects a user's open sockets: all of them, or all but those of the session `keepSessionHash`. */
  disconnectUser(userId: number, keepSessionHash?: string): void;
  /** Disconnects the sockets of one staff session (logged out, replaced by a new login, or idle). */
  disconnectSession(sessionHash: string): void;
  /** Disconnects every socket of the device at once (it was revoked). */
  disconnectDevice(deviceId: number): void;
}

export interface OpContext {
  hub: Hub;
  db: Db;
  clock: Clock;
  principal: Principal;
  actor: string;
  printing: Printing;
  /** Which kiosks and displays are connected (the supervisor's live hall). */
  presence: DevicePresence;
  limiter: RateLimiter;
  /** The caller's IP address (the socket's peer; an IPv4-mapped IPv6 address as plain IPv4): the login throttle counts by it. */
  clientAddress: string;
  /** Scheme://host the caller reached the hub at: the base of links printed on tickets. */
  origin: string;
  /** Only over HTTP: login and pairing set cookies. */
  cookies: CookieJar | null;
  /** Lets the socket layer move a socket between rooms after counter open/close. */
  rooms: { joinCounter(n: number): void; leaveCounter(n: number): void } | null;
  connections: Connections;
}

/** What both transports hand every operation from the hub as it is. */
export type HubParts = Pick<OpContext, 'hub' | 'db' | 'clock' | 'printing' | 'presence' | 'limiter' | 'connections'>;

/** An operation's context: the hub's parts, and who is calling from where over which transport. */
export function opContext(parts: HubParts, call: Pick<OpContext, 'principal' | 'origin' | 'clientAddress' | 'cookies' | 'rooms'>): OpContext {
  const { hub, db, clock, printing, presence, limiter, connections } = parts;
  return { hub, db, clock, printing, presence, limiter, connections, ...call, actor: actorOf(call.principal) };
}

/** One operation as the transports see it: its contract, its access rule and its handler, generics erased. */
export interface Operation extends Contract {
  name: OperationName;
  access: Access;
  /** Parses `payload` with the contract's input (a 400 when it does not fit) and runs the operation. */
  invoke(ctx: OpContext, payload: Record<string, unknown>): Promise<unknown>;
}

/** The handler of an operation: its reply is typed by the contract's output schema, so a drifting reply fails typecheck. */
export interface Implementation<C extends Contract> {
  access: Access;
  run(ctx: OpContext, input: z.output<C['input']>): z.input<C['output']> | Promise<z.input<C['output']>>;
}

/** Implements the contract `name` (protocol/operations.ts). */
export function op<N extends OperationName>(name: N, impl: Implementation<Contracts[N]>): Operation {
  return implement(name, contracts[name], impl);
}

/** Erases an implementation's generics soundly: the transports only hand it a payload, which it parses itself. */
export function implement<C extends Contract>(name: OperationName, contract: C, impl: Implementation<C>): Operation {
  return {
    ...contract,
    name,
    access: impl.access,
    async invoke(ctx, payload) {
      const parsed = contract.input.safeParse(payload);
      if (!parsed.success) throw validationError(parsed.error);
      // TypeScript cannot follow output<this> through the generic C; the data was parsed by C's own input schema.
      return impl.run(ctx, parsed.data as z.output<C['input']>);
    },
  };
}

/**
 * With reply validation on (tests, DOR_VALIDATE_REPLIES=1): parses a reply with the operation's
 * output schema and fails loudly (a logged 500) when the reply drifted from the contract.
 */
export function checkReply(o: Operation, reply: unknown, log: Logger): void {
  const r = o.output.safeParse(reply);
  if (r.success) return;
  log.error({ operation: o.name, issues: r.error.issues }, 'reply does not match its contract');
  const first = r.error.issues[0];
  throw new HttpError(
    500,
    'REPLY_INVALID',
    `The reply of ${o.name} does not match its contract (${first?.path.join('.') || 'reply'}: ${first?.message ?? 'invalid'}).`,
  );
}

/** Whether an operation may change something (every REST method but GET): refused while the database takes no writes. */
export const isCommand = (o: Contract): boolean => o.http?.method !== 'get';

/** Unwraps an engine decision, turning a refusal into a 4xx. */
export function mustSucceed(d: Executed): Extract<Executed, { ok: true }> {
  if (!d.ok) throw engineError(d.error);
  return d;
}

export function notFound(code: ErrorCode, message: string): never {
  throw new HttpError(404, code, message);
}
