// Replies are part of the contract: every operation has an output schema, and the test hub parses
// every reply with it (validateReplies), so any integration suite whose calls drift fails.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contracts } from '../../protocol/operations.ts';
import { operations } from '../../server/ops/index.ts';
import { type InputOf, requestOf } from '../../ui-kit/client.ts';
import { call, connectClient, deviceToken, startTestHub, type Client, type TestHub } from '../helpers/hub.ts';

describe('the contract table', () => {
  it('gives every operation an output schema, and the hub implements exactly the contracts', () => {
    for (const o of operations) {
      expect(o.output, o.name).toBeInstanceOf(z.ZodType);
      expect(o.input, o.name).toBe(contracts[o.name].input);
      expect(o.output, o.name).toBe(contracts[o.name].output);
    }
    expect(operations.map((o) => o.name).sort()).toEqual(Object.keys(contracts).sort());
  });
});

describe('the typed client', () => {
  it('builds REST requests from the contract: path params from the input, GET as a query, others as a JSON body', () => {
    expect(requestOf('appointments.reschedule', { id: 'a b', day: '2026-11-30', time: '09:30' })).toEqual({
      path: '/api/appointments/a%20b/reschedule',
      method: 'POST',
      body: { day: '2026-11-30', time: '09:30' },
    });
    expect(requestOf('calls.list', { cpr: '123456789', day: undefined })).toEqual({ path: '/api/calls?cpr=123456789', method: 'GET' });
    expect(requestOf('services.list', {})).toEqual({ path: '/api/services', method: 'GET' });
    expect(requestOf('settings.patch', { maxRecalls: 4 } satisfies InputOf<'settings.patch'>)).toEqual({
      path: '/api/settings',
      method: 'PATCH',
      body: { maxRecalls: 4 },
    });
    expect(requestOf('devices.revoke', { id: 7 })).toEqual({ path: '/api/devices/7', method: 'DELETE' });
    expect(requestOf('counter.finish', { counter: 3, outcome: 'done', note: null })).toEqual({
      path: '/api/counters/3/finish',
      method: 'POST',
      body: { outcome: 'done', note: null },
    });
  });
});

describe('reply validation in the test hub', () => {
  let hub: TestHub;
  let client: Client | null = null;
  const services = operations.find((o) => o.name === 'services.list')!;
  const realOutput = services.output;
  beforeEach(async () => {
    hub = await startTestHub();
  });
  afterEach(async () => {
    services.output = realOutput;
    client?.close();
    client = null;
    await hub.stop();
  });

  it('passes replies that match their contract', async () => {
    const token = deviceToken(hub, 'kiosk');
    const r = await call(hub, 'GET', '/api/services', { token });
    expect(r.status).toBe(200);
    expect(realOutput.safeParse(r.body).success).toBe(true);
    client = await connectClient(hub, { token });
    const ack = await client.emit('services:list', {});
    expect(ack.ok).toBe(true);
  });

  it('fails a drifting reply loudly over REST (500) and over a socket (error ack)', async () => {
    // A test-only drift: the contract now expects a field the handler never sends.
    services.output = z.object({ notThere: z.string() });
    const token = deviceToken(hub, 'kiosk');
    const r = await call(hub, 'GET', '/api/services', { token });
    expect(r.status).toBe(500);
    expect(r.body.error.code).toBe('REPLY_INVALID');
    expect(r.body.error.message).toContain('services.list');
    client = await connectClient(hub, { token });
    const ack = await client.emit('services:list', {});
    expect(ack).toMatchObject({ ok: false, error: { code: 'REPLY_INVALID' } });
  });
});
