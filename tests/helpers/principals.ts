// Every kind of caller the hub knows, made straight in the database (no login, so the login's
// password hashing and throttling stay out of the access matrix and the fuzzing), and a digest of
// everything stored, to prove that a refused request changed nothing.
import { createHash } from 'node:crypto';
import { hashSync } from '@node-rs/argon2';
import type { Statement } from 'better-sqlite3';
import * as repo from '../../db/repos/index.ts';
import type { DeviceKind, Role } from '../../protocol/domain.ts';
import { newToken, resolvePrincipal, SESSION_COOKIE, SESSION_TTL_MS, sha256 } from '../../server/auth.ts';
import type { TestHub } from './hub.ts';

export const STAFF_ROLES = ['counter', 'callcenter', 'supervisor', 'admin'] as const satisfies readonly Role[];
export const PRINCIPALS = ['anonymous', 'kiosk', 'display', ...STAFF_ROLES] as const;
export type PrincipalName = (typeof PRINCIPALS)[number];

export interface Credentials {
  cookie?: string;
  token?: string;
}

let made = 0;
/** One real hash for every probe account (hashing is slow), so an operation that checks a password gets a wrong one, not a broken one. */
let probeHash: string | undefined;

/** A new enabled account with this role; `mustChangePassword`: as an admin-set password leaves it, nothing but auth.* works. */
export function staffUser(hub: TestHub, role: Role, opts: { mustChangePassword?: boolean } = {}): number {
  made++;
  // Nobody logs in with it: its sessions are minted by staffSession.
  probeHash ??= hashSync(newToken());
  const passwordHash = probeHash;
  return repo.createUser(hub.db, { username: `probe-${role}-${made}`, displayName: `Probe ${role} ${made}`, role, passwordHash, ...opts });
}

/** A fresh session cookie of the user, as a login would set it. */
export function staffSession(hub: TestHub, userId: number): Credentials {
  const token = newToken();
  const now = hub.clock.now();
  repo.createSession(hub.db, sha256(token), userId, now, now + SESSION_TTL_MS);
  return { cookie: `${SESSION_COOKIE}=${token}` };
}

/** A newly paired device of this kind with its token. */
export function pairedDevice(hub: TestHub, kind: DeviceKind): Credentials {
  const now = hub.clock.now();
  const deviceId = repo.createDevice(hub.db, kind, `Probe ${kind} ${++made}`, now, { pairedAt: now });
  const token = newToken();
  repo.addDeviceToken(hub.db, deviceId, sha256(token), now);
  return { token };
}

/** Whether these credentials still make the hub see `who` (not revoked, disabled, demoted or sent to change the password). */
export function stillIs(hub: TestHub, who: PrincipalName, c: Credentials): boolean {
  const p = resolvePrincipal(hub.db, hub.clock.now(), hub.hub.current.settings.sessionIdleMinutes, c.cookie, c.token, false);
  if (p.kind === 'device') return p.device === who;
  if (p.kind === 'staff') return p.role === who && !p.mustChangePassword;
  return who === 'anonymous';
}

/**
 * Credentials for a principal, kept across calls and replaced when a call took them away (a fuzzed
 * revoke, disable or password reset hitting the caller itself).
 */
export function principalSource(hub: TestHub): (who: PrincipalName) => Credentials {
  const kept = new Map<PrincipalName, Credentials>();
  const make = (who: PrincipalName): Credentials =>
    who === 'anonymous' ? {} : who === 'kiosk' || who === 'display' ? pairedDevice(hub, who) : staffSession(hub, staffUser(hub, who));
  return (who) => {
    const c = kept.get(who);
    if (c && stillIs(hub, who, c)) return c;
    const fresh = make(who);
    kept.set(who, fresh);
    return fresh;
  };
}

/** The statements that read each table, prepared once per database (preparing them is most of a digest's cost). */
const tableReaders = new WeakMap<TestHub['db'], [string, Statement][]>();

function readersOf(db: TestHub['db']): [string, Statement][] {
  let readers = tableReaders.get(db);
  if (!readers) {
    const tables = db.sqlite
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> 'sessions' order by name")
      .pluck()
      .all() as string[];
    readers = tables.map((t) => [t, db.sqlite.prepare(`select * from "${t}" order by rowid`)]);
    tableReaders.set(db, readers);
  }
  return readers;
}

/**
 * A digest of every stored row and the hub's event sequence. Left out: the sessions table and a
 * device's last-seen time, which authenticating a request may itself record.
 */
export function storedState(hub: TestHub): string {
  const digest = createHash('sha256').update(`seq ${hub.hub.lastSeq}\n`);
  for (const [table, read] of readersOf(hub.db)) {
    const rows = read.all() as Record<string, unknown>[];
    if (table === 'devices') for (const row of rows) delete row.last_seen_at;
    digest.update(`${table} ${JSON.stringify(rows)}\n`);
  }
  return digest.digest('hex');
}
