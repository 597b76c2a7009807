// The Socket.IO side: rooms per audience, a snapshot on every (re)connect, then one delta per
// committed command; every operation with an `event` answers through the ack.
import type { Logger } from 'pino';
import type { Server, Socket } from 'socket.io';
import type { Ack, ApiError } from '../protocol/api.ts';
import type { Role } from '../protocol/domain.ts';
import type { DeltaMessage } from '../protocol/messages.ts';
import { publicEvent } from '../protocol/public.ts';
import type { Db } from '../db/client.ts';
import { bestEffortWrite } from '../db/faults.ts';
import { authorize, clientAddress, resolvePrincipal, type Principal } from './auth.ts';
import type { Clock } from './clock.ts';
import { HttpError } from './errors.ts';
import type { Hub } from './hub.ts';
import type { HubMetrics } from './metrics.ts';
import type { DevicePresence } from './presence.ts';
import type { Printing } from './printing.ts';
import type { RateLimiter } from './rate-limit.ts';
import { checkReply, isCommand, opContext, type Connections } from './ops/op.ts';
import { type Storage, storageUnavailable } from './storage.ts';
import { operations } from './ops/index.ts';
import { BAD_ORIGIN_MESSAGE, originAllowed, type OriginPolicy } from './origin.ts';
import { citizenReceipt, snapshotFor } from './views.ts';
import * as repo from '../db/repos/index.ts';

const PUBLIC_ROOMS = ['display', 'kiosk'];
const STAFF_ROOMS = ['supervisor', 'callcenter', 'counters'];

function principalOf(db: Db, hub: Hub, clock: Clock, socket: Socket): Principal {
  const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
  return resolvePrincipal(db, clock.now(), hub.current.settings.sessionIdleMinutes, socket.handshake.headers.cookie, token);
}

function roomsOf(p: Principal, hub: Hub): string[] {
  if (p.kind === 'device') return [p.device, `device:${p.deviceId}`];
  if (p.kind !== 'staff') return [];
  if (p.role === 'counter') {
    const mine = Object.values(hub.current.counters)
      .filter((c) => c.open && c.userId === p.userId)
      .map((c) => `counter:${c.number}`);
    return ['counters', ...mine];
  }
  return [p.role === 'admin' ? 'supervisor' : p.role];
}

