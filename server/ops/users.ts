// Staff accounts: admins create, rename, re-role, disable and reset them; everyone changes their
// own password. Every change is audited (never a password or its hash), and taking an account away
// (disabling it, resetting its password) ends its sessions and sockets at once and closes the
// counter it holds, its ticket going back to its queue.
import { hash, verify } from '@node-rs/argon2';
import { transaction } from '../../db/client.ts';
import * as repo from '../../db/repos/index.ts';
import { ERRORS } from '../../protocol/errors.ts';
import { joinDisplayName, splitDisplayName, type UserAccount } from '../../protocol/users.ts';
import { audit, executeAudited } from '../audit.ts';
import { HttpError } from '../errors.ts';
import { notFound, type OpContext, op } from './op.ts';
import { STAFF, staffUser } from './session.ts';

/** An account as the console lists it. */
export function userAccount(u: repo.UserRow): UserAccount {
  const names = splitDisplayName(u.displayName);
  return {
    id: u.id,
    username: u.username,
    displayNameAr: names.ar,
    displayNameEn: names.en,
    role: u.role,
    createdAt: u.createdAt,
    disabled: u.disabledAt !== null,
    disabledAt: u.disabledAt,
    mustChangePassword: u.mustChangePassword,
    demoPassword: u.demoPassword,
  };
}

/** What the audit log keeps of an account: everything the console shows, never the password hash. */
const accountRecord = (u: repo.UserRow) => {
  const { id: _id, createdAt: _createdAt, disabledAt: _disabledAt, ...rest } = userAccount(u);
  return rest;
};

/**
 * Throws the first password rule `password` breaks (protocol/password-rules.ts), with its own code.
 * The rules' list of common passwords (~15 MB once unpacked) loads at the first check, not at start.
 */
export async function checkPassword(password: string, username: string): Promise<void> {
  const { passwordProblem } = await import('../../protocol/password-rules.ts');
  const problem = passwordProblem(password, username);
  if (problem) throw new HttpError(ERRORS[problem].status, problem, ERRORS[problem].en);
}

function existing(ctx: OpContext, id: number): repo.UserRow {
  return repo.getUser(ctx.db, id) ?? notFound('USER_NOT_FOUND', `There is no user ${id}.`);
}

/**
 * Closes every counter `userId` holds, as the supervisor's close by the caller (an engine command,
 * audited): a current ticket and the tickets handed to the counter go back to their queue.
 */
export function closeCountersOf(ctx: OpContext, userId: number, reason: string): void {
  for (const c of Object.values(ctx.hub.current.counters).filter((x) => x.open && x.userId === userId)) {
    executeAudited(
      ctx,
      { type: 'force_close_counter', counter: c.number, reason },
      {
        kind: 'counter.close',
        target: `counter:${c.number}`,
        before: { open: c.open, userId: c.userId, currentTicketId: c.currentTicketId },
        after: () => {
          const now = ctx.hub.current.counters[c.number]!;
          return { open: now.open, userId: now.userId, currentTicketId: now.currentTicketId };
        },
      },
    );
  }
}

/** The account is taken away from whoever uses it: sessions and sockets end, its counters close. */
function endUse(ctx: OpContext, userId: number, reason: string): void {
  repo.deleteUserSessions(ctx.db, userId);
  ctx.connections.disconnectUser(userId);
  closeCountersOf(ctx, userId, reason);
}

