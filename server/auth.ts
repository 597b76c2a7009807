// Who is calling: staff with a session cookie, or a paired device with its token.
import { createHash, randomBytes } from 'node:crypto';
import { parseCookie as parseCookies } from 'cookie';
import type { DeviceKind, Role } from '../protocol/domain.ts';
import type { Db } from '../db/client.ts';
import { bestEffortWrite } from '../db/faults.ts';
import * as repo from '../db/repos/index.ts';
import { HttpError } from './errors.ts';

export const SESSION_COOKIE = 'dor_session';
export const DEVICE_COOKIE = 'dor_device';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** A session's activity is written at most this often, so it may end up to this much before its idle time is quite over. */
const SESSION_SEEN_EVERY_MS = 60_000;

/** The instant at or before which a session last seen is idle, for the hall's `sessionIdleMinutes`. */
export const idleSince = (now: number, sessionIdleMinutes: number) => now - sessionIdleMinutes * 60_000;

export type Principal =
  | { kind: 'staff'; userId: number; username: string; displayName: string; role: Role; mustChangePassword: boolean; sessionHash: string }
  | { kind: 'device'; deviceId: number; device: DeviceKind; name: string }
  | { kind: 'anonymous' };

/** Who may run an operation. Admins may do everything a supervisor may. */
export interface Access {
  roles?: Role[];
  devices?: DeviceKind[];
  anonymous?: boolean;
  /** Staff may run it while their password must be changed (who am I, log out, change it); nothing else is open to them until then. */
  duringPasswordChange?: boolean;
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

/** The actor of a change the citizen made on the appointment page (`/a/<token>`). */
export const CITIZEN_ACTOR = 'citizen';

export function actorOf(p: Principal): string {
  if (p.kind === 'staff') return `user:${p.userId}:${p.username}`;
  if (p.kind === 'device') return `device:${p.deviceId}:${p.device}`;
  return 'anonymous';
}

/** The name a person reads for an actor id (`user:3:agent` → its display name); null for the hub's own jobs. */
export function actorName(db: Db, actor: string): string | null {
  const [kind, id] = actor.split(':');
  if (kind === 'user') return repo.getUser(db, Number(id))?.displayName ?? actor;
  if (kind === 'device') return repo.getDevice(db, Number(id))?.name ?? actor;
  if (actor === CITIZEN_ACTOR) return 'المواطن / The citizen';
  return null;
}

/**
 * Resolves a principal from a Cookie header and/or a bearer token. Staff sessions win; each one
 * resolved counts as the session's activity (it is not idle), unless `activity` is false.
 */
export function resolvePrincipal(
  db: Db,
  now: number,
  sessionIdleMinutes: number,
  cookieHeader: string | undefined,
  bearer: string | undefined,
  activity = true,
): Principal {
  const cookies = cookieHeader ? parseCookies(cookieHeader) : {};
  const session = cookies[SESSION_COOKIE];
  if (session) {
    const sessionHash = sha256(session);
    const live = repo.getSessionUser(db, sessionHash, now, idleSince(now, sessionIdleMinutes));
    if (live) {
      if (activity && now - live.lastSeenAt >= SESSION_SEEN_EVERY_MS) bestEffortWrite(db, () => repo.touchSession(db, sessionHash, now));
      const { id: userId, username, displayName, role, mustChangePassword } = live.user;
      return { kind: 'staff', userId, username, displayName, role, mustChangePassword, sessionHash };
    }
    // An ended session stays ended, whatever the clock does next.
    bestEffortWrite(db, () => repo.deleteSession(db, sessionHash));
  }
  const deviceToken = bearer ?? cookies[DEVICE_COOKIE];
  if (deviceToken) {
    const device = repo.findDeviceByToken(db, sha256(deviceToken));
    if (device) {
      // A screen keeps working while the database takes no writes; its last-seen time waits for a later request.
      bestEffortWrite(db, () => repo.markDeviceSeen(db, device, now));
      return { kind: 'device', deviceId: device.id, device: device.kind, name: device.name };
    }
  }
  return { kind: 'anonymous' };
}

/** A peer address as the throttle counts it: `::ffff:10.0.0.5` and `10.0.0.5` are one client. */
export const clientAddress = (raw: string | undefined): string => (raw ?? 'unknown').replace(/^::ffff:/, '');

export function bearerOf(authorization: string | undefined): string | undefined {
  const m = authorization?.match(/^Bearer\s+(\S+)$/i);
  return m?.[1];
}

/** Throws 401/403 unless the principal is allowed. */
export function authorize(p: Principal, access: Access): void {
  if (access.anonymous) return;
  if (p.kind === 'anonymous') throw new HttpError(401, 'UNAUTHENTICATED', 'Log in, or pair this device, first.');
  if (p.kind === 'staff') {
    const roles = access.roles ?? [];
    if (!roles.includes(p.role) && !(p.role === 'admin' && roles.includes('supervisor'))) throw new HttpError(403, 'FORBIDDEN', 'Your role may not do this.');
    if (p.mustChangePassword && !access.duringPasswordChange) throw new HttpError(403, 'PASSWORD_CHANGE_REQUIRED', 'Change your temporary password first.');
    return;
  }
  if (!access.devices?.includes(p.device)) throw new HttpError(403, 'FORBIDDEN', 'Your role may not do this.');
}
