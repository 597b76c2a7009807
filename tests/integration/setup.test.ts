// A real hall's first run (DOR_DEMO=0): nothing of the demo exists, the hub logs a one-time setup
// link, every screen says the hall is not set up yet, and the setup token works once.
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { DEMO_USERS, MINISTRY_SERVICES } from '../../db/seed.ts';
import { DEFAULT_SETTINGS } from '../../protocol/domain.ts';
import { call, connectClient, startTestHub, type TestHub } from '../helpers/hub.ts';

const hubs: TestHub[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A real hall's hub whose log lines are kept. */
async function realHall(file?: string): Promise<{ hub: TestHub; lines: string[] }> {
  const lines: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const hub = await startTestHub({ realHall: true, log, ...(file ? { file } : {}) });
  hubs.push(hub);
  return { hub, lines };
}

/** The token of the one setup line in the log (and that there is exactly one). */
function setupTokenIn(lines: string[], hub: TestHub): string {
  const setupLines = lines.filter((l) => l.includes('/setup?token='));
  expect(setupLines).toHaveLength(1);
  const entry = JSON.parse(setupLines[0]!) as { msg: string; setupUrl: string };
  expect(entry.setupUrl.startsWith(`${hub.url}/setup?token=`)).toBe(true);
  expect(entry.msg).toContain(entry.setupUrl);
  const token = new URL(entry.setupUrl).searchParams.get('token')!;
  expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16); // ≥ 128 bits
  return token;
}

