// The first run of a real hall from the browser: the setup page sends the hall's name and time
// zone and the first admin, with the one-time token of the link in the hub's log.
import { hash } from '@node-rs/argon2';
import { transaction } from '../../db/client.ts';
import * as repo from '../../db/repos/index.ts';
import { joinDisplayName } from '../../protocol/users.ts';
import { HttpError } from '../errors.ts';
import { setupNeeded, setupTokenMatches } from '../setup.ts';
import { mustSucceed, op } from './op.ts';
import { staffUser, startSession } from './session.ts';
import { checkPassword } from './users.ts';

export const setupOps = [
  op('setup.status', {
    access: { anonymous: true },
    run: (ctx) => ({ needed: setupNeeded(ctx.db) }),
  }),
  op('setup.complete', {
    access: { anonymous: true },
    async run(ctx, body) {
      // Checked before and after hashing the password: two tabs may race with the same link.
      const refuse = () => {
        if (!setupNeeded(ctx.db)) throw new HttpError(409, 'SETUP_DONE', 'This hall is already set up; log in as an admin.');
        if (!setupTokenMatches(ctx.db, body.token)) throw new HttpError(403, 'SETUP_TOKEN_INVALID', 'This setup link is wrong or out of date.');
      };
      refuse();
      await checkPassword(body.password, body.username);
      const passwordHash = await hash(body.password);
      const before = ctx.hub.current.settings;
      const admin = transaction(ctx.db, () => {
        refuse();
        if (repo.findUserByUsername(ctx.db, body.username)) throw new HttpError(409, 'USERNAME_TAKEN', `The username ${body.username} is already taken.`);
        const id = repo.createUser(ctx.db, {
          username: body.username,
          displayName: joinDisplayName(body.displayNameAr, body.displayNameEn),
          role: 'admin',
          passwordHash,
          createdAt: ctx.clock.now(),
        });
        repo.clearSetupToken(ctx.db);
        const user = repo.getUser(ctx.db, id)!;
        repo.writeAudit(ctx.db, {
          at: ctx.clock.now(),
          actor: `user:${id}:${user.username}`,
          kind: 'setup.done',
          target: 'hall',
          before: { hallName: before.hallName, timeZone: before.timeZone },
          after: { hallName: body.hallName, timeZone: body.timeZone, admin: { username: user.username, displayName: user.displayName, role: user.role } },
        });
        return user;
      });
      // The engine owns the live settings; only the name and the zone change (nothing else can refuse them).
      const settings = { ...before, hallName: body.hallName, timeZone: body.timeZone };
      mustSucceed(ctx.hub.execute({ type: 'change_settings', settings }, `user:${admin.id}:${admin.username}`));
      startSession(ctx, admin.id);
      return { user: staffUser(admin) };
    },
  }),
];
