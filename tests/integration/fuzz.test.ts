// Property-based fuzzing (fast-check) of every operation's input, on its route and on its event, as
// the most privileged caller its rule in access-matrix.ts allows (so the input, not the login, is
// what answers): inputs valid as far as the JSON Schema of the input says, valid but for one field
// (past a bound, a wrong type, a huge string, deep nesting, an odd number such as -0 or 1e400),
// with a prototype key, or any JSON at all; in bodies, path segments and query strings alike.
// The hub may accept or refuse (4xx, an error ack) but never answer 5xx or crash, and a refused
// request stores nothing. Bodies over the size limits are refused whole.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERRORS, isErrorCode } from '../../protocol/errors.ts';
import { operations, type Operation } from '../../server/ops/index.ts';
import { call, connectClient, startTestHub, type Client, type TestHub } from '../helpers/hub.ts';
import { principalSource, storedState, type Credentials, type PrincipalName } from '../helpers/principals.ts';
import { ACCESS_MATRIX } from './access-matrix.ts';

/** Runs per operation and transport: enough to reach past validation now and then, bounded so the file stays well under a minute. */
const RUNS = 25;
/** A fixed seed keeps `npm test` repeatable; set FUZZ_SEED to explore other inputs. */
const SEED = Number(process.env.FUZZ_SEED ?? 13);

let hub: TestHub;
let principal: (who: PrincipalName) => Credentials;
beforeAll(async () => {
  hub = await startTestHub();
  principal = principalSource(hub);
});
afterAll(async () => {
  await hub.stop();
});

/** The caller that may do the most, so authorization lets the input through to validation. */
const MOST_PRIVILEGED: PrincipalName[] = ['admin', 'supervisor', 'callcenter', 'counter', 'kiosk', 'display', 'anonymous'];
const callerOf = (o: Operation) => MOST_PRIVILEGED.find((who) => ACCESS_MATRIX[o.name].allow.includes(who))!;

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: JsonSchema | boolean;
};

/** A number written as this JSON text: -0 and numbers JSON.stringify cannot write (1e400 parses as Infinity). */
class RawNumber {
  constructor(readonly text: string) {}
}

const RAW_NUMBERS = ['-0', '1e308', '1e400', '-1e400', '1e-400', '9007199254740993', '-9007199254740993', '0.1e1', '2147483648', '1.5', '-1'];
const ODD_STRINGS = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  'null',
  'true',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  '../../etc/passwd',
  '\u0000',
  '\ud800',
  '\u202eمرحبا',
  'ي'.repeat(300),
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👩‍👩‍👧',
  "'; drop table tickets; --",
  '<script>alert(1)</script>',
  '٠١٢٣٤٥٦٧٨٩',
  '2026-02-30',
  '9999-12-31',
  '0000-00-00',
  '24:00',
];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

/** An object with `key` as an own property, as JSON.parse makes it (assigning `__proto__` would set the prototype instead). */
const withKey = (base: object, key: string, value: unknown) => Object.defineProperty({ ...base }, key, { value, enumerable: true, writable: true });

function nested(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

/** Values no schema wants: any JSON, odd strings and numbers, huge strings, deep nesting, prototype keys. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(...ODD_STRINGS),
  fc.constantFrom(...RAW_NUMBERS).map((t) => new RawNumber(t)),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: 5_000, max: 20_000 }).map((n) => 'x'.repeat(n)),
  fc.tuple(fc.integer({ min: 100, max: 2_000 }), fc.constantFrom('array' as const, 'object' as const)).map(([d, k]) => nested(d, k)),
  fc.tuple(fc.constantFrom(...PROTO_KEYS), fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => withKey({}, k, v)),
);

/** Strings for a pattern when fast-check can read it, any string otherwise. */
function matching(pattern: string): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(new RegExp(pattern));
  } catch {
    return fc.string();
  }
}

const ARABIC = [...'ابتثجحخدذرسشصضطظعغفقكلمنهوي ءأإآة٠١٢٣٤٥٦٧٨٩'];

