// Kiosk lock-down and printers: the staff PIN to leave kiosk mode, printer bindings, test prints.
import { hash, verify } from '@node-rs/argon2';
import * as repo from '../../db/repos/index.ts';
import { HttpError } from '../errors.ts';
import { notFound, op } from './op.ts';

export const deviceOps = [
  op('kiosk.exit', {
    access: { devices: ['kiosk'] },
    async run(ctx, { pin }) {
      const key = `pin:${ctx.principal.kind === 'device' ? ctx.principal.deviceId : 0}`;
      if (!ctx.limiter.take(key, 5, 60_000, ctx.clock.now())) throw new HttpError(429, 'RATE_LIMITED', 'Too many tries; wait a minute.');
      const stored = repo.loadKioskPinHash(ctx.db);
      if (!stored || !(await verify(stored, pin))) throw new HttpError(403, 'WRONG_PIN', 'Wrong PIN.');
      return { ok: true };
    },
  }),
  op('kiosk.setPin', {
    access: { roles: ['supervisor'] },
    async run(ctx, { pin }) {
      repo.saveKioskPinHash(ctx.db, await hash(pin));
      return { ok: true };
    },
  }),
  op('devices.setPrinter', {
    access: { roles: ['supervisor'] },
    run(ctx, { id, printer }) {
      if (!repo.getDevice(ctx.db, id)) notFound('DEVICE_NOT_FOUND', `There is no device ${id}.`);
      repo.setDevicePrinter(ctx.db, id, printer);
      return { device: repo.getDevice(ctx.db, id)! };
    },
  }),
  op('printers.test', {
    access: { roles: ['supervisor'] },
    async run(ctx, body) {
      const target = body.printer ?? repo.getDevice(ctx.db, body.deviceId!)?.printer;
      if (!target) notFound('NO_PRINTER', 'That device has no printer bound to it.');
      return ctx.printing.testPrint(target, body.width);
    },
  }),
];
