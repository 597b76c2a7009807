// The counter terminal in Chromium when the line drops just as the hub answers: the hub has called
// the ticket, the terminal never got the ack. It asks again by itself with the same requestId (over
// REST while the socket is down, or the socket once it is back) and shows the ticket the hub
// called — one call, no error. The next click is a new request with a new requestId.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { contextWithCookie } from '../helpers/browser.ts';
import { e2eFile } from '../helpers/e2e.ts';
import { call, deviceToken } from '../helpers/hub.ts';

const e2e = e2eFile();
let context: BrowserContext;

afterAll(async () => {
  await context?.close();
});

const calls = () => (e2e.hub.db.sqlite.prepare("select count(*) as n from events where type = 'ticket_called'").get() as { n: number }).n;
const stateIs = (page: Page, expected: string) =>
  page.waitForFunction((e) => document.querySelector('[data-testid="counter-state"]')?.getAttribute('data-value') === e, expected);

describe('a counter terminal that loses the reply of a click', () => {
  it('asks again with the same requestId and shows the one ticket the hub called', async () => {
    const kiosk = deviceToken(e2e.hub, 'kiosk');
    for (const serviceId of ['new-application', 'new-application'])
      expect((await call(e2e.hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId } })).status).toBe(201);

    context = await contextWithCookie(e2e.browser, e2e.hub.url, null, { width: 1366, height: 768 });
    // Socket.IO over the websocket, in the middle: `cut` drops the ack of the next counter command and the line with it.
    const viaSocket: { event: string; requestId: string }[] = [];
    /** Records a Socket.IO packet the page sends if it is a counter command; returns its ack id and event. */
    const record = (packet: string) => {
      const event = /^42(\d+)\["(counter:[a-z-]+)",(.*)\]$/.exec(packet);
      if (!event) return null;
      viaSocket.push({ event: event[2]!, requestId: JSON.parse(event[3]!).requestId });
      return { ackId: event[1]!, event: event[2]! };
    };
    let cut = false;
    await context.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      let dropAck: string | null = null;
      ws.onMessage((m) => {
        const sent = typeof m === 'string' ? record(m) : null;
        if (sent && cut && sent.event !== 'counter:open') {
          cut = false;
          dropAck = sent.ackId;
        }
        server.send(m);
      });
      server.onMessage((m) => {
        if (dropAck !== null && typeof m === 'string' && m.startsWith(`43${dropAck}[`)) {
          // The hub did it and answered; the network loses the answer and the line.
          void ws.close({ code: 1006, reason: 'network lost' }).catch(() => undefined);
          void server.close().catch(() => undefined);
          return;
        }
        ws.send(m);
      });
    });
    const viaRest: { path: string; requestId: string }[] = [];
    await context.route('**/api/counters/**', async (route) => {
      viaRest.push({ path: new URL(route.request().url()).pathname, requestId: route.request().postDataJSON()?.requestId });
      await route.continue();
    });

    const page = await context.newPage();
    await page.goto(`${e2e.hub.url}/counter`);
    await page.getByTestId('login-username').fill('counter1');
    await page.getByTestId('login-password').fill('counter123');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('counter-pick-3').click();
    await page.getByTestId('btn-call-next').waitFor();
    await stateIs(page, 'idle');

    cut = true;
    await page.getByTestId('btn-call-next').click();
    await stateIs(page, 'called');
    // The feed shows the call at once; the click is done (its buttons free again) once the retry got the reply.
    await page.waitForFunction(() => (document.querySelector('[data-testid="btn-start"]') as HTMLButtonElement | null)?.disabled === false);
    expect((await page.getByTestId('current-label').innerText()).trim()).toBe('B-001');
    expect(await page.getByTestId('action-error').count()).toBe(0);
    expect(calls()).toBe(1);
    // The click went out twice (the lost one and the retry), both with one requestId, a fresh 32-hex-digit one.
    const sent = [...viaSocket.filter((s) => s.event === 'counter:call-next'), ...viaRest.filter((r) => r.path === '/api/counters/3/call-next')];
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sent.map((s) => s.requestId)).size).toBe(1);
    expect(sent[0]!.requestId).toMatch(/^[0-9a-f]{32}$/);

    // The next click is another request.
    await page.getByTestId('btn-start').click();
    await stateIs(page, 'serving');
    const start = [...viaSocket.filter((s) => s.event === 'counter:start'), ...viaRest.filter((r) => r.path === '/api/counters/3/start')];
    expect(start).toHaveLength(1);
    expect(start[0]!.requestId).not.toBe(sent[0]!.requestId);
    expect(calls()).toBe(1);
  });
});