function toError(caught: unknown, log: Logger, storage: Storage): ApiError {
  const err = storage.failed(caught) ? storageUnavailable() : caught;
  if (err instanceof HttpError) return { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
  log.error({ err }, 'socket handler failed');
  return { error: { code: 'INTERNAL', message: 'Something went wrong in the hub; it has been logged.' } };
}

/** The screens /metrics counts, by who opened them (server/metrics.ts). */
export const SCREEN_KINDS = ['display', 'kiosk', 'counter', 'booking', 'supervisor', 'status'] as const;
export type ScreenKind = (typeof SCREEN_KINDS)[number];
const SCREEN_OF_ROLE: Record<Role, ScreenKind> = { counter: 'counter', callcenter: 'booking', supervisor: 'supervisor', admin: 'supervisor' };

/** The connected sockets by screen: a paired device is its kind, staff their role's screen (admins the supervisor's), a citizen's phone its status page. */
export function connectedScreens(io: Server): Record<ScreenKind, number> {
  const counts = Object.fromEntries(SCREEN_KINDS.map((k) => [k, 0])) as Record<ScreenKind, number>;
  for (const socket of io.sockets.sockets.values()) {
    const p = socket.data.principal as Principal | undefined;
    const kind = socket.data.citizenTicketId ? 'status' : p?.kind === 'device' ? p.device : p?.kind === 'staff' ? SCREEN_OF_ROLE[p.role] : null;
    if (kind) counts[kind]++;
  }
  return counts;
}

const userRoom = (userId: number) => `user:${userId}`;
/** Every staff socket is also in the room of its session, so a logout or an idle end cuts exactly that session's screens. */
const sessionRoom = (sessionHash: string) => `session:${sessionHash}`;
/** A paired device's sockets are the room `device:N` (see roomsOf). */
const deviceRoom = (deviceId: number) => `device:${deviceId}`;

/** Cuts sockets by user (every staff socket is in its user's room) and by device. */
export function connections(io: Server): Connections {
  return {
    disconnectUser(userId, keepSessionHash) {
      for (const id of io.sockets.adapter.rooms.get(userRoom(userId)) ?? []) {
        const socket = io.sockets.sockets.get(id);
        const p = socket?.data.principal as Principal | undefined;
        if (socket && !(p?.kind === 'staff' && p.sessionHash === keepSessionHash)) socket.disconnect(true);
      }
    },
    disconnectSession: (sessionHash) => io.in(sessionRoom(sessionHash)).disconnectSockets(true),
    disconnectDevice: (deviceId) => io.in(deviceRoom(deviceId)).disconnectSockets(true),
  };
}

export interface SocketDeps {
  db: Db;
  hub: Hub;
  clock: Clock;
  log: Logger;
  printing: Printing;
  presence: DevicePresence;
  limiter: RateLimiter;
  publicUrl: string | null;
  connections: Connections;
  /** Parse every reply with its operation's output schema; a drifting reply is an INTERNAL-style error ack (tests). */
  validateReplies?: boolean;
  originPolicy: OriginPolicy;
  metrics: HubMetrics;
}

export function attachSockets(io: Server, deps: SocketDeps): void {
  const { db, hub, clock, log, printing, presence } = deps;
  // A browser's socket from a foreign page would carry its cookies (server/origin.ts).
  io.use((socket, next) => {
    if (originAllowed(socket.handshake.headers, deps.originPolicy)) return next();
    next(Object.assign(new Error(BAD_ORIGIN_MESSAGE), { data: { code: 'BAD_ORIGIN' } }));
  });
  io.use((socket, next) => {
    const p = principalOf(db, hub, clock, socket);
    // A citizen's phone follows one ticket with its status token: no login, no hall data.
    const statusToken = socket.handshake.auth?.statusToken;
    if (p.kind === 'anonymous' && typeof statusToken === 'string') {
      const ticket = /^[A-Za-z0-9_-]{16,64}$/.test(statusToken) ? repo.getTicketByStatusToken(db, statusToken) : null;
      if (!ticket) return next(Object.assign(new Error('No ticket has this status link.'), { data: { code: 'TICKET_NOT_FOUND' } }));
      socket.data.citizenTicketId = ticket.id;
      return next();
    }
    if (p.kind === 'anonymous') {
      const err = new Error('Log in, or pair this device, first.') as Error & { data?: unknown };
      err.data = { code: 'UNAUTHENTICATED' };
      return next(err);
    }
    // The hall's live picture is not for a session whose temporary password is still unchanged.
    if (p.kind === 'staff' && p.mustChangePassword) {
      return next(Object.assign(new Error('Change your temporary password first.'), { data: { code: 'PASSWORD_CHANGE_REQUIRED' } }));
    }
    socket.data.principal = p;
    next();
  });

  io.on('connection', (socket) => {
    const citizenTicket = socket.data.citizenTicketId as string | undefined;
    if (citizenTicket) {
      socket.join(`ticket:${citizenTicket}`);
      socket.emit('ticket:status', citizenReceipt(hub, db, citizenTicket, clock.now()));
      return;
    }
    const p = socket.data.principal as Principal;
    socket.join(roomsOf(p, hub));
    if (p.kind === 'staff') socket.join([userRoom(p.userId), sessionRoom(p.sessionHash)]);
    socket.emit('snapshot', snapshotFor(p, hub.current, hub.lastSeq));
    if (p.kind === 'device' && p.device === 'kiosk') {
      const printer = printing.statusFor(p.deviceId);
      if (printer) socket.emit('printer:status', printer);
    }
    // The supervisor's live hall: devices come online with their socket, supervisors see them at once.
    if (p.kind === 'device') {
      presence.connected(p.deviceId);
      socket.on('disconnect', () => {
        bestEffortWrite(db, () => repo.setDeviceLastSeen(db, p.deviceId, clock.now()));
        presence.disconnected(p.deviceId);
      });
    }
    if (p.kind === 'staff' && (p.role === 'supervisor' || p.role === 'admin')) {
      socket.emit('devices:status', presence.status(db, printing));
      socket.emit('storage:status', hub.storage.status);
    }

    for (const o of operations) {
      if (!o.event) continue;
      socket.on(o.event, async (...args: unknown[]) => {
        const ack = typeof args.at(-1) === 'function' ? (args.pop() as (a: Ack<unknown>) => void) : () => {};
        const payload = args[0] === undefined ? {} : args[0];
        try {
          // Re-check on every event: a logout or a revoked device takes effect at once.
          const now = principalOf(db, hub, clock, socket);
          if (now.kind === 'anonymous') {
            ack({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Your session has ended; log in again.' } });
            socket.disconnect(true);
            return;
          }
          authorize(now, o.access);
          if (isCommand(o)) hub.storage.assertWritable();
          if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
            throw new HttpError(400, 'VALIDATION_FAILED', 'The payload must be an object.');
          const rooms = { joinCounter: (n: number) => socket.join(`counter:${n}`), leaveCounter: (n: number) => socket.leave(`counter:${n}`) };
          const origin = deps.publicUrl ?? `${socket.handshake.secure ? 'https' : 'http'}://${socket.handshake.headers.host}`;
          const data = await o.invoke(
            opContext(deps, { principal: now, origin, clientAddress: clientAddress(socket.handshake.address), cookies: null, rooms }),
            payload as Record<string, unknown>,
          );
          if (deps.validateReplies) checkReply(o, data, log);
          ack({ ok: true, data });
        } catch (err) {
          ack({ ok: false, ...toError(err, log, hub.storage) });
        }
      });
    }
  });

  presence.onChange(() => io.to('supervisor').emit('devices:status', presence.status(db, printing)));
  hub.storage.onChange((status) => io.to('supervisor').emit('storage:status', status));

  const anyoneIn = (rooms: readonly string[]) => rooms.some((room) => (io.sockets.adapter.rooms.get(room)?.size ?? 0) > 0);

  hub.onCommit(({ fromSeq, toSeq, events, startedAt }) => {
    // Socket.IO encodes a message even for rooms nobody is in: a hall without screens skips that work.
    if (anyoneIn(STAFF_ROOMS)) io.to(STAFF_ROOMS).emit('delta', { fromSeq, toSeq, events } satisfies DeltaMessage);
    if (anyoneIn(PUBLIC_ROOMS)) {
      io.to(PUBLIC_ROOMS).emit('delta', { fromSeq, toSeq, events: events.map(publicEvent) } satisfies DeltaMessage);
      deps.metrics.handedToDisplays(events, startedAt);
    }
    updateCitizens();
  });

  // Every commit can move a waiting citizen forward: send each followed ticket its new status
  // when it changed.
  const lastSent = new Map<string, string>();
  function updateCitizens() {
    const now = clock.now();
    for (const [room, sockets] of io.sockets.adapter.rooms) {
      if (!room.startsWith('ticket:')) continue;
      if (sockets.size === 0) continue;
      const receipt = citizenReceipt(hub, db, room.slice('ticket:'.length), now);
      const json = JSON.stringify(receipt);
      if (lastSent.get(room) === json) continue;
      lastSent.set(room, json);
      io.to(room).emit('ticket:status', receipt);
    }
    for (const room of lastSent.keys()) if (!io.sockets.adapter.rooms.has(room)) lastSent.delete(room);
  }
}