export const userOps = [
  op('auth.password', {
    access: { roles: [...STAFF], duringPasswordChange: true },
    async run(ctx, { currentPassword, newPassword }) {
      const p = ctx.principal;
      if (p.kind !== 'staff') throw new HttpError(401, 'UNAUTHENTICATED', 'Log in first.');
      const key = `password:${p.userId}`;
      if (!ctx.limiter.take(key, 5, 60_000, ctx.clock.now())) throw new HttpError(429, 'RATE_LIMITED', 'Too many tries; wait a minute.');
      const user = existing(ctx, p.userId);
      if (!(await verify(user.passwordHash, currentPassword))) throw new HttpError(403, 'WRONG_PASSWORD', 'The current password is wrong.');
      if (newPassword === currentPassword) throw new HttpError(400, 'PASSWORD_UNCHANGED', 'The new password is the same as the current one.');
      await checkPassword(newPassword, user.username);
      const passwordHash = await hash(newPassword);
      const changed = transaction(ctx.db, () => {
        repo.setPassword(ctx.db, user.id, passwordHash, false);
        // Whoever else is logged in with the old password is logged out; this session stays.
        repo.deleteUserSessions(ctx.db, user.id, p.sessionHash);
        const after = existing(ctx, user.id);
        audit(ctx, 'user.password.change', `user:${user.id}`, { before: accountRecord(user), after: accountRecord(after) });
        return after;
      });
      ctx.connections.disconnectUser(user.id, p.sessionHash);
      return { user: staffUser(changed) };
    },
  }),
  op('users.list', {
    access: { roles: ['supervisor'] },
    run: (ctx) => ({ users: repo.listUsers(ctx.db).map(userAccount), demoPasswords: repo.anyDemoPassword(ctx.db) }),
  }),
  op('users.create', {
    access: { roles: ['admin'] },
    async run(ctx, body) {
      await checkPassword(body.password, body.username);
      const passwordHash = await hash(body.password);
      const created = transaction(ctx.db, () => {
        if (repo.findUserByUsername(ctx.db, body.username)) throw new HttpError(409, 'USERNAME_TAKEN', `The username ${body.username} is already taken.`);
        const id = repo.createUser(ctx.db, {
          username: body.username,
          displayName: joinDisplayName(body.displayNameAr, body.displayNameEn),
          role: body.role,
          passwordHash,
          mustChangePassword: true,
          createdAt: ctx.clock.now(),
        });
        const user = existing(ctx, id);
        audit(ctx, 'user.create', `user:${id}`, { after: accountRecord(user) });
        return user;
      });
      return { user: userAccount(created) };
    },
  }),
  op('users.update', {
    access: { roles: ['admin'] },
    run(ctx, { id, displayNameAr, displayNameEn, role, disabled }) {
      const user = existing(ctx, id);
      const wasAdmin = user.role === 'admin' && user.disabledAt === null;
      const losesAdmin = wasAdmin && (disabled === true || (role !== undefined && role !== 'admin'));
      if (losesAdmin && repo.countEnabledAdmins(ctx.db, id) === 0)
        throw new HttpError(409, 'LAST_ADMIN', 'The last enabled admin cannot be disabled or given another role.');
      const self = ctx.principal.kind === 'staff' && ctx.principal.userId === id;
      if (self && (disabled === true || (role !== undefined && role !== user.role))) {
        throw new HttpError(409, 'OWN_ACCOUNT', 'You cannot disable your own account or change your own role.');
      }
      const names = splitDisplayName(user.displayName);
      const change = {
        displayName: joinDisplayName(displayNameAr ?? names.ar, displayNameEn ?? names.en),
        role: role ?? user.role,
        disabledAt: disabled === undefined ? user.disabledAt : disabled ? (user.disabledAt ?? ctx.clock.now()) : null,
      };
      const updated = transaction(ctx.db, () => {
        repo.updateUser(ctx.db, id, change);
        const after = existing(ctx, id);
        const before = accountRecord(user);
        if (JSON.stringify(before) !== JSON.stringify(accountRecord(after))) {
          audit(ctx, 'user.update', `user:${id}`, { before, after: accountRecord(after) });
        }
        return after;
      });
      if (user.disabledAt === null && updated.disabledAt !== null) endUse(ctx, id, 'account disabled');
      // Socket rooms follow the role: reconnecting puts the user's screens in the rooms of the new one.
      else if (updated.role !== user.role) ctx.connections.disconnectUser(id);
      return { user: userAccount(updated) };
    },
  }),
  op('users.resetPassword', {
    access: { roles: ['admin'] },
    async run(ctx, { id, password }) {
      const user = existing(ctx, id);
      await checkPassword(password, user.username);
      const passwordHash = await hash(password);
      const updated = transaction(ctx.db, () => {
        repo.setPassword(ctx.db, id, passwordHash, true);
        const after = existing(ctx, id);
        audit(ctx, 'user.password.reset', `user:${id}`, { before: accountRecord(user), after: accountRecord(after) });
        return after;
      });
      endUse(ctx, id, 'password reset');
      return { user: userAccount(updated) };
    },
  }),
];