/** Values the schema accepts (as far as JSON Schema says: zod's own refinements may still refuse some). */
function valid(s: JsonSchema): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return fc.oneof(...variants.map(valid));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string': {
      if (s.pattern) return matching(s.pattern);
      const length = { minLength: s.minLength ?? 0, maxLength: Math.max(s.minLength ?? 0, Math.min(s.maxLength ?? 40, 40)) };
      return fc.oneof(fc.string(length), fc.string({ ...length, unit: fc.constantFrom(...ARABIC) }));
    }
    case 'integer':
    case 'number': {
      const min = Math.max(s.minimum ?? -(2 ** 31), -(2 ** 31));
      const max = Math.min(s.maximum ?? 2 ** 31, 2 ** 31);
      return type === 'integer' ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(s.items ? valid(s.items) : fc.jsonValue({ maxDepth: 2 }), {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)),
      });
    case 'object': {
      const model = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, p]) => [k, valid(p)]));
      const record = fc.record(model, { requiredKeys: s.required ?? [] });
      if (typeof s.additionalProperties !== 'object') return record;
      return fc.tuple(record, fc.dictionary(fc.string({ maxLength: 10 }), valid(s.additionalProperties), { maxKeys: 3 })).map(([a, b]) => ({ ...b, ...a }));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Values at and past the schema's edges (lengths, bounds, odd numbers), or hostile ones. */
function wrong(s: JsonSchema): fc.Arbitrary<unknown> {
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  const edges: unknown[] = [];
  if (type === 'string') {
    if (s.minLength) edges.push('x'.repeat(s.minLength - 1));
    if (s.maxLength !== undefined && s.maxLength <= 20_000) edges.push('x'.repeat(s.maxLength), 'y'.repeat(s.maxLength + 1));
  }
  if (type === 'integer' || type === 'number') {
    const min = s.minimum ?? Number.MIN_SAFE_INTEGER;
    const max = s.maximum ?? Number.MAX_SAFE_INTEGER;
    edges.push(min, max, min - 1, max + 1, 0.5, ...RAW_NUMBERS.map((t) => new RawNumber(t)));
  }
  if (type === 'array' && s.maxItems !== undefined && s.maxItems <= 1_000) edges.push(Array.from({ length: s.maxItems + 1 }, () => 1));
  return edges.length ? fc.oneof(fc.constantFrom(...edges), hostile) : hostile;
}

/** A valid object with one field wrong: what reaches the furthest into a handler while still breaking something. */
function oneWrong(s: JsonSchema): fc.Arbitrary<unknown> {
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return fc.oneof(...variants.map(oneWrong));
  const fields = Object.entries(s.properties ?? {});
  if (fields.length === 0) return hostile;
  const field = fc.constantFrom(...fields).chain(([k, p]) => wrong(p).map((v) => [k, v] as const));
  return fc.tuple(valid(s), field).map(([base, [k, v]]) => (isObject(base) ? withKey(base, k, v) : base));
}

/** An operation's input: valid as far as the schema says, valid but for one field, with a prototype key added, or anything at all. */
function inputOf(o: Operation): fc.Arbitrary<unknown> {
  const schema = z.toJSONSchema(o.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const withProto = fc
    .tuple(valid(schema), fc.constantFrom(...PROTO_KEYS), fc.jsonValue({ maxDepth: 2 }))
    .map(([v, k, x]) => (isObject(v) ? withKey(v, k, x) : v));
  return fc.oneof(
    { arbitrary: valid(schema), weight: 3 },
    { arbitrary: oneWrong(schema), weight: 4 },
    { arbitrary: withProto, weight: 1 },
    { arbitrary: hostile, weight: 2 },
  );
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof RawNumber);

/** JSON text, with RawNumbers written as given. */
function toJson(v: unknown): string {
  if (v instanceof RawNumber) return v.text;
  if (Array.isArray(v)) return `[${v.map(toJson).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).map((k) => `${JSON.stringify(k)}:${toJson(v[k])}`)}}`;
  return JSON.stringify(v) ?? 'null';
}

/** What a socket sends: RawNumbers as the numbers they parse to (Socket.IO writes Infinity as null). */
const toPlain = (v: unknown): unknown => JSON.parse(toJson(v).replace(/(-?1e400)/g, 'null'));

/** Percent-encoding, a lone surrogate (which encodeURIComponent refuses) as the bytes a sloppy client sends for it. */
const encode = (s: string) =>
  s
    .split(/\p{Cs}/u)
    .map(encodeURIComponent)
    .join('%ED%A0%80');

/** A path segment or query value as text. */
const asText = (v: unknown): string => (v instanceof RawNumber ? v.text : typeof v === 'string' ? v : toJson(v));

/** Path segments as they come over the wire: text percent-encoded, and some that are not valid percent-encoding. */
const rawSegment = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }).map(encode),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', '..', '%2e%2e', '-0', 'NaN', '1e308', '1e400', '99999999999999999999', '0', '1', '3', '%00'),
  fc.integer().map(String),
);

