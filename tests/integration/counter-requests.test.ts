// Counter commands are idempotent: a terminal that lost the reply sends the same `requestId` again
// and gets the first reply back — never a second call, start or finish, event or broadcast — also
// when the repeats arrive together, over the socket and REST, after the counter moved on, or after
// a restart. The key is the staff member's; the same key for another request is a 409.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { sendCommand } from '../../counter-ui/connection.ts';
import { OnceRequests } from '../../ui-kit/requests.ts';
import { call, connectClient, DEMO, deviceToken, login, startTestHub, type Client, type TestHub } from '../helpers/hub.ts';

let hub: TestHub | null = null;
const clients: Client[] = [];
const dirs: string[] = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  for (const c of clients.splice(0)) c.close();
  await hub?.stop();
  hub = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const count = (h: TestHub, sql: string) => (h.db.sqlite.prepare(sql).get() as { n: number }).n;
const events = (h: TestHub, type: string) => count(h, `select count(*) as n from events where type = '${type}'`);

/** A hub with `tickets` walk-ins waiting and counter 3 open under counter1; counts the commits it broadcasts. */
async function hallWithCounter(tickets = 3, file?: string) {
  const h = (hub = await startTestHub(file ? { file } : {}));
  const kiosk = deviceToken(h, 'kiosk');
  for (let i = 0; i < tickets; i++)
    expect((await call(h, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'new-application' } })).status).toBe(201);
  const cookie = await login(h, ...DEMO.counter1);
  expect((await call(h, 'POST', '/api/counters/3/open', { cookie })).status).toBe(200);
  const commits = { n: 0 };
  h.hub.onCommit(() => commits.n++);
  return { h, cookie, kiosk, commits };
}

const post = (h: TestHub, cookie: string, action: string, body: Record<string, unknown> = {}, counter = 3) =>
  call(h, 'POST', `/api/counters/${counter}/${action}`, { cookie, body });

