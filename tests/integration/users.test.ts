// Staff accounts: admins create, rename, re-role, disable and reset them; everyone changes their own
// password. A password an admin set must be changed before anything else; taking an account away
// ends its sessions and sockets at once and closes its counter, the ticket going back to its queue.
// Every change is audited, never with a password hash. Also: who may run what, generated from the
// operations table.
import type { Socket } from 'socket.io-client';
import { io as connect } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { DEMO_USERS } from '../../db/seed.ts';
import { operations, type Operation } from '../../server/ops/index.ts';
import { call, type Client, connectClient, DEMO, deviceToken, login, startTestHub, type TestHub, until } from '../helpers/hub.ts';

let hub: TestHub;
const clients: Client[] = [];
beforeEach(async () => {
  hub = await startTestHub();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await hub.stop();
});
const track = (c: Client) => {
  clients.push(c);
  return c;
};

const GOOD = 'amber lantern 2026';
const OTHER = 'quiet river stones 7';
const idOf = (username: string) => repo.findUserByUsername(hub.db, username)!.id;
const users = () => hub.db.sqlite.prepare('select * from users order by id').all();
const auditJson = () => JSON.stringify(repo.listAudit(hub.db, { limit: 1000 }));

/** An admin-created account (password change pending); returns its id. */
async function createUser(admin: string, username: string, role = 'counter', password = GOOD): Promise<number> {
  const r = await call(hub, 'POST', '/api/users', {
    cookie: admin,
    body: { username, displayNameAr: 'سارة أحمد', displayNameEn: 'Sara Ahmed', role, password },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.user.id;
}

/** The socket's refusal code, or null when it connected. */
function connectError(cookie: string): Promise<string | null> {
  const socket: Socket = connect(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie } });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.close();
      resolve(null);
    });
    socket.once('connect_error', (e: Error & { data?: { code?: string } }) => {
      socket.close();
      resolve(e.data?.code ?? e.message);
    });
  });
}

describe('listing and creating users', () => {
  it('lists every account for supervisors and admins, with the demo-password warning; others get 403', async () => {
    const admin = await login(hub, ...DEMO.admin);
    const supervisor = await login(hub, ...DEMO.supervisor);
    for (const cookie of [admin, supervisor]) {
      const r = await call(hub, 'GET', '/api/users', { cookie });
      expect(r.status).toBe(200);
      expect(r.body.demoPasswords).toBe(true);
      expect(r.body.users.map((u: { username: string }) => u.username)).toEqual(DEMO_USERS.map((u) => u.username));
      expect(r.body.users[0]).toEqual({
        id: 1,
        username: 'admin',
        displayNameAr: 'فاطمة الخليفة',
        displayNameEn: 'Fatima Al-Khalifa',
        role: 'admin',
        createdAt: expect.any(Number),
        disabled: false,
        disabledAt: null,
        mustChangePassword: false,
        demoPassword: true,
      });
      expect(JSON.stringify(r.body)).not.toMatch(/argon2|passwordHash/);
    }
    expect((await call(hub, 'GET', '/api/auth/me', { cookie: supervisor })).body.demoPasswords).toBe(true);
    const counterMe = await call(hub, 'GET', '/api/auth/me', { cookie: await login(hub, ...DEMO.counter1) });
    expect(counterMe.body).not.toHaveProperty('demoPasswords');
    expect(counterMe.body.user.mustChangePassword).toBe(false);
  });

  it('creates an account with a pending password change, audited without the password', async () => {
    const admin = await login(hub, ...DEMO.admin);
    const r = await call(hub, 'POST', '/api/users', {
      cookie: admin,
      body: { username: 'Sara.Ahmed', displayNameAr: ' سارة أحمد ', displayNameEn: 'Sara Ahmed', role: 'callcenter', password: GOOD },
    });
    expect(r.status).toBe(201);
    expect(r.body.user).toMatchObject({
      username: 'sara.ahmed',
      displayNameAr: 'سارة أحمد',
      displayNameEn: 'Sara Ahmed',
      role: 'callcenter',
      mustChangePassword: true,
      demoPassword: false,
      disabled: false,
    });
    expect(repo.getUser(hub.db, r.body.user.id)!.displayName).toBe('سارة أحمد / Sara Ahmed');
    const [audit] = repo.listAudit(hub.db, { kind: 'user.create' });
    expect(audit).toMatchObject({
      actor: 'user:1:admin',
      target: `user:${r.body.user.id}`,
      before: null,
      after: { username: 'sara.ahmed', role: 'callcenter' },
    });
    expect(auditJson()).not.toMatch(/argon2|passwordHash|amber lantern/);
  });

  it('refuses bad accounts and passwords with their codes and creates nothing', async () => {
    const admin = await login(hub, ...DEMO.admin);
    const base = { username: 'new.user', displayNameAr: 'مستخدم', displayNameEn: 'User', role: 'counter', password: GOOD };
    const attempts: [unknown, number, string][] = [
      [{ ...base, username: 'Admin' }, 409, 'USERNAME_TAKEN'],
      [{ ...base, password: 'nine char' }, 400, 'PASSWORD_TOO_SHORT'],
      [{ ...base, password: 'xNEW.USERx2026' }, 400, 'PASSWORD_IS_USERNAME'],
      [{ ...base, password: '1234567890' }, 400, 'PASSWORD_TOO_COMMON'],
      [{ ...base, password: 'Password123' }, 400, 'PASSWORD_TOO_COMMON'],
      [{ ...base, role: 'boss' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, username: 'x' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, username: 'عربي' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, displayNameAr: '' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, displayNameEn: 'A/B' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, password: 'x'.repeat(201) }, 400, 'VALIDATION_FAILED'],
      [{ ...base, mustChangePassword: false }, 400, 'VALIDATION_FAILED'],
      [{ ...base, password: undefined }, 400, 'VALIDATION_FAILED'],
    ];
    const before = users();
    for (const [body, status, code] of attempts) {
      const r = await call(hub, 'POST', '/api/users', { cookie: admin, body });
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.code, JSON.stringify(body)).toBe(code);
    }
    expect((await call(hub, 'POST', '/api/users', { cookie: admin, raw: '[1]' })).status).toBe(400);
    const supervisor = await login(hub, ...DEMO.supervisor);
    const denied = await call(hub, 'POST', '/api/users', { cookie: supervisor, body: base });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    expect((await call(hub, 'POST', '/api/users', { body: base })).status).toBe(401);
    expect(users()).toEqual(before);
    expect(repo.listAudit(hub.db)).toEqual([]);
  });
});

