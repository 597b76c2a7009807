// CSRF beyond SameSite: a browser page on another port or host (same site, so the staff cookie goes
// along) must not change anything nor open a socket; the hub's own pages, DOR_PUBLIC_URL's and
// DOR_ALLOWED_ORIGINS' may, and so may clients that are no browser (no Origin, no Referer).
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../protocol/errors.ts';
import { loadConfig } from '../../server/config.ts';
import { originAllowed } from '../../server/origin.ts';
import { connectClient, DEMO, login, startTestHub, type TestHub } from '../helpers/hub.ts';

const ALLOWED = 'http://dev.hall.example:5173';
let hub: TestHub;
let supervisor: string;
beforeAll(async () => {
  hub = await startTestHub({ allowedOrigins: [ALLOWED] });
  supervisor = await login(hub, ...DEMO.supervisor);
});
afterAll(() => hub.stop());

/** Another port on the same host: the same site, so a SameSite=Strict cookie would still go along. */
const otherPort = () => {
  const u = new URL(hub.url);
  return `${u.protocol}//${u.hostname}:${Number(u.port) + 1}`;
};

async function setTicker(headers: Record<string, string>) {
  const res = await fetch(`${hub.url}/api/hall/ticker`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: supervisor, ...headers },
    body: JSON.stringify({ ar: 'رسالة', en: 'A message', expiresAt: hub.clock.now() + 3_600_000 }),
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
}

describe('state-changing REST requests', () => {
  it('refuses a foreign Origin or Referer with 403 BAD_ORIGIN and changes nothing', async () => {
    const before = hub.hub.lastSeq;
    const foreign: Record<string, string>[] = [
      { origin: otherPort() },
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { referer: `${otherPort()}/page` },
      // Origin wins over a Referer that would pass.
      { origin: 'http://evil.example', referer: `${hub.url}/supervisor` },
    ];
    for (const headers of foreign) {
      const r = await setTicker(headers);
      expect([r.status, r.body.error?.code], JSON.stringify(headers)).toEqual([403, 'BAD_ORIGIN']);
    }
    expect(hub.hub.lastSeq).toBe(before);
    expect(ERRORS.BAD_ORIGIN.status).toBe(403);
  });

  it('refuses a login from a foreign page too (login CSRF)', async () => {
    const res = await fetch(`${hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: otherPort() },
      body: JSON.stringify({ username: 'supervisor', password: 'super123' }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('accepts the hub’s own page, an allowed origin and a client without either header', async () => {
    const accepted: Record<string, string>[] = [{ origin: hub.url }, { referer: `${hub.url}/supervisor#hall` }, { origin: ALLOWED }, {}];
    for (const headers of accepted) {
      const r = await setTicker(headers);
      expect(r.status, JSON.stringify(headers)).toBe(201);
    }
  });

  it('lets reads from anywhere through (a browser keeps their replies from other pages)', async () => {
    const res = await fetch(`${hub.url}/api/auth/me`, { headers: { cookie: supervisor, origin: 'http://evil.example' } });
    expect(res.status).toBe(200);
  });
});

describe('socket connections', () => {
  it('refuses a socket from a foreign page with BAD_ORIGIN', async () => {
    for (const origin of [otherPort(), 'http://evil.example']) {
      const socket = connect(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie: supervisor, origin } });
      try {
        const err = await new Promise<Error & { data?: { code?: string } }>((resolve, reject) => {
          socket.once('connect', () => reject(new Error(`connected from ${origin}`)));
          socket.once('connect_error', resolve);
        });
        expect(err.data?.code, origin).toBe('BAD_ORIGIN');
      } finally {
        socket.close();
      }
    }
  });

  it('accepts the hub’s own page and a client without Origin', async () => {
    const own = connect(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie: supervisor, origin: hub.url } });
    await new Promise<void>((resolve, reject) => {
      own.once('connect', () => resolve());
      own.once('connect_error', reject);
    });
    own.close();
    const plain = await connectClient(hub, { cookie: supervisor });
    expect(plain.socket.connected).toBe(true);
    plain.close();
  });
});

describe('the policy', () => {
  const policy = { publicUrl: 'http://10.0.0.2/', allowedOrigins: [] };
  it('takes the hub’s Host with either scheme (a TLS proxy in front) and DOR_PUBLIC_URL, nothing else', () => {
    expect(originAllowed({ origin: 'https://hub.local:8080', host: 'hub.local:8080' }, policy)).toBe(true);
    expect(originAllowed({ origin: 'http://10.0.0.2', host: 'hub.local:8080' }, policy)).toBe(true);
    expect(originAllowed({ origin: 'http://10.0.0.2:81', host: 'hub.local:8080' }, policy)).toBe(false);
    expect(originAllowed({ origin: 'http://hub.local:8081', host: 'hub.local:8080' }, policy)).toBe(false);
    expect(originAllowed({ referer: 'not a url', host: 'hub.local:8080' }, policy)).toBe(false);
  });

  it('reads DOR_ALLOWED_ORIGINS as a comma-separated list of origins', () => {
    expect(loadConfig({ DOR_ALLOWED_ORIGINS: ' http://a.example:5173/ , https://b.example/x' }).DOR_ALLOWED_ORIGINS).toEqual([
      'http://a.example:5173',
      'https://b.example',
    ]);
    expect(loadConfig({}).DOR_ALLOWED_ORIGINS).toEqual([]);
    expect(() => loadConfig({ DOR_ALLOWED_ORIGINS: 'not-an-origin' })).toThrow(/DOR_ALLOWED_ORIGINS/);
  });
});
