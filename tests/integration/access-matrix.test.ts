// The role × operation matrix: every operation of the hub, called over REST and over Socket.IO by
// every kind of caller, against the reviewed rules of access-matrix.ts. A caller the rule leaves
// out is refused (401/403, an error ack) and nothing is stored; a caller it names gets past
// authorization (any other answer: with a minimal body that is mostly a 400 or a 404).
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../protocol/domain.ts';
import { operations, type Operation } from '../../server/ops/index.ts';
import { call, connectClient, startTestHub, type Client, type TestHub } from '../helpers/hub.ts';
import { pairedDevice, PRINCIPALS, STAFF_ROLES, staffSession, staffUser, storedState, type Credentials, type PrincipalName } from '../helpers/principals.ts';
import { ACCESS_MATRIX, type Rule } from './access-matrix.ts';

let hub: TestHub;
/** Each staff role's account, and the same role's account whose temporary password is still unchanged. */
const users = {} as Record<Role, number>;
const pendingUsers = {} as Record<Role, number>;
const devices = {} as Record<'kiosk' | 'display', Credentials>;
let statusToken: string;

beforeAll(async () => {
  hub = await startTestHub();
  for (const role of STAFF_ROLES) {
    users[role] = staffUser(hub, role);
    pendingUsers[role] = staffUser(hub, role, { mustChangePassword: true });
  }
  devices.kiosk = pairedDevice(hub, 'kiosk');
  devices.display = pairedDevice(hub, 'display');
  // Before the matrix ends the day (an allowed hall.endDay): the ticket a citizen's phone follows.
  const walkIn = await call(hub, 'POST', '/api/kiosk/tickets', { ...devices.kiosk, body: { serviceId: 'new-application' } });
  statusToken = walkIn.body.statusUrl.slice('/t/'.length);
});
afterAll(async () => {
  await hub.stop();
});

const PAST_AUTHORIZATION = 'past authorization';
/** The answers of authorization itself; any other answer (a 403 NOT_YOUR_COUNTER, say) comes from the operation. */
const REFUSALS = ['UNAUTHENTICATED', 'FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED'];

/** What the rule says `who` gets: past authorization, or the refusal authorization gives. */
function expected(rule: Rule, who: PrincipalName, pendingPassword = false): string {
  if (rule.allow.includes('anonymous')) return PAST_AUTHORIZATION;
  if (!rule.allow.includes(who)) return who === 'anonymous' ? 'refused 401 UNAUTHENTICATED' : 'refused 403 FORBIDDEN';
  return pendingPassword && !rule.duringPasswordChange ? 'refused 403 PASSWORD_CHANGE_REQUIRED' : PAST_AUTHORIZATION;
}

/** Path parameters that name nothing stored, so an allowed call stops at a 400 or a 404 and changes nothing it should not. */
const PATH_VALUES: Record<string, string> = { counter: '99', id: '999999', cpr: '999999999', day: '2099-01-01', reference: 'ZZZZZZZ', token: 'x'.repeat(20) };

function pathOf(o: Operation): string {
  return o.http!.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = PATH_VALUES[name];
    if (value === undefined) throw new Error(`no matrix value for the path parameter :${name} of ${o.name}`);
    return value;
  });
}

async function restOutcome(o: Operation, auth: Credentials): Promise<string> {
  const { method } = o.http!;
  const r = await call(hub, method.toUpperCase(), pathOf(o), { ...auth, ...(method === 'get' ? {} : { body: {} }) });
  if (r.status >= 500) return `answered ${r.status} ${JSON.stringify(r.body)}`;
  const code = r.body?.error?.code;
  return (r.status === 401 || r.status === 403) && REFUSALS.includes(code) ? `refused ${r.status} ${code}` : PAST_AUTHORIZATION;
}

/** A fresh session per call: an allowed `auth.logout` ends the one it was sent with. */
function restCredentials(who: PrincipalName, pendingPassword = false): Credentials {
  if (who === 'anonymous') return {};
  if (who === 'kiosk' || who === 'display') return devices[who];
  return staffSession(hub, (pendingPassword ? pendingUsers : users)[who]);
}

/** The code a socket connection is refused with, or 'connected'. */
async function socketRefusal(auth: Credentials): Promise<string | undefined> {
  try {
    (await connectClient(hub, auth)).close();
    return 'connected';
  } catch (e) {
    return (e as { data?: { code?: string } }).data?.code;
  }
}

interface Caller {
  label: string;
  /** What the rule says this caller gets. */
  want: string;
  credentials: () => Credentials;
}

/** Calls one route as each caller: the refused ones first, with the stored state compared around them, then the allowed ones. */
async function checkRoute(o: Operation, callers: Caller[], mismatches: string[]): Promise<void> {
  const refused = callers.filter((c) => c.want !== PAST_AUTHORIZATION);
  const credentials = refused.map((c) => c.credentials());
  const before = storedState(hub);
  for (const [i, c] of refused.entries()) {
    const got = await restOutcome(o, credentials[i]!);
    if (got !== c.want) mismatches.push(`${o.name} as ${c.label}: ${got}, expected ${c.want}`);
  }
  if (storedState(hub) !== before) mismatches.push(`${o.name}: a refused call changed the stored state`);
  for (const c of callers.filter((x) => x.want === PAST_AUTHORIZATION)) {
    const got = await restOutcome(o, c.credentials());
    if (got !== c.want) mismatches.push(`${o.name} as ${c.label}: ${got}, expected ${c.want}`);
  }
}

