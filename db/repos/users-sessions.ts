// Users and sessions
import { and, asc, count, eq, isNull, lte, ne, or } from 'drizzle-orm';
import type { Role } from '../../protocol/domain.ts';
import type { Db } from '../client.ts';
import { sessions, users } from '../schema.ts';
import { prepared } from './statements.ts';

export type UserRow = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  createdAt: number;
  disabledAt: number | null;
  mustChangePassword: boolean;
  demoPassword: boolean;
};
const toUser = (r: typeof users.$inferSelect): UserRow => ({
  id: r.id,
  username: r.username,
  displayName: r.displayName,
  role: r.role as Role,
  passwordHash: r.passwordHash,
  createdAt: r.createdAt,
  disabledAt: r.disabledAt,
  mustChangePassword: r.mustChangePassword,
  demoPassword: r.demoPassword,
});

export function findUserByUsername(db: Db, username: string): UserRow | null {
  const r = db.orm.select().from(users).where(eq(users.username, username)).get();
  return r ? toUser(r) : null;
}

export function getUser(db: Db, id: number): UserRow | null {
  const r = db.orm.select().from(users).where(eq(users.id, id)).get();
  return r ? toUser(r) : null;
}

export function listUsers(db: Db): UserRow[] {
  return db.orm.select().from(users).orderBy(asc(users.id)).all().map(toUser);
}

/** Creates an enabled user; returns its id. */
export function createUser(
  db: Db,
  u: { username: string; displayName: string; role: Role; passwordHash: string; mustChangePassword?: boolean; demoPassword?: boolean; createdAt?: number },
): number {
  return db.orm
    .insert(users)
    .values({
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      passwordHash: u.passwordHash,
      mustChangePassword: u.mustChangePassword ?? false,
      demoPassword: u.demoPassword ?? false,
      createdAt: u.createdAt ?? Date.now(),
    })
    .returning({ id: users.id })
    .get().id;
}

/** Changes a user's names, role or disabled state (disabledAt: a time disables, null enables). */
export function updateUser(db: Db, id: number, change: Partial<Pick<UserRow, 'displayName' | 'role' | 'disabledAt'>>): void {
  db.orm.update(users).set(change).where(eq(users.id, id)).run();
}

/**
 * Stores a new password hash. Any new password is no longer the demo one; `mustChange` says
 * whether its owner must replace it at the next login (set by an admin) or not (their own choice).
 */
export function setPassword(db: Db, id: number, passwordHash: string, mustChange: boolean): void {
  db.orm.update(users).set({ passwordHash, mustChangePassword: mustChange, demoPassword: false }).where(eq(users.id, id)).run();
}

/** Enabled admins other than `exceptId`: a hall always keeps at least one. */
export function countEnabledAdmins(db: Db, exceptId?: number): number {
  const others = exceptId === undefined ? undefined : ne(users.id, exceptId);
  return db.orm
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt), others))
    .get()!.n;
}

/** Whether any enabled account still has its seeded demo password. */
export function anyDemoPassword(db: Db): boolean {
  return (
    db.orm
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.demoPassword, true), isNull(users.disabledAt)))
      .limit(1)
      .get() !== undefined
  );
}

export function createSession(db: Db, tokenHash: string, userId: number, now: number, expiresAt: number): void {
  db.orm.insert(sessions).values({ tokenHash, userId, createdAt: now, expiresAt, lastSeenAt: now }).run();
}

/**
 * The user of a live session and when it was last seen: null when unknown, expired (expiresAt ≤ now),
 * idle (last seen at or before `idleSince`) or the user is disabled.
 */
export function getSessionUser(db: Db, tokenHash: string, now: number, idleSince: number): { user: UserRow; lastSeenAt: number } | null {
  const r = prepared(db).sessionUser.get({ tokenHash, now, idleSince });
  return r ? { user: toUser(r.user), lastSeenAt: r.lastSeenAt } : null;
}

export function touchSession(db: Db, tokenHash: string, now: number): void {
  db.orm.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash)).run();
}

export function deleteSession(db: Db, tokenHash: string): void {
  db.orm.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
}

/** Ends a user's sessions, all of them or all but `keepTokenHash` (the one changing its own password); returns how many. */
export function deleteUserSessions(db: Db, userId: number, keepTokenHash?: string): number {
  const keep = keepTokenHash === undefined ? undefined : ne(sessions.tokenHash, keepTokenHash);
  return db.orm
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keep))
    .run().changes;
}

/** Deletes the sessions that expired (expiresAt ≤ now) or went idle (last seen at or before `idleSince`); returns their token hashes. */
export function deleteExpiredSessions(db: Db, now: number, idleSince: number): string[] {
  return db.orm
    .delete(sessions)
    .where(or(lte(sessions.expiresAt, now), lte(sessions.lastSeenAt, idleSince)))
    .returning({ tokenHash: sessions.tokenHash })
    .all()
    .map((r) => r.tokenHash);
}