describe('a password an admin set', () => {
  it('must be changed first: login says so, everything else is 403 (REST and socket) until it is', async () => {
    const admin = await login(hub, ...DEMO.admin);
    const id = await createUser(admin, 'sara');
    const r = await call(hub, 'POST', '/api/auth/login', { body: { username: 'sara', password: GOOD } });
    expect(r.body.user.mustChangePassword).toBe(true);
    const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
    const counters = await call(hub, 'GET', '/api/counters', { cookie });
    expect(counters.status).toBe(403);
    expect(counters.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(await connectError(cookie)).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await call(hub, 'GET', '/api/auth/me', { cookie })).body.user).toMatchObject({ username: 'sara', mustChangePassword: true });

    const change = (body: unknown) => call(hub, 'POST', '/api/auth/password', { cookie, body });
    expect((await change({ currentPassword: 'not it at all', newPassword: OTHER })).body.error.code).toBe('WRONG_PASSWORD');
    expect((await change({ currentPassword: GOOD, newPassword: GOOD })).body.error.code).toBe('PASSWORD_UNCHANGED');
    expect((await change({ currentPassword: GOOD, newPassword: 'qwertyuiop' })).body.error.code).toBe('PASSWORD_TOO_COMMON');
    expect((await change({ currentPassword: GOOD })).body.error.code).toBe('VALIDATION_FAILED');
    expect(repo.getUser(hub.db, id)!.mustChangePassword).toBe(true);

    const ok = await change({ currentPassword: GOOD, newPassword: OTHER });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.user).toMatchObject({ username: 'sara', mustChangePassword: false });
    expect((await call(hub, 'GET', '/api/counters', { cookie })).status).toBe(200);
    expect(await connectError(cookie)).toBeNull();
    expect(await login(hub, 'sara', OTHER)).toMatch(/^dor_session=/);
    expect((await call(hub, 'POST', '/api/auth/login', { body: { username: 'sara', password: GOOD } })).status).toBe(401);
    const [audit] = repo.listAudit(hub.db, { kind: 'user.password.change' });
    expect(audit).toMatchObject({ actor: `user:${id}:sara`, target: `user:${id}`, before: { mustChangePassword: true }, after: { mustChangePassword: false } });
    expect(auditJson()).not.toMatch(/argon2|passwordHash|quiet river|amber lantern/);
  });

  it('limits wrong current passwords to 5 tries a minute', async () => {
    const cookie = await login(hub, ...DEMO.agent);
    for (let i = 0; i < 5; i++) {
      expect((await call(hub, 'POST', '/api/auth/password', { cookie, body: { currentPassword: 'wrong wrong', newPassword: OTHER } })).status).toBe(403);
    }
    const limited = await call(hub, 'POST', '/api/auth/password', { cookie, body: { currentPassword: 'agent123', newPassword: OTHER } });
    expect(limited.status).toBe(429);
    hub.clock.advance(60_000);
    expect((await call(hub, 'POST', '/api/auth/password', { cookie, body: { currentPassword: 'agent123', newPassword: OTHER } })).status).toBe(200);
  });
});