interface Request {
  method: string;
  path: string;
  raw?: string;
}

/** The route's request for a generated input: path parameters from the input (or raw segments), the rest as the body or the query. */
function requestOf(o: Operation, input: unknown, segments: string[]): Request {
  const rest: Record<string, unknown> | null = isObject(input) ? { ...input } : null;
  let n = 0;
  const path = o.http!.path.replace(/:(\w+)/g, (_, name: string) => {
    const segment = segments[n++]!;
    if (!rest || !Object.hasOwn(rest, name)) return segment;
    const value = rest[name];
    delete rest[name];
    return encode(asText(value));
  });
  const method = o.http!.method.toUpperCase();
  const payload = rest ?? input;
  if (method !== 'GET') return { method, path, raw: toJson(payload) };
  if (!isObject(payload)) return { method, path: `${path}?${encode(asText(payload))}` };
  const pairs = Object.keys(payload).flatMap((k) => {
    const v = payload[k];
    return (Array.isArray(v) ? v : [v]).map((x) => `${encode(k)}=${encode(asText(x))}`);
  });
  return { method, path: pairs.length ? `${path}?${pairs.join('&')}` : path };
}

const describeRequest = (r: Request) => `${r.method} ${r.path.slice(0, 200)} ${r.raw?.slice(0, 200) ?? ''}`;

async function expectHealthy(): Promise<void> {
  const health = await call(hub, 'GET', '/healthz');
  expect(health.status).toBe(200);
}

