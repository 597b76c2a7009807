// Staff login/logout and device pairing.
import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { transaction } from '../../db/client.ts';
import * as repo from '../../db/repos/index.ts';
import { REFERENCE_ALPHABET } from '../../protocol/reference.ts';
import { audit } from '../audit.ts';
import { DEVICE_COOKIE, newToken, SESSION_COOKIE, SESSION_TTL_MS, sha256 } from '../auth.ts';
import type { ErrorCode } from '../../protocol/errors.ts';
import { HttpError } from '../errors.ts';
import type { ThrottleScope } from '../rate-limit.ts';
import { deviceView } from './devices.ts';
import { type OpContext, op } from './op.ts';

export const STAFF = ['counter', 'callcenter', 'supervisor', 'admin'] as const;
const PAIRING_TTL_MS = 10 * 60 * 1000;
const DEVICE_COOKIE_MS = 5 * 365 * 24 * 60 * 60 * 1000;
// Verifying against a real hash when the user is unknown keeps response times alike.
const decoyHash = hash('dor-decoy-password');

/** A staff member as login and `auth.me` describe them. */
export const staffUser = (u: Pick<repo.UserRow, 'id' | 'username' | 'displayName' | 'role' | 'mustChangePassword'>) => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  mustChangePassword: u.mustChangePassword,
});

/**
 * Runs one guess (a password, the kiosk PIN, a pairing code) under the login throttle
 * (server/rate-limit.ts): refused with 429 LOGIN_THROTTLED while `subject` or the caller's address
 * is locked, without even checking it; counted when it fails with `wrong`; clearing both counters
 * when it succeeds.
 */
export async function throttledGuess<T>(
  ctx: OpContext,
  scope: ThrottleScope,
  subject: string | null,
  wrong: ErrorCode,
  guess: () => Promise<T> | T,
): Promise<T> {
  const throttle = ctx.limiter.logins;
  const wait = throttle.wait(scope, subject, ctx.clientAddress, ctx.clock.now());
  if (wait > 0) throw new HttpError(429, 'LOGIN_THROTTLED', `Too many wrong tries; try again in ${wait} s.`, { retryAfterSeconds: wait });
  try {
    const result = await guess();
    throttle.succeeded(scope, subject, ctx.clientAddress);
    return result;
  } catch (err) {
    if (err instanceof HttpError && err.code === wrong) throttle.failed(scope, subject, ctx.clientAddress, ctx.clock.now());
    throw err;
  }
}

/** Ends the caller's own session (its record and its sockets), if it has one. */
function endOwnSession(ctx: OpContext): void {
  if (ctx.principal.kind !== 'staff') return;
  repo.deleteSession(ctx.db, ctx.principal.sessionHash);
  ctx.connections.disconnectSession(ctx.principal.sessionHash);
}

/** Logs a user in: a new session and its httpOnly cookie. A session this browser held is ended, never reused (rotation). */
export function startSession(ctx: OpContext, userId: number): void {
  endOwnSession(ctx);
  const token = newToken();
  const now = ctx.clock.now();
  repo.createSession(ctx.db, sha256(token), userId, now, now + SESSION_TTL_MS);
  ctx.cookies?.set(SESSION_COOKIE, token, SESSION_TTL_MS);
}

export const sessionOps = [
  op('auth.login', {
    access: { anonymous: true },
    async run(ctx, body) {
      // Usernames are stored in lower case (protocol/users.ts); people may type them in any case.
      const username = body.username.toLowerCase();
      const user = await throttledGuess(ctx, 'login', username, 'INVALID_CREDENTIALS', async () => {
        const found = repo.findUserByUsername(ctx.db, username);
        const good = await verify(found?.passwordHash ?? (await decoyHash), body.password);
        if (!found || found.disabledAt !== null || !good) throw new HttpError(401, 'INVALID_CREDENTIALS', 'Wrong username or password.');
        return found;
      });
      startSession(ctx, user.id);
      return { user: staffUser(user) };
    },
  }),
  op('auth.logout', {
    access: { roles: [...STAFF], duringPasswordChange: true },
    run(ctx) {
      endOwnSession(ctx);
      ctx.cookies?.clear(SESSION_COOKIE);
      return { ok: true };
    },
  }),
  op('auth.me', {
    access: { roles: [...STAFF], duringPasswordChange: true },
    run(ctx) {
      const p = ctx.principal;
      if (p.kind !== 'staff') throw new HttpError(401, 'UNAUTHENTICATED', 'Log in first.');
      const counter = Object.values(ctx.hub.current.counters).find((c) => c.open && c.userId === p.userId)?.number ?? null;
      const user = staffUser({ id: p.userId, ...p });
      const seesAccounts = p.role === 'supervisor' || p.role === 'admin';
      return seesAccounts ? { user, counter, demoPasswords: repo.anyDemoPassword(ctx.db) } : { user, counter };
    },
  }),
  op('devices.pairingCode', {
    access: { roles: ['supervisor'] },
    run(ctx, body) {
      const now = ctx.clock.now();
      const code = Array.from({ length: 8 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('');
      const expiresAt = now + PAIRING_TTL_MS;
      const deviceId = transaction(ctx.db, () => {
        const id = repo.createDevice(ctx.db, body.kind, body.name, now, { printer: body.printer });
        repo.createPairingCode(ctx.db, id, sha256(code), expiresAt);
        audit(ctx, 'device.create', `device:${id}`, { after: { kind: body.kind, name: body.name, printer: body.printer } });
        return id;
      });
      return { deviceId, code, expiresAt };
    },
  }),
  op('devices.pair', {
    access: { anonymous: true },
    async run(ctx, body) {
      const now = ctx.clock.now();
      // Codes are random, so there is no subject to count by: only the address guessing them.
      const device = await throttledGuess(
        ctx,
        'pair',
        null,
        'INVALID_PAIRING_CODE',
        () => repo.consumePairingCode(ctx.db, sha256(body.code.toUpperCase()), now) ?? invalidPairingCode(),
      );
      const token = newToken();
      repo.addDeviceToken(ctx.db, device.id, sha256(token), now);
      ctx.cookies?.set(DEVICE_COOKIE, token, DEVICE_COOKIE_MS);
      return { token, device: { id: device.id, kind: device.kind, name: device.name } };
    },
  }),
  op('devices.list', {
    access: { roles: ['supervisor'] },
    run: (ctx) => ({ devices: repo.listDevices(ctx.db).map((d) => deviceView(ctx, d)) }),
  }),
];

const invalidPairingCode = (): never => {
  throw new HttpError(400, 'INVALID_PAIRING_CODE', 'This pairing code is unknown, used or expired.');
};

/** A token for a seeded demo device, so the start page opens the demo screens already paired. */
export function demoDeviceToken(db: Parameters<typeof repo.addDeviceToken>[0], deviceId: number, now: number): string {
  const token = newToken();
  repo.addDeviceToken(db, deviceId, sha256(token), now);
  return token;
}
export { DEVICE_COOKIE_MS };