describe('changing your own password', () => {
  it('keeps this session and its socket, ends the others, and clears the demo flag', async () => {
    const mine = await login(hub, ...DEMO.counter2);
    const elsewhere = await login(hub, ...DEMO.counter2);
    const mySocket = track(await connectClient(hub, { cookie: mine }));
    const otherSocket = track(await connectClient(hub, { cookie: elsewhere }));
    const r = await call(hub, 'POST', '/api/auth/password', { cookie: mine, body: { currentPassword: 'counter123', newPassword: GOOD } });
    expect(r.status).toBe(200);
    await until(() => !otherSocket.socket.connected, 5000, 'the other session’s socket to drop');
    expect(mySocket.socket.connected).toBe(true);
    expect((await mySocket.emit('auth:me')).ok).toBe(true);
    expect((await call(hub, 'GET', '/api/auth/me', { cookie: mine })).status).toBe(200);
    expect((await call(hub, 'GET', '/api/auth/me', { cookie: elsewhere })).status).toBe(401);
    expect(repo.findUserByUsername(hub.db, 'counter2')).toMatchObject({ demoPassword: false, mustChangePassword: false });
    const admin = await login(hub, ...DEMO.admin);
    const listed = (await call(hub, 'GET', '/api/users', { cookie: admin })).body;
    expect(listed.users.find((u: { username: string }) => u.username === 'counter2').demoPassword).toBe(false);
    expect(listed.demoPasswords).toBe(true); // the others still have theirs
  });
});

/** counter1 at counter 3 with a walk-in called; returns their cookie, socket and the ticket. */
async function counter1Serving(start: boolean) {
  const cookie = await login(hub, ...DEMO.counter1);
  const socket = track(await connectClient(hub, { cookie }));
  const kiosk = deviceToken(hub, 'kiosk');
  const issued = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'family-members' } });
  expect((await socket.emit('counter:open', { counter: 3 })).ok).toBe(true);
  const called = await socket.emit('counter:call-next', { counter: 3 });
  expect(called.data.ticket.id).toBe(issued.body.ticket.id);
  if (start) expect((await socket.emit('counter:start', { counter: 3 })).ok).toBe(true);
  return { cookie, socket, ticket: called.data.ticket as { id: string; issuedAt: number; serviceId: string } };
}

/** The counter is closed by the admin and its ticket waits again in its queue, in its place. */
function expectCounterReleased(ticket: { id: string; issuedAt: number; serviceId: string }) {
  const s = hub.hub.current;
  expect(s.counters[3]).toMatchObject({ open: false, userId: null, currentTicketId: null });
  expect(s.tickets[ticket.id]).toMatchObject({ status: 'waiting', counter: null, targetCounter: null, serviceId: ticket.serviceId, issuedAt: ticket.issuedAt });
  expect(s.waiting[ticket.id]).toBeDefined();
  const last = hub.db.sqlite.prepare("select type, actor from events where type in ('ticket_transferred', 'counter_closed') order by seq").all();
  expect(last).toEqual([
    { type: 'ticket_transferred', actor: 'user:1:admin' },
    { type: 'counter_closed', actor: 'user:1:admin' },
  ]);
  const [closed] = repo.listAudit(hub.db, { kind: 'counter.close' });
  expect(closed).toMatchObject({
    actor: 'user:1:admin',
    target: 'counter:3',
    before: { open: true, userId: idOf('counter1'), currentTicketId: ticket.id },
    after: { open: false, userId: null, currentTicketId: null },
  });
}