describe('a counter command repeated with its requestId', () => {
  it('call next, start, finish: each repeat gets the first reply, with no second event or broadcast', async () => {
    const { h, cookie, commits } = await hallWithCounter();
    const steps = [
      ['call-next', { requestId: 'call-0001-abcdef' }, 'called'],
      ['start', { requestId: 'start-0001-abcdef' }, 'serving'],
      ['finish', { outcome: 'served', note: null, requestId: 'finish-0001-abcdef' }, 'done'],
    ] as const;
    let ticketId: string | null = null;
    for (const [action, body, status] of steps) {
      const first = await post(h, cookie, action, body);
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body.ticket.status).toBe(status);
      ticketId ??= first.body.ticket.id;
      expect(first.body.ticket.id).toBe(ticketId);
      const before = { seq: h.hub.lastSeq, commits: commits.n };
      const again = await post(h, cookie, action, body);
      expect(again.status, `${action} repeated: ${JSON.stringify(again.body)}`).toBe(200);
      expect(again.body).toEqual(first.body);
      expect({ seq: h.hub.lastSeq, commits: commits.n }).toEqual(before);
    }
    expect([events(h, 'ticket_called'), events(h, 'ticket_started'), events(h, 'ticket_finished')]).toEqual([1, 1, 1]);
    // The next click is a new request: the next ticket. The first call's key still answers with its own (old) reply.
    const next = await post(h, cookie, 'call-next', { requestId: 'call-0002-abcdef' });
    expect(next.body.ticket.label).toBe('B-002');
    const late = await post(h, cookie, 'call-next', { requestId: 'call-0001-abcdef' });
    expect(late.status).toBe(200);
    expect(late.body.ticket).toMatchObject({ id: ticketId, label: 'B-001', status: 'called' });
    expect(h.hub.current.counters[3]!.currentTicketId).toBe(next.body.ticket.id);
    expect(events(h, 'ticket_called')).toBe(2);
    // Without a requestId a repeated finish is refused as before (nothing to finish): the key is what makes the retry safe.
    await post(h, cookie, 'start');
    expect((await post(h, cookie, 'finish', { outcome: 'served' })).status).toBe(200);
    expect((await post(h, cookie, 'finish', { outcome: 'served' })).body.error.code).toBe('NO_CURRENT_TICKET');
  });

  it('10 identical call-nexts at the same time call exactly one ticket', async () => {
    const { h, cookie, commits } = await hallWithCounter(5);
    const body = { requestId: 'burst-0001-abcdef' };
    const replies = await Promise.all(Array.from({ length: 10 }, () => post(h, cookie, 'call-next', body)));
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(replies.map((r) => r.body.ticket.id)).size).toBe(1);
    expect(events(h, 'ticket_called')).toBe(1);
    expect(commits.n).toBe(1);
    expect(count(h, 'select count(*) as n from counter_requests')).toBe(1);
  });

  it('with another body or for another command is refused with 409 REQUEST_ID_REUSED and changes nothing', async () => {
    const { h, cookie, commits } = await hallWithCounter();
    const requestId = 'reused-0001-abcdef';
    expect((await post(h, cookie, 'call-next', { requestId })).status).toBe(200);
    await post(h, cookie, 'start', { requestId: 'start-0001-abcdef' });
    const before = { seq: h.hub.lastSeq, commits: commits.n, state: JSON.stringify(h.hub.current) };
    // The reuse is caught before anything else: even at a counter that is not this user's (4).
    for (const [path, body] of [
      ['/api/counters/3/finish', { outcome: 'served', requestId }],
      ['/api/counters/4/call-next', { requestId }],
      ['/api/counters/3/pause', { reason: 'break', requestId }],
    ] as const) {
      const r = await call(h, 'POST', path, { cookie, body });
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(409);
      expect(r.body.error.code).toBe('REQUEST_ID_REUSED');
      expect(r.body.error.message).toContain(requestId);
    }
    expect({ seq: h.hub.lastSeq, commits: commits.n, state: JSON.stringify(h.hub.current) }).toEqual(before);
  });

  it('is the same request over the socket and over REST; another staff member’s same key is their own', async () => {
    const { h, cookie } = await hallWithCounter();
    const terminal = await connectClient(h, { cookie });
    clients.push(terminal);
    const body = { counter: 3, requestId: 'socket-0001-abcdef' };
    const ack = await terminal.emit('counter:call-next', body);
    expect(ack.ok).toBe(true);
    const rest = await post(h, cookie, 'call-next', { requestId: body.requestId });
    expect(rest.body).toEqual(ack.data);
    expect((await terminal.emit('counter:call-next', body)).data).toEqual(ack.data);
    // counter2 at counter 4 with the same requestId: a request of its own, the next ticket.
    const other = await login(h, ...DEMO.counter2);
    expect((await call(h, 'POST', '/api/counters/4/open', { cookie: other })).status).toBe(200);
    const theirs = await post(h, other, 'call-next', { requestId: body.requestId }, 4);
    expect(theirs.status).toBe(200);
    expect(theirs.body.ticket.label).toBe('B-002');
    expect(events(h, 'ticket_called')).toBe(2);
  });

  it('is answered after the counter moved on or was closed, without touching it; open and close repeat safely', async () => {
    const { h, cookie } = await hallWithCounter(1);
    const call1 = await post(h, cookie, 'call-next', { requestId: 'moved-0001-abcdef' });
    await post(h, cookie, 'no-show', { requestId: 'noshow-0001-abcdef' });
    const closed = await post(h, cookie, 'close', { requestId: 'close-0001-abcdef' });
    expect(closed.body.counter.open).toBe(false);
    // A repeat of a close: the first reply, not COUNTER_CLOSED; of the call: its reply, not NOT_YOUR_COUNTER.
    expect(await post(h, cookie, 'close', { requestId: 'close-0001-abcdef' })).toMatchObject({ status: 200, body: closed.body });
    expect(await post(h, cookie, 'call-next', { requestId: 'moved-0001-abcdef' })).toMatchObject({ status: 200, body: call1.body });
    expect(events(h, 'counter_closed')).toBe(1);
    // A new request at the closed counter is still refused.
    expect((await post(h, cookie, 'call-next', { requestId: 'moved-0002-abcdef' })).body.error.code).toBe('NOT_YOUR_COUNTER');
    const opened = await post(h, cookie, 'open', { requestId: 'open-0001-abcdef' });
    expect(opened.body.counter).toMatchObject({ open: true });
    expect(await post(h, cookie, 'open', { requestId: 'open-0001-abcdef' })).toMatchObject({ status: 200, body: opened.body });
    expect(events(h, 'counter_opened')).toBe(2);
  });

  it('a supervisor closing someone else’s counter: one close, one audit entry', async () => {
    const { h } = await hallWithCounter(0);
    const supervisor = await login(h, ...DEMO.supervisor);
    const body = { requestId: 'supclose-0001-abcdef' };
    const first = await post(h, supervisor, 'close', body);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(await post(h, supervisor, 'close', body)).toMatchObject({ status: 200, body: first.body });
    expect(count(h, "select count(*) as n from audit_log where kind = 'counter.close'")).toBe(1);
    expect(events(h, 'counter_closed')).toBe(1);
  });

  it('survives a restart of the hub, and is forgotten after two days', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dor-counter-req-'));
    dirs.push(dir);
    const file = join(dir, 'dor.db');
    const { h, cookie } = await hallWithCounter(2, file);
    const first = await post(h, cookie, 'call-next', { requestId: 'restart-0001-abcdef' });
    await h.stop();
    hub = await startTestHub({ file });
    const again = await post(hub, cookie, 'call-next', { requestId: 'restart-0001-abcdef' });
    expect(again).toMatchObject({ status: 200, body: first.body });
    expect(events(hub, 'ticket_called')).toBe(1);
    hub.clock.advance(repo.REQUEST_KEEP_MS + 60_000);
    // Two days on: a new session and a new day at the counter.
    const later = await login(hub, ...DEMO.counter1);
    expect((await post(hub, later, 'open')).status).toBe(200);
    expect((await post(hub, later, 'pause', { reason: 'break', requestId: 'restart-0002-abcdef' })).status).toBe(200);
    expect(hub.db.sqlite.prepare('select request_id as id from counter_requests').all()).toEqual([{ id: 'restart-0002-abcdef' }]);
  });

  it('refuses malformed requestIds with 400 and does nothing', async () => {
    const { h, cookie } = await hallWithCounter();
    for (const requestId of ['short', 'x'.repeat(65), 'has space 12', 12345678, null]) {
      const r = await post(h, cookie, 'call-next', { requestId });
      expect(r.status, String(requestId)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect(events(h, 'ticket_called')).toBe(0);
  });
});