const count = (hub: TestHub, table: string) => (hub.db.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

const SETUP = {
  hallName: { ar: 'وزارة الإسكان — قاعة المحرق', en: 'Ministry of Housing — Muharraq Hall' },
  timeZone: 'asia/riyadh',
  username: 'Mariam.Admin',
  displayNameAr: 'مريم الجودر',
  displayNameEn: 'Mariam Al-Jowder',
  password: 'tall cedar harbour 42',
};

const SCREEN_PATHS = ['/', '/kiosk', '/display', '/counter', '/booking', '/supervisor', `/t/${'x'.repeat(20)}`];

describe('a real hall before its first run', () => {
  it('has only the default services and settings: no users, devices, counters, bookings or citizens; demo passwords do not work', async () => {
    const { hub, lines } = await realHall();
    expect(repo.listServices(hub.db).map((s) => s.id)).toEqual(MINISTRY_SERVICES.map((s) => s.id));
    expect(repo.loadSettings(hub.db)).toEqual(DEFAULT_SETTINGS);
    for (const table of ['users', 'sessions', 'devices', 'counters', 'appointments', 'citizens', 'tickets', 'audit_log'])
      expect(count(hub, table), table).toBe(0);
    expect(repo.loadDemoDevices(hub.db)).toBeNull();
    for (const u of DEMO_USERS) {
      const r = await call(hub, 'POST', '/api/auth/login', { body: { username: u.username, password: u.password } });
      expect(r.status, u.username).toBe(401);
      expect(r.body.error.code).toBe('INVALID_CREDENTIALS');
    }
    expect(lines.some((l) => l.includes('demo'))).toBe(false);
    setupTokenIn(lines, hub);
    expect((await call(hub, 'GET', '/api/setup')).body).toEqual({ needed: true });
  });

  it('answers every screen page with the bilingual not-set-up page, but not the setup page', async () => {
    const { hub } = await realHall();
    for (const path of SCREEN_PATHS) {
      const res = await fetch(hub.url + path);
      const html = await res.text();
      expect(res.status, path).toBe(503);
      expect(res.headers.get('content-type'), path).toMatch(/text\/html/);
      expect(html, path).toContain('data-testid="not-set-up"');
      expect(html, path).toContain('لم يتم إعداد هذه القاعة بعد');
      expect(html, path).toContain('This hall is not set up yet');
    }
    const setupPage = await fetch(`${hub.url}/setup?token=abc`);
    expect(await setupPage.text()).not.toContain('not-set-up');
    // The API is not behind the gate: a screen's own calls still get their usual answers.
    expect((await call(hub, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('refuses malformed setups and wrong tokens with a 4xx code and changes nothing', async () => {
    const { hub, lines } = await realHall();
    const token = setupTokenIn(lines, hub);
    const attempts: [unknown, number, string][] = [
      [{}, 400, 'VALIDATION_FAILED'],
      [{ ...SETUP, token, extra: 1 }, 400, 'VALIDATION_FAILED'],
      [{ ...SETUP, token, timeZone: 'Mars/Olympus_Mons' }, 400, 'VALIDATION_FAILED'],
      [{ ...SETUP, token, timeZone: '+03:00' }, 400, 'VALIDATION_FAILED'],
      [{ ...SETUP, token, hallName: { ar: 'قاعة' } }, 400, 'VALIDATION_FAILED'],
      [{ ...SETUP, token, username: 'a' }, 400, 'VALIDATION_FAILED'],
      [{ ...SETUP, token, username: 'has space' }, 400, 'VALIDATION_FAILED'],
      [{ ...SETUP, token, displayNameEn: 'A / B' }, 400, 'VALIDATION_FAILED'],
      [{ ...SETUP, token: 12345 }, 400, 'VALIDATION_FAILED'],
      [{ ...SETUP, token: `${token.slice(0, -2)}xx` }, 403, 'SETUP_TOKEN_INVALID'],
      [{ ...SETUP, token: 'x'.repeat(43) }, 403, 'SETUP_TOKEN_INVALID'],
      [{ ...SETUP, token, password: 'short' }, 400, 'PASSWORD_TOO_SHORT'],
      [{ ...SETUP, token, password: 'mariam.admin-2026' }, 400, 'PASSWORD_IS_USERNAME'],
      [{ ...SETUP, token, password: 'qwertyuiop' }, 400, 'PASSWORD_TOO_COMMON'],
    ];
    for (const [body, status, code] of attempts) {
      const r = await call(hub, 'POST', '/api/setup', { body });
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.code, JSON.stringify(body)).toBe(code);
      expect(r.headers.get('set-cookie')).toBeNull();
    }
    const bad = await call(hub, 'POST', '/api/setup', { raw: '{"token": ' });
    expect(bad.body.error.code).toBe('MALFORMED_JSON');
    expect((await call(hub, 'GET', '/api/setup?x=1')).status).toBe(400);
    expect(count(hub, 'users')).toBe(0);
    expect(count(hub, 'audit_log')).toBe(0);
    expect(hub.hub.current.settings).toEqual(DEFAULT_SETTINGS);
    expect((await call(hub, 'GET', '/api/setup')).body).toEqual({ needed: true });
  });

  it('sets up once with the token: the hall name and zone, the first admin logged in, audited; then the link is dead', async () => {
    const { hub, lines } = await realHall();
    const token = setupTokenIn(lines, hub);
    const r = await call(hub, 'POST', '/api/setup', { body: { ...SETUP, token } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.user).toMatchObject({ username: 'mariam.admin', role: 'admin', displayName: 'مريم الجودر / Mariam Al-Jowder', mustChangePassword: false });
    const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
    expect(cookie).toMatch(/^dor_session=/);
    expect((await call(hub, 'GET', '/api/auth/me', { cookie })).body.user.username).toBe('mariam.admin');

    const settings = (await call(hub, 'GET', '/api/settings', { cookie })).body.settings;
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, hallName: SETUP.hallName, timeZone: 'Asia/Riyadh' });
    expect(repo.loadSettings(hub.db).timeZone).toBe('Asia/Riyadh');
    const [audit] = repo.listAudit(hub.db, { kind: 'setup.done' });
    expect(audit).toMatchObject({
      actor: `user:${r.body.user.id}:mariam.admin`,
      target: 'hall',
      before: { hallName: DEFAULT_SETTINGS.hallName, timeZone: 'Asia/Bahrain' },
      after: { hallName: SETUP.hallName, timeZone: 'Asia/Riyadh', admin: { username: 'mariam.admin', role: 'admin' } },
    });
    expect(JSON.stringify(repo.listAudit(hub.db))).not.toMatch(/argon2|passwordHash/);

    const again = await call(hub, 'POST', '/api/setup', { body: { ...SETUP, username: 'intruder', token } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SETUP_DONE');
    expect(count(hub, 'users')).toBe(1);
    expect((await call(hub, 'GET', '/api/setup')).body).toEqual({ needed: false });
    expect(repo.loadSetupTokenHash(hub.db)).toBeNull();

    // The screens come up, and the new admin logs in with the chosen password in any case.
    const start = await fetch(`${hub.url}/`);
    expect(start.status).toBe(200);
    expect(await start.text()).toContain('Muharraq Hall');
    const login = await call(hub, 'POST', '/api/auth/login', { body: { username: 'MARIAM.ADMIN', password: SETUP.password } });
    expect(login.status).toBe(200);
    const socket = await connectClient(hub, { cookie });
    socket.close();
  });

  it('makes a new token at every start while setup is pending; only the latest works, and none once set up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dor-setup-'));
    dirs.push(dir);
    const file = join(dir, 'hall.db');
    const first = await realHall(file);
    const oldToken = setupTokenIn(first.lines, first.hub);
    await first.hub.stop();
    hubs.splice(hubs.indexOf(first.hub), 1);

    const second = await realHall(file);
    const newToken = setupTokenIn(second.lines, second.hub);
    expect(newToken).not.toBe(oldToken);
    expect((await call(second.hub, 'POST', '/api/setup', { body: { ...SETUP, token: oldToken } })).body.error.code).toBe('SETUP_TOKEN_INVALID');
    expect((await call(second.hub, 'POST', '/api/setup', { body: { ...SETUP, token: newToken } })).status).toBe(200);
    await second.hub.stop();
    hubs.splice(hubs.indexOf(second.hub), 1);

    const third = await realHall(file);
    expect(third.lines.filter((l) => l.includes('/setup?token='))).toEqual([]);
    expect(repo.loadSetupTokenHash(third.hub.db)).toBeNull();
  });
});

describe('a demo hall', () => {
  it('needs no setup: no link in the log, and the setup route says it is done', async () => {
    const lines: string[] = [];
    const hub = await startTestHub({ log: pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }) });
    hubs.push(hub);
    expect(lines.filter((l) => l.includes('/setup?token='))).toEqual([]);
    expect((await call(hub, 'GET', '/api/setup')).body).toEqual({ needed: false });
    const r = await call(hub, 'POST', '/api/setup', { body: { ...SETUP, token: 'x'.repeat(43) } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('SETUP_DONE');
    expect((await fetch(`${hub.url}/`)).status).toBe(200);
  });
});