describe('taking an account away', () => {
  it('disabling cuts the open socket and the session at once and closes the counter, its ticket back in the queue', async () => {
    const { cookie, socket, ticket } = await counter1Serving(false);
    const admin = await login(hub, ...DEMO.admin);
    const id = idOf('counter1');
    const r = await call(hub, 'PUT', `/api/users/${id}`, { cookie: admin, body: { disabled: true } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.user).toMatchObject({ disabled: true, disabledAt: hub.clock.now() });
    await until(() => !socket.socket.connected, 5000, 'the disabled user’s socket to drop');
    expect((await call(hub, 'GET', '/api/auth/me', { cookie })).status).toBe(401);
    expect(hub.db.sqlite.prepare('select count(*) as n from sessions where user_id = ?').get(id)).toEqual({ n: 0 });
    expect((await call(hub, 'POST', '/api/auth/login', { body: { username: 'counter1', password: 'counter123' } })).body.error.code).toBe(
      'INVALID_CREDENTIALS',
    );
    expectCounterReleased(ticket);
    const [audit] = repo.listAudit(hub.db, { kind: 'user.update' });
    expect(audit).toMatchObject({ actor: 'user:1:admin', target: `user:${id}`, before: { disabled: false }, after: { disabled: true } });

    const enabled = await call(hub, 'PUT', `/api/users/${id}`, { cookie: admin, body: { disabled: false } });
    expect(enabled.body.user).toMatchObject({ disabled: false, disabledAt: null });
    expect(await login(hub, 'counter1', 'counter123')).toMatch(/^dor_session=/);
    expect(auditJson()).not.toMatch(/argon2|passwordHash/);
  });

  it('a reset does the same and the new password must be changed at the next login', async () => {
    const { cookie, socket, ticket } = await counter1Serving(true);
    const admin = await login(hub, ...DEMO.admin);
    const id = idOf('counter1');
    const r = await call(hub, 'POST', `/api/users/${id}/password`, { cookie: admin, body: { password: GOOD } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.user).toMatchObject({ mustChangePassword: true, demoPassword: false, disabled: false });
    await until(() => !socket.socket.connected, 5000, 'the reset user’s socket to drop');
    expect((await call(hub, 'GET', '/api/auth/me', { cookie })).status).toBe(401);
    expectCounterReleased(ticket);
    expect((await call(hub, 'POST', '/api/auth/login', { body: { username: 'counter1', password: 'counter123' } })).status).toBe(401);
    const again = await call(hub, 'POST', '/api/auth/login', { body: { username: 'counter1', password: GOOD } });
    expect(again.body.user.mustChangePassword).toBe(true);
    const [audit] = repo.listAudit(hub.db, { kind: 'user.password.reset' });
    expect(audit).toMatchObject({
      target: `user:${id}`,
      before: { mustChangePassword: false, demoPassword: true },
      after: { mustChangePassword: true, demoPassword: false },
    });
    expect(auditJson()).not.toMatch(/argon2|passwordHash|amber lantern/);
  });

  it('refuses bad resets and updates with their codes and changes nothing', async () => {
    const admin = await login(hub, ...DEMO.admin);
    const id = idOf('counter1');
    const attempts: [string, string, unknown, number, string][] = [
      ['POST', `/api/users/${id}/password`, { password: 'short' }, 400, 'PASSWORD_TOO_SHORT'],
      ['POST', `/api/users/${id}/password`, { password: 'counter1-is-me' }, 400, 'PASSWORD_IS_USERNAME'],
      ['POST', `/api/users/${id}/password`, {}, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/users/999/password', { password: GOOD }, 404, 'USER_NOT_FOUND'],
      ['POST', '/api/users/abc/password', { password: GOOD }, 400, 'VALIDATION_FAILED'],
      ['PUT', `/api/users/${id}`, {}, 400, 'VALIDATION_FAILED'],
      ['PUT', `/api/users/${id}`, { role: 'boss' }, 400, 'VALIDATION_FAILED'],
      ['PUT', `/api/users/${id}`, { disabled: 'yes' }, 400, 'VALIDATION_FAILED'],
      ['PUT', `/api/users/${id}`, { displayNameAr: 'a/b' }, 400, 'VALIDATION_FAILED'],
      ['PUT', `/api/users/${id}`, { username: 'renamed' }, 400, 'VALIDATION_FAILED'],
      ['PUT', `/api/users/${id}`, { id: 2, role: 'admin' }, 400, 'VALIDATION_FAILED'],
      ['PUT', '/api/users/0', { role: 'admin' }, 400, 'VALIDATION_FAILED'],
      ['PUT', '/api/users/999', { role: 'admin' }, 404, 'USER_NOT_FOUND'],
    ];
    const cookie = await login(hub, ...DEMO.counter1);
    const before = users();
    for (const [method, path, body, status, code] of attempts) {
      const r = await call(hub, method, path, { cookie: admin, body });
      expect(r.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
      expect(r.body.error.code, `${method} ${path} ${JSON.stringify(body)}`).toBe(code);
    }
    expect(users()).toEqual(before);
    expect((await call(hub, 'GET', '/api/auth/me', { cookie })).status).toBe(200);
    expect(repo.listAudit(hub.db)).toEqual([]);
  });

  it('renames and re-roles an account; a role change reconnects its screens but keeps the session', async () => {
    const admin = await login(hub, ...DEMO.admin);
    const supervisor = await login(hub, ...DEMO.supervisor);
    const socket = track(await connectClient(hub, { cookie: supervisor }));
    const id = idOf('supervisor');
    const renamed = await call(hub, 'PUT', `/api/users/${id}`, { cookie: admin, body: { displayNameEn: 'Ahmed A. Al-Mannai' } });
    expect(renamed.body.user).toMatchObject({ displayNameAr: 'أحمد المناعي', displayNameEn: 'Ahmed A. Al-Mannai', role: 'supervisor' });
    expect(socket.socket.connected).toBe(true);
    const r = await call(hub, 'PUT', `/api/users/${id}`, { cookie: admin, body: { role: 'callcenter' } });
    expect(r.body.user.role).toBe('callcenter');
    await until(() => !socket.socket.connected, 5000, 'the re-roled user’s socket to drop');
    const me = await call(hub, 'GET', '/api/auth/me', { cookie: supervisor });
    expect(me.body.user).toMatchObject({ role: 'callcenter', displayName: 'أحمد المناعي / Ahmed A. Al-Mannai' });
    expect((await call(hub, 'GET', '/api/settings', { cookie: supervisor })).status).toBe(403);
    expect(repo.listAudit(hub.db, { kind: 'user.update' }).map((a) => [a.before, a.after])).toEqual([
      [expect.objectContaining({ role: 'supervisor' }), expect.objectContaining({ role: 'callcenter' })],
      [expect.objectContaining({ displayNameEn: 'Ahmed Al-Mannai' }), expect.objectContaining({ displayNameEn: 'Ahmed A. Al-Mannai' })],
    ]);
  });
});

describe('the last admin', () => {
  it('cannot be disabled or demoted, and nobody disables or demotes themself', async () => {
    const admin = await login(hub, ...DEMO.admin);
    for (const body of [{ disabled: true }, { role: 'supervisor' }]) {
      const r = await call(hub, 'PUT', '/api/users/1', { cookie: admin, body });
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('LAST_ADMIN');
    }
    const second = await createUser(admin, 'second.admin', 'admin');
    const own = await call(hub, 'PUT', '/api/users/1', { cookie: admin, body: { role: 'supervisor' } });
    expect(own.body.error.code).toBe('OWN_ACCOUNT');
    expect((await call(hub, 'PUT', '/api/users/1', { cookie: admin, body: { displayNameEn: 'Fatima K.' } })).status).toBe(200);

    let other = await login(hub, 'second.admin', GOOD);
    expect((await call(hub, 'POST', '/api/auth/password', { cookie: other, body: { currentPassword: GOOD, newPassword: OTHER } })).status).toBe(200);
    other = await login(hub, 'second.admin', OTHER);
    expect((await call(hub, 'PUT', '/api/users/1', { cookie: other, body: { disabled: true } })).status).toBe(200);
    const last = await call(hub, 'PUT', `/api/users/${second}`, { cookie: other, body: { disabled: true } });
    expect(last.body.error.code).toBe('LAST_ADMIN');
    expect(repo.countEnabledAdmins(hub.db)).toBe(1);
    expect((await call(hub, 'GET', '/api/auth/me', { cookie: admin })).status).toBe(401); // the disabled admin's session ended
  });
});

// --- who may run what, generated from the operations table

/**
 * What counter staff and call-center agents may run besides the operations open to anyone. Every
 * other operation must answer them 403: a new supervisor or admin operation whose access rule lets
 * them in fails here until this list says they should.
 */
const ALLOWED: Record<'counter' | 'callcenter', string[]> = {
  counter: [
    'auth.logout',
    'auth.me',
    'auth.password',
    'snapshot.get',
    'services.list',
    'counters.list',
    'counter.open',
    'counter.close',
    'counter.call-next',
    'counter.call',
    'counter.recall',
    'counter.no-show',
    'counter.start',
    'counter.finish',
    'counter.transfer',
    'counter.pause',
    'counter.resume',
    'citizens.get',
    'counter.myDay',
  ],
  callcenter: [
    'auth.logout',
    'auth.me',
    'auth.password',
    'snapshot.get',
    'services.list',
    'counters.list',
    'slots.list',
    'appointments.list',
    'appointments.create',
    'appointments.reschedule',
    'appointments.cancel',
    'appointments.byReference',
    'citizens.appointments',
    'citizens.get',
    'citizens.contact',
    'citizens.iban',
    'citizens.family.add',
    'calls.create',
    'calls.list',
  ],
};

const PARAMS: Record<string, string> = { counter: '3', id: '1', token: 'x'.repeat(20), cpr: '900000001', reference: 'ABCDEFG' };
const pathOf = (o: Operation) => o.http!.path.replace(/:([a-z]+)/gi, (_m, p: string) => PARAMS[p]!);
const forStaff = operations.filter((o) => !o.access.anonymous);

describe('access rules', () => {
  it('name only real operations in the allow-lists, each open to that role by its rule', () => {
    for (const [role, names] of Object.entries(ALLOWED)) {
      for (const name of names) {
        const o = operations.find((x) => x.name === name);
        expect(o, name).toBeDefined();
        expect(o!.access.roles, `${name} for ${role}`).toContain(role);
      }
    }
  });

  for (const role of ['counter', 'callcenter'] as const) {
    it(`answer a ${role} 403 on every operation not on its list, over REST and the socket`, async () => {
      const [username, password] = role === 'counter' ? DEMO.counter1 : DEMO.agent;
      const cookie = await login(hub, username, password);
      const socket = track(await connectClient(hub, { cookie }));
      const denied = forStaff.filter((o) => !ALLOWED[role].includes(o.name));
      expect(denied.map((o) => o.name)).toEqual(expect.arrayContaining(['users.list', 'users.create', 'users.update', 'users.resetPassword', 'settings.put']));
      const seq = hub.hub.lastSeq;
      for (const o of denied) {
        if (o.http) {
          const r = await call(hub, o.http.method.toUpperCase(), pathOf(o), { cookie, ...(o.http.method === 'get' ? {} : { body: {} }) });
          expect([r.status, r.body.error?.code], `${o.name} over REST`).toEqual([403, 'FORBIDDEN']);
        }
        if (o.event) {
          const ack = await socket.emit(o.event, {});
          expect([ack.ok, ack.error?.code], `${o.name} over the socket`).toEqual([false, 'FORBIDDEN']);
        }
      }
      expect(hub.hub.lastSeq).toBe(seq);
    });
  }

  it('answer a user with a pending password change 403 PASSWORD_CHANGE_REQUIRED on all they could otherwise do, but me, logout and the change', async () => {
    const admin = await login(hub, ...DEMO.admin);
    await createUser(admin, 'new.counter', 'counter');
    const cookie = await login(hub, 'new.counter', GOOD);
    const during = ['auth.me', 'auth.logout', 'auth.password'];
    expect(forStaff.filter((o) => o.access.duringPasswordChange).map((o) => o.name)).toEqual(expect.arrayContaining(during));
    for (const o of forStaff.filter((x) => x.http && !during.includes(x.name))) {
      const r = await call(hub, o.http!.method.toUpperCase(), pathOf(o), { cookie, ...(o.http!.method === 'get' ? {} : { body: {} }) });
      const expected = ALLOWED.counter.includes(o.name) ? 'PASSWORD_CHANGE_REQUIRED' : 'FORBIDDEN';
      expect([r.status, r.body.error?.code], o.name).toEqual([403, expected]);
    }
    expect((await call(hub, 'GET', '/api/auth/me', { cookie })).status).toBe(200);
  });
});