describe('the counter terminal’s client (counter-ui/connection.ts sendCommand + ui-kit/requests.ts) against a real hub', () => {
  it('retries a lost ack with the same requestId (over REST once the socket is down): one call, and the terminal gets it', async () => {
    const { h, cookie } = await hallWithCounter();
    const terminal = await connectClient(h, { cookie });
    clients.push(terminal);
    // REST, for the tries while the socket is down: the terminal's fetch, pointed at the hub with its cookie.
    const realFetch = globalThis.fetch;
    const restBodies: any[] = [];
    vi.stubGlobal('fetch', (path: string, init: RequestInit) => {
      restBodies.push(JSON.parse(String(init.body)));
      return realFetch(h.url + path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } });
    });
    const sent: string[] = [];
    const requests = new OnceRequests();
    const reply = await requests.send('counter.call-next:{"counter":3}', async (requestId) => {
      sent.push(requestId);
      if (sent.length > 1) return sendCommand(terminal.socket, 'counter.call-next', { counter: 3, requestId });
      // The first try reaches the hub, then the line drops before its ack comes back.
      terminal.socket.once('delta', () => terminal.socket.disconnect());
      return sendCommand(terminal.socket, 'counter.call-next', { counter: 3, requestId }, 300);
    });
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    expect(restBodies).toEqual([{ requestId: sent[0] }]);
    expect(reply.ticket).toMatchObject({ label: 'B-001', status: 'called', counter: 3 });
    expect(events(h, 'ticket_called')).toBe(1);
    expect(h.hub.current.counters[3]!.currentTicketId).toBe(reply.ticket!.id);
  });

  it('does not retry a refusal', async () => {
    const { h, cookie } = await hallWithCounter(0);
    const terminal = await connectClient(h, { cookie });
    clients.push(terminal);
    let tries = 0;
    await expect(
      new OnceRequests().send('counter.call-next:{"counter":3}', (requestId) => {
        tries++;
        return sendCommand(terminal.socket, 'counter.call-next', { counter: 3, requestId });
      }),
    ).rejects.toMatchObject({ code: 'QUEUE_EMPTY', status: 0 });
    expect(tries).toBe(1);
  });
});