describe('fuzzing every route (REST)', () => {
  for (const o of operations.filter((x) => x.http)) {
    it(`${o.http!.method.toUpperCase()} ${o.http!.path} (${o.name}) never answers 5xx, and a refusal stores nothing`, async () => {
      const params = (o.http!.path.match(/:\w+/g) ?? []).length;
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(inputOf(o), fc.array(rawSegment, { minLength: params, maxLength: params }), async (input, segments) => {
          const auth = principal(callerOf(o));
          const request = requestOf(o, input, segments);
          const before = storedState(hub);
          const r = await call(hub, request.method, request.path, { ...auth, ...(request.raw === undefined ? {} : { raw: request.raw }) });
          const label = `${describeRequest(request)} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
          expect(r.status, label).toBeLessThan(500);
          if (r.status < 400) return;
          refused++;
          // Node's HTTP parser refuses a request line over its header limit itself (431, no body), before the hub sees it.
          if (r.status !== 431) expect(r.body?.error?.code, label).toMatch(/^[A-Z_]+$/);
          expect(storedState(hub), `a refused request changed the stored state: ${label}`).toBe(before);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      // Most fuzzed inputs are wrong: if none was refused, the inputs did not reach the hub as meant.
      expect(refused).toBeGreaterThan(0);
      await expectHealthy();
    });
  }
});

describe('fuzzing every socket event', () => {
  const sockets = new Map<PrincipalName, { client: Client; credentials: Credentials }>();
  /** One socket per caller, opened again when a call took its credentials away (the hub then cut it). */
  async function socketOf(who: PrincipalName): Promise<Client> {
    const credentials = principal(who);
    const kept = sockets.get(who);
    if (kept?.credentials === credentials && kept.client.socket.connected) return kept.client;
    kept?.client.close();
    const client = await connectClient(hub, credentials);
    sockets.set(who, { client, credentials });
    return client;
  }
  afterAll(() => {
    for (const { client } of sockets.values()) client.close();
  });

  for (const o of operations.filter((x) => x.event)) {
    it(`${o.event} (${o.name}) answers every payload, never with a 5xx code, and a refusal stores nothing`, async () => {
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(inputOf(o), async (input) => {
          const client = await socketOf(callerOf(o));
          const payload = toPlain(input);
          const before = storedState(hub);
          const ack = await client.emit(o.event!, payload);
          const label = `${o.event} ${JSON.stringify(payload)?.slice(0, 300)} → ${JSON.stringify(ack).slice(0, 300)}`;
          if (ack.ok) return;
          refused++;
          const code: string = ack.error.code;
          expect(isErrorCode(code) && ERRORS[code].status < 500, label).toBe(true);
          expect(storedState(hub), `a refused event changed the stored state: ${label}`).toBe(before);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(refused).toBeGreaterThan(0);
      await expectHealthy();
    });
  }
});

describe('names every object has, given as ids', () => {
  // The hall state keeps services, tickets, appointments and ticker messages in plain objects, where such a name finds a member.
  it('never answer 500 and change nothing', async () => {
    const admin = principal('admin');
    // As it stands (the fuzzing may have changed it), so the only change a PATCH asks for is the odd service.
    const { serviceLevel } = hub.hub.current.settings;
    const before = storedState(hub);
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const requests: [string, string, unknown][] = [
        ['POST', `/api/hall/ticker/${key}/remove`, {}],
        ['POST', `/api/hall/tickets/${key}/cancel`, { reason: 'fuzz' }],
        ['POST', `/api/appointments/${key}/cancel`, {}],
        ['PUT', '/api/hall/counters/4/services', { serviceIds: [key] }],
        ['PATCH', '/api/settings', { serviceLevel: { ...serviceLevel, perService: { ...serviceLevel.perService, ...JSON.parse(`{"${key}": 10}`) } } }],
      ];
      for (const [method, path, body] of requests) {
        const r = await call(hub, method, path, { ...admin, body });
        expect(r.status, `${method} ${path} ${JSON.stringify(body)} → ${JSON.stringify(r.body).slice(0, 200)}`).toBeLessThan(500);
      }
    }
    expect(storedState(hub)).toBe(before);
  });
});

describe('payloads over the size limits', () => {
  it('every route with a body refuses one over its limit with 413 BODY_TOO_LARGE and stores nothing', async () => {
    const before = storedState(hub);
    for (const o of operations.filter((x) => x.http && x.http.method !== 'get')) {
      const limit = o.http!.bodyLimit === '4mb' ? 4 * 1024 * 1024 : 64 * 1024;
      const path = o.http!.path.replace(/:\w+/g, '1');
      const r = await call(hub, o.http!.method.toUpperCase(), path, { ...principal(callerOf(o)), raw: JSON.stringify({ pad: 'x'.repeat(limit + 1) }) });
      expect(r.status, `${o.name}: ${JSON.stringify(r.body)}`).toBe(413);
      expect(r.body.error.code).toBe('BODY_TOO_LARGE');
    }
    expect(storedState(hub)).toBe(before);
    await expectHealthy();
  });

  it("a socket message over Socket.IO's maxHttpBufferSize closes that socket only; the hub stores nothing and serves the next one", async () => {
    const credentials = principal('admin');
    const big = await connectClient(hub, credentials);
    const before = storedState(hub);
    const closed = new Promise<string>((resolve) => big.socket.once('disconnect', resolve));
    big.socket.emit('hall:ticker:add', { ar: 'x'.repeat(70 * 1024), en: 'x', expiresAt: hub.clock.now() + 60_000 });
    expect(await closed).toBe('transport close');
    expect(storedState(hub)).toBe(before);
    const next = await connectClient(hub, credentials);
    try {
      expect((await next.emit('auth:me', {})).ok).toBe(true);
    } finally {
      next.close();
    }
    await expectHealthy();
  });
});
