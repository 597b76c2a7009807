// The API's contract: every route is documented, and bad input anywhere gets a clear 4xx or an
// error ack and changes nothing.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_DOC_PATH, apiReference } from '../../server/api-docs.ts';
import { operations, type Operation } from '../../server/ops/index.ts';
import { call, connectClient, DEMO, deviceToken, login, startTestHub, type Client, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

/** METHOD + path of every route the Express app really has (Express 5 router internals). */
function routesOf(app: TestHub['app']): string[] {
  const found: string[] = [];
  const walk = (stack: any[]) => {
    for (const layer of stack) {
      if (layer.route) for (const m of Object.keys(layer.route.methods)) found.push(`${m.toUpperCase()} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as any).router.stack);
  return found;
}

describe('docs/API.md', () => {
  it('documents every route the router serves', () => {
    const doc = readFileSync(API_DOC_PATH, 'utf8');
    const routes = routesOf(hub.app);
    expect(routes.length).toBeGreaterThan(30);
    const missing = routes.filter((r) => !doc.includes(`### ${r}\n`));
    expect(missing).toEqual([]);
  });

  it('is up to date with the operations table (run `npm run docs`)', () => {
    expect(readFileSync(API_DOC_PATH, 'utf8')).toBe(apiReference());
  });
});

/** Credentials of someone allowed to run the operation, so validation is what refuses. */
async function credentialsFor(o: Operation): Promise<{ cookie?: string; token?: string }> {
  const roles = o.access.roles ?? [];
  if (roles.includes('counter')) return { cookie: await login(hub, ...DEMO.counter1) };
  if (roles.includes('supervisor')) return { cookie: await login(hub, ...DEMO.supervisor) };
  if (roles.includes('admin')) return { cookie: await login(hub, ...DEMO.admin) };
  if (roles.includes('callcenter')) return { cookie: await login(hub, ...DEMO.agent) };
  if (roles.includes('admin')) return { cookie: await login(hub, ...DEMO.admin) };
  if (o.access.devices?.includes('kiosk')) return { token: deviceToken(hub, 'kiosk') };
  return {};
}

/** Inputs that break the schema in different ways: wrong types for each field, extra fields, non-objects. */
function badPayloads(o: Operation): unknown[] {
  const schema = z.toJSONSchema(o.input, { io: 'input', unrepresentable: 'any' }) as any;
  const props: Record<string, any> = Object.assign({}, ...(schema.anyOf ?? [schema]).map((v: any) => v.properties ?? {}));
  // Wrong for the field itself, so a partial update naming only that field is refused too.
  const wrong = (p: any): unknown[] => {
    const t = JSON.stringify(p);
    if (p.type === 'boolean') return ['yes', 0, null, ['a']];
    if (t.includes('"number"') || t.includes('"integer"')) return ['seven', -1, 1e9, null, { n: 1 }];
    return [12345, true, ...(p.minLength ? [''] : []), 'x'.repeat(5000), ['a'], null];
  };
  const payloads: unknown[] = [null, 'text', 42, [1, 2], { unexpectedField: 1 }];
  for (const [name, p] of Object.entries(props)) for (const v of wrong(p)) payloads.push({ [name]: v });
  return payloads;
}

function fingerprint() {
  const count = (table: string) => (hub.db.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  return {
    seq: hub.hub.lastSeq,
    tickets: count('tickets'),
    devices: count('devices'),
    appointments: count('appointments'),
    codes: count('pairing_codes'),
    audit: count('audit_log'),
    hours: count('opening_hours'),
    citizens: ['citizens', 'family_members', 'housing_applications', 'letters', 'citizen_audit', 'call_log'].map(count),
    state: JSON.stringify(hub.hub.current),
  };
}

describe('malformed input changes nothing', () => {
  it('every REST route answers bad bodies, params and queries with a 4xx error', async () => {
    const before = fingerprint();
    let checked = 0;
    for (const o of operations.filter((x) => x.http)) {
      const auth = await credentialsFor(o);
      const { method, path } = o.http!;
      const badPaths = path.includes(':counter')
        ? [path.replace(':counter', 'abc'), path.replace(':counter', '0'), path.replace(':counter', '100000')]
        : path.includes(':token')
          ? [path.replace(':token', 'short')]
          : [path.replace(':id', '3')];
      const goodPath = path.replace(':counter', '3').replace(':id', 'no-such-appointment').replace(':token', 'x'.repeat(20));
      const attempts: { path: string; body?: unknown; raw?: string }[] = [];
      if (method === 'get') attempts.push({ path: `${goodPath}?unexpected=1` }, { path: `${goodPath}?day=yesterday` });
      else {
        for (const p of badPayloads(o)) attempts.push({ path: goodPath, raw: JSON.stringify(p) });
        attempts.push({ path: goodPath, raw: '{"broken json' }, { path: goodPath, raw: JSON.stringify({ pad: 'x'.repeat(70_000) }) });
      }
      if (path.includes(':counter') || path.includes(':token'))
        for (const p of badPaths) attempts.push({ path: p, ...(method === 'get' ? {} : { raw: '{}' }) });
      for (const a of attempts) {
        const r = await call(hub, method.toUpperCase(), a.path, { ...auth, ...(a.raw !== undefined ? { raw: a.raw } : {}) });
        const label = `${method.toUpperCase()} ${a.path} ${a.raw?.slice(0, 60) ?? ''}`;
        expect(r.status, `${label} → ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
        expect(r.status, label).toBeLessThan(500);
        expect(r.body.error.code, label).toMatch(/^[A-Z_]+$/);
        expect(typeof r.body.error.message, label).toBe('string');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(fingerprint()).toEqual(before);
    expect((await call(hub, 'GET', '/healthz')).status).toBe(200);
  });

  it('every socket event answers bad payloads with an error ack', async () => {
    const before = fingerprint();
    const clients: Client[] = [];
    let checked = 0;
    try {
      for (const o of operations.filter((x) => x.event)) {
        const auth = await credentialsFor(o);
        if (!auth.cookie && !auth.token) continue;
        const client = await connectClient(hub, auth);
        clients.push(client);
        for (const p of badPayloads(o).filter((x) => (x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.keys(x as object).length > 0 : true))) {
          const ack = await client.emit(o.event!, p);
          expect(ack.ok, `${o.event} ${JSON.stringify(p)?.slice(0, 80)}`).toBe(false);
          expect(ack.error.code).toMatch(/^[A-Z_]+$/);
          checked++;
        }
      }
    } finally {
      for (const c of clients) c.close();
    }
    expect(checked).toBeGreaterThan(100);
    expect(fingerprint()).toEqual(before);
  });
});
