// The Socket.IO side: rooms per audience, a snapshot on every (re)connect, then one delta per
// committed command; every operation with an `event` answers through the ack.
import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import type { Ack, ApiError } from '../protocol/api.ts';
import type { DeltaMessage } from '../protocol/messages.ts';
import { publicEvent } from '../protocol/public.ts';
import type { Db } from '../db/client.ts';
import { actorOf, authorize, resolvePrincipal, type Principal } from './auth.ts';
import type { Clock } from './clock.ts';
import { HttpError } from './errors.ts';
import { validationError } from './http.ts';
import type { Hub } from './hub.ts';
import { operations } from './ops/index.ts';
import { snapshotFor } from './views.ts';

const PUBLIC_ROOMS = ['display', 'kiosk'];
const STAFF_ROOMS = ['supervisor', 'callcenter', 'counters'];

function principalOf(db: Db, clock: Clock, socket: Socket): Principal {
  const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
  return resolvePrincipal(db, clock.now(), socket.handshake.headers.cookie, token);
}

function roomsOf(p: Principal, hub: Hub): string[] {
  if (p.kind === 'device') return [p.device];
  if (p.kind !== 'staff') return [];
  if (p.role === 'counter') {
    const mine = Object.values(hub.current.counters).filter((c) => c.open && c.userId === p.userId).map((c) => `counter:${c.number}`);
    return ['counters', ...mine];
  }
  return [p.role === 'admin' ? 'supervisor' : p.role];
}

function toError(err: unknown, log: Logger): ApiError {
  if (err instanceof HttpError) return { error: { code: err.code, message: err.message } };
  log.error({ err }, 'socket handler failed');
  return { error: { code: 'INTERNAL', message: 'Something went wrong in the hub; it has been logged.' } };
}

export function attachSockets(httpServer: HttpServer, deps: { db: Db; hub: Hub; clock: Clock; log: Logger }): Server {
  const { db, hub, clock, log } = deps;
  const io = new Server(httpServer, { serveClient: true, maxHttpBufferSize: 64 * 1024 });

  io.use((socket, next) => {
    const p = principalOf(db, clock, socket);
    if (p.kind === 'anonymous') {
      const err = new Error('Log in, or pair this device, first.') as Error & { data?: unknown };
      err.data = { code: 'UNAUTHENTICATED' };
      return next(err);
    }
    socket.data.principal = p;
    next();
  });

  io.on('connection', (socket) => {
    const p = socket.data.principal as Principal;
    socket.join(roomsOf(p, hub));
    socket.emit('snapshot', snapshotFor(p, hub.current, hub.lastSeq));

    for (const o of operations) {
      if (!o.event) continue;
      socket.on(o.event, async (...args: unknown[]) => {
        const ack = typeof args.at(-1) === 'function' ? (args.pop() as (a: Ack<unknown>) => void) : () => {};
        const payload = args[0] === undefined ? {} : args[0];
        try {
          // Re-check on every event: a logout or a revoked device takes effect at once.
          const now = principalOf(db, clock, socket);
          if (now.kind === 'anonymous') {
            ack({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Your session has ended; log in again.' } });
            socket.disconnect(true);
            return;
          }
          authorize(now, o.access);
          if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new HttpError(400, 'VALIDATION_FAILED', 'The payload must be an object.');
          const parsed = o.input.safeParse(payload);
          if (!parsed.success) throw validationError(parsed.error);
          const rooms = { joinCounter: (n: number) => socket.join(`counter:${n}`), leaveCounter: (n: number) => socket.leave(`counter:${n}`) };
          const data = await o.run({ hub, db, clock, principal: now, actor: actorOf(now), cookies: null, rooms }, parsed.data);
          ack({ ok: true, data });
        } catch (err) {
          ack({ ok: false, ...toError(err, log) });
        }
      });
    }
  });

  hub.onCommit(({ fromSeq, toSeq, events }) => {
    const staff: DeltaMessage = { fromSeq, toSeq, events };
    const pub: DeltaMessage = { fromSeq, toSeq, events: events.map(publicEvent) };
    io.to(STAFF_ROOMS).emit('delta', staff);
    io.to(PUBLIC_ROOMS).emit('delta', pub);
  });
  return io;
}
