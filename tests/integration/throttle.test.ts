// Login throttling (server/rate-limit.ts LoginThrottle) on a real hub: staff login, the kiosk PIN and
// pairing codes, per subject and per client address. Other client addresses are other loopback
// addresses (127.0.0.2 …), which Linux routes to the hub on 127.0.0.1.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../server/rate-limit.ts';
import { call, DEMO, deviceToken, login, startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub | undefined;
afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

const A = '127.0.0.1';
const B = '127.0.0.2';
const C = '127.0.0.3';

/** A JSON POST to the hub from the client address `from`. */
function postFrom(h: TestHub, from: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: any }> {
  const { hostname, port } = new URL(h.url);
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(data)) };
    if (token) headers.authorization = `Bearer ${token}`;
    const req = request({ host: hostname, port, localAddress: from, method: 'POST', path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

const loginFrom = (h: TestHub, from: string, username: string, password: string) => postFrom(h, from, '/api/auth/login', { username, password });

/** The 429's wait, after checking it is the throttle's. */
function throttled(r: { status: number; body: any }): number {
  expect([r.status, r.body.error?.code]).toEqual([429, 'LOGIN_THROTTLED']);
  const wait = r.body.error.details.retryAfterSeconds as number;
  expect(Number.isInteger(wait) && wait > 0).toBe(true);
  return wait;
}

describe('staff login throttling', () => {
  it('30 wrong passwords: from the 5th on, even the right password waits 1 s, 2 s, 4 s … up to the 15 min cap; other users and addresses go on', async () => {
    hub = await startTestHub();
    const waits: number[] = [];
    for (let failure = 1; failure <= 30; failure++) {
      // Each wrong password is checked (401), never refused unseen: the clock moved past the last wait.
      expect((await loginFrom(hub, A, 'supervisor', 'wrong-password')).body.error.code).toBe('INVALID_CREDENTIALS');
      if (failure < 5) continue;
      const wait = throttled(await loginFrom(hub, A, 'supervisor', 'super123'));
      waits.push(wait);
      hub.clock.advance(wait * 1000);
    }
    expect(waits).toEqual(Array.from({ length: 26 }, (_, i) => Math.min(900, 2 ** i)));
    expect(Math.max(...waits)).toBe(LoginThrottle.CAP_MS / 1000);

    // Locked again by one more failure: this address waits for any username…
    await loginFrom(hub, A, 'supervisor', 'wrong-password');
    throttled(await loginFrom(hub, A, 'counter1', 'counter123'));
    // …another user from another address is not touched, and the right password from an address
    // that never failed opens the locked username (the guesser cannot lock its owner out).
    expect((await loginFrom(hub, C, 'counter1', 'counter123')).status).toBe(200);
    expect((await loginFrom(hub, B, 'supervisor', 'super123')).status).toBe(200);
    // The guesser's address keeps its own lock.
    throttled(await loginFrom(hub, A, 'supervisor', 'super123'));
  });

  it('a success clears the count: four wrong, right, four wrong again are all checked', async () => {
    hub = await startTestHub();
    for (let i = 0; i < 4; i++) expect((await loginFrom(hub, A, 'agent', 'nope')).status).toBe(401);
    expect((await loginFrom(hub, A, 'agent', 'agent123')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await loginFrom(hub, A, 'agent', 'nope')).status).toBe(401);
    expect((await loginFrom(hub, A, 'agent', 'agent123')).status).toBe(200);
    // Without the reset these five would have locked it at the fifth.
    for (let i = 0; i < 5; i++) expect((await loginFrom(hub, A, 'agent', 'nope')).status).toBe(401);
    expect(throttled(await loginFrom(hub, A, 'agent', 'agent123'))).toBe(1);
  });

  it("counts a username's failures over addresses: the addresses that failed on it wait, a clean one logs in", async () => {
    hub = await startTestHub();
    for (let i = 0; i < 3; i++) expect((await loginFrom(hub, A, 'admin', 'guess')).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await loginFrom(hub, B, 'admin', 'guess')).status).toBe(401);
    // Neither address reached 5 failures; the username did.
    throttled(await loginFrom(hub, A, 'admin', 'admin123'));
    throttled(await loginFrom(hub, B, 'admin', 'admin123'));
    expect((await loginFrom(hub, A, 'agent', 'agent123')).status).toBe(200);
    expect((await loginFrom(hub, C, 'admin', 'admin123')).status).toBe(200);
    // That success cleared the username's count: A and B are no longer held back on it.
    expect((await loginFrom(hub, B, 'admin', 'admin123')).status).toBe(200);
  });

  it('usernames are counted in any case people type them', async () => {
    hub = await startTestHub();
    for (const u of ['Agent', 'AGENT', 'agent', 'aGent', 'agenT']) expect((await loginFrom(hub, A, u, 'nope')).status).toBe(401);
    throttled(await loginFrom(hub, A, 'AgEnT', 'agent123'));
  });
});

describe('kiosk PIN and pairing code throttling', () => {
  it("the kiosk's staff PIN: five wrong, then even the right PIN waits; after the wait it opens and clears the count", async () => {
    hub = await startTestHub();
    const token = deviceToken(hub, 'kiosk');
    for (let i = 0; i < 5; i++) expect((await postFrom(hub, A, '/api/kiosk/exit', { pin: '0000' }, token)).body.error.code).toBe('WRONG_PIN');
    expect(throttled(await postFrom(hub, A, '/api/kiosk/exit', { pin: '1234' }, token))).toBe(1);
    hub.clock.advance(1000);
    expect((await postFrom(hub, A, '/api/kiosk/exit', { pin: '1234' }, token)).body).toEqual({ ok: true });
    expect((await postFrom(hub, A, '/api/kiosk/exit', { pin: '0000' }, token)).body.error.code).toBe('WRONG_PIN');
    // A staff login from the same address is another scope: the kiosk's typos do not hold it back.
    expect((await loginFrom(hub, A, 'supervisor', 'super123')).status).toBe(200);
  });

  it('pairing codes: an address that guessed five wrong codes waits, even with a good code; another address pairs', async () => {
    hub = await startTestHub();
    const sup = await login(hub, ...DEMO.supervisor);
    const made = await call(hub, 'POST', '/api/devices/pairing-codes', { cookie: sup, body: { kind: 'display', name: 'Upstairs TV' } });
    const code = made.body.code as string;
    for (let i = 0; i < 5; i++) expect((await postFrom(hub, A, '/api/devices/pair', { code: `WRONG${i}` })).body.error.code).toBe('INVALID_PAIRING_CODE');
    throttled(await postFrom(hub, A, '/api/devices/pair', { code }));
    const paired = await postFrom(hub, B, '/api/devices/pair', { code });
    expect([paired.status, paired.body.device?.name]).toEqual([200, 'Upstairs TV']);
  });
});

describe('LoginThrottle', () => {
  it('keeps at most MAX_ENTRIES entries, dropping the least recently failed', () => {
    const t = new LoginThrottle();
    const now = 1_000_000;
    for (let i = 0; i < 5; i++) t.failed('login', null, 'first', now);
    expect(t.wait('login', null, 'first', now)).toBe(1);
    for (let i = 0; i < LoginThrottle.MAX_ENTRIES; i++) t.failed('login', null, `10.0.${i >> 8}.${i & 255}`, now);
    expect(t.wait('login', null, 'first', now)).toBe(0);
  });

  it('holds back an address that failed on a username at most the cap after its own last failure, however long others keep it locked', () => {
    const t = new LoginThrottle();
    const MIN = 60_000;
    for (let i = 0; i < 20; i++) t.failed('login', 'sara', 'guesser', 0);
    t.failed('login', 'sara', 'clerk', 0);
    expect(t.wait('login', 'sara', 'clerk', 0)).toBe(900);
    // The guesser fails again as each lock ends, keeping the username locked…
    t.failed('login', 'sara', 'guesser', 15 * MIN);
    expect(t.wait('login', 'sara', 'guesser', 15 * MIN)).toBe(900);
    // …but the clerk, who mistyped once, has waited the cap and may try again.
    expect(t.wait('login', 'sara', 'clerk', 15 * MIN)).toBe(0);
    expect(t.wait('login', 'sara', 'clerk', 15 * MIN - 1000)).toBe(1);
  });

  it('forgets failures after an hour without one', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 20; i++) t.failed('pin', 'kiosk:1', 'a', 0);
    expect(t.wait('pin', 'kiosk:1', 'a', 0)).toBe(900);
    expect(t.wait('pin', 'kiosk:1', 'a', LoginThrottle.FORGET_MS - 1000)).toBe(0);
    t.failed('pin', 'kiosk:1', 'a', LoginThrottle.FORGET_MS);
    // Counted from one again, not from 21.
    expect(t.wait('pin', 'kiosk:1', 'a', LoginThrottle.FORGET_MS)).toBe(0);
  });
});