describe('the access matrix (tests/integration/access-matrix.ts)', () => {
  it('has exactly one rule for each operation the hub serves', () => {
    const served = operations.map((o) => o.name);
    expect(served.filter((name) => !Object.hasOwn(ACCESS_MATRIX, name))).toEqual([]);
    expect(Object.keys(ACCESS_MATRIX).filter((name) => !served.includes(name as Operation['name']))).toEqual([]);
    expect(new Set(served).size).toBe(served.length);
  });

  it('REST: each route lets exactly its rule’s callers past authorization, and a refused call stores nothing', async () => {
    const mismatches: string[] = [];
    for (const o of operations.filter((x) => x.http)) {
      const rule = ACCESS_MATRIX[o.name];
      await checkRoute(
        o,
        PRINCIPALS.map((who) => ({ label: who, want: expected(rule, who), credentials: () => restCredentials(who) })),
        mismatches,
      );
    }
    expect(mismatches).toEqual([]);
  });

  it('REST: staff whose temporary password is unchanged reach only the operations marked for it', async () => {
    const mismatches: string[] = [];
    let allowed = 0;
    for (const o of operations.filter((x) => x.http)) {
      const rule = ACCESS_MATRIX[o.name];
      const callers = STAFF_ROLES.map((role) => ({
        label: `${role} (password change pending)`,
        want: expected(rule, role, true),
        credentials: () => restCredentials(role, true),
      }));
      allowed += callers.filter((c) => c.want === PAST_AUTHORIZATION).length;
      await checkRoute(o, callers, mismatches);
    }
    expect(mismatches).toEqual([]);
    // auth.me, auth.logout and auth.password for every role, and the operations open to anyone.
    expect(allowed).toBeGreaterThanOrEqual(3 * STAFF_ROLES.length);
  });

  it('Socket.IO: each event lets exactly its rule’s callers past authorization, and a refused event stores nothing', async () => {
    // Without a session or a device token there is no socket at all.
    expect(await socketRefusal({})).toBe('UNAUTHENTICATED');
    const sockets = new Map<PrincipalName, Client>();
    try {
      for (const who of PRINCIPALS) if (who !== 'anonymous') sockets.set(who, await connectClient(hub, restCredentials(who)));
      const outcome = async (o: Operation, who: PrincipalName): Promise<string> => {
        const socket = sockets.get(who);
        if (!socket) return 'refused UNAUTHENTICATED';
        const ack = await socket.emit(o.event!, {});
        if (ack.ok) return PAST_AUTHORIZATION;
        if (ack.error.code === 'INTERNAL') return `answered INTERNAL ${ack.error.message}`;
        return REFUSALS.includes(ack.error.code) ? `refused ${ack.error.code}` : PAST_AUTHORIZATION;
      };
      const want = (rule: Rule, who: PrincipalName) => expected(rule, who).replace(/ \d{3}/, '');
      const mismatches: string[] = [];
      let events = 0;
      for (const o of operations.filter((x) => x.event)) {
        const rule = ACCESS_MATRIX[o.name];
        const refused = PRINCIPALS.filter((who) => want(rule, who) !== PAST_AUTHORIZATION);
        const before = storedState(hub);
        for (const who of refused) {
          const got = await outcome(o, who);
          if (got !== want(rule, who)) mismatches.push(`${o.event} as ${who}: ${got}, expected ${want(rule, who)}`);
        }
        if (storedState(hub) !== before) mismatches.push(`${o.event}: a refused event changed the stored state`);
        for (const who of PRINCIPALS.filter((w) => !refused.includes(w))) {
          const got = await outcome(o, who);
          if (got !== PAST_AUTHORIZATION) mismatches.push(`${o.event} as ${who}: ${got}, expected ${PAST_AUTHORIZATION}`);
        }
        events++;
      }
      expect(mismatches).toEqual([]);
      expect(events).toBeGreaterThan(40);
      // Every socket lived through it: no refusal cut one.
      expect([...sockets.values()].every((c) => c.socket.connected)).toBe(true);
    } finally {
      for (const c of sockets.values()) c.close();
    }
  });

  it('Socket.IO: staff whose temporary password is unchanged get no socket', async () => {
    for (const role of STAFF_ROLES) {
      expect(await socketRefusal(restCredentials(role, true)), role).toBe('PASSWORD_CHANGE_REQUIRED');
    }
  });

  it("Socket.IO: a citizen's phone, following its ticket by the status link, gets no answer to any operation", async () => {
    const phone = connect(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { statusToken } });
    try {
      await new Promise((resolve, reject) => {
        phone.once('ticket:status', resolve);
        phone.once('connect_error', reject);
      });
      const before = storedState(hub);
      // No handler answers, so each ack times out; all at once, so the file waits for one timeout only.
      const answers = await Promise.allSettled(operations.filter((o) => o.event).map((o) => phone.timeout(300).emitWithAck(o.event!, {})));
      expect(answers.filter((a) => a.status === 'fulfilled')).toEqual([]);
      expect(storedState(hub)).toBe(before);
      expect(phone.connected).toBe(true);
    } finally {
      phone.close();
    }
  });
});
