// Kiosk lock-down and printers: the staff PIN to leave kiosk mode, printer bindings, test prints.
import { hash, verify } from '@node-rs/argon2';
import * as repo from '../../db/repos/index.ts';
import { DevicePrinterBody, KioskExitBody, KioskPinBody, TestPrintBody } from '../../protocol/api.ts';
import { HttpError } from '../errors.ts';
import { notFound, op } from './op.ts';

export const deviceOps = [
  op({
    name: 'kiosk.exit', summary: 'Staff leave kiosk mode with the PIN (5 tries a minute per kiosk).',
    http: { method: 'post', path: '/api/kiosk/exit' }, input: KioskExitBody, access: { devices: ['kiosk'] },
    async run(ctx, { pin }) {
      const key = `pin:${ctx.principal.kind === 'device' ? ctx.principal.deviceId : 0}`;
      if (!ctx.limiter.take(key, 5, 60_000, ctx.clock.now())) throw new HttpError(429, 'RATE_LIMITED', 'Too many tries; wait a minute.');
      const stored = repo.loadKioskPinHash(ctx.db);
      if (!stored || !(await verify(stored, pin))) throw new HttpError(403, 'WRONG_PIN', 'Wrong PIN.');
      return { ok: true };
    },
  }),
  op({
    name: 'kiosk.setPin', summary: 'Sets the PIN staff type to leave kiosk mode (stored hashed).',
    http: { method: 'put', path: '/api/kiosk/pin' }, input: KioskPinBody, access: { roles: ['supervisor'] },
    async run(ctx, { pin }) {
      repo.saveKioskPinHash(ctx.db, await hash(pin));
      return { ok: true };
    },
  }),
  op({
    name: 'devices.setPrinter', summary: 'Binds a kiosk to its ticket printer ("virtual", "usb" or "tcp://HOST:9100"), or unbinds it.',
    http: { method: 'put', path: '/api/devices/:id/printer' }, input: DevicePrinterBody, access: { roles: ['supervisor'] },
    run(ctx, { id, printer }) {
      if (!repo.getDevice(ctx.db, id)) notFound('DEVICE_NOT_FOUND', `There is no device ${id}.`);
      repo.setDevicePrinter(ctx.db, id, printer);
      return { device: repo.getDevice(ctx.db, id) };
    },
  }),
  op({
    name: 'printers.test', summary: 'Prints a sample bilingual ticket on a printer (or a kiosk\'s bound printer) and says what happened.',
    http: { method: 'post', path: '/api/printers/test' }, input: TestPrintBody, access: { roles: ['supervisor'] },
    async run(ctx, body) {
      const target = body.printer ?? repo.getDevice(ctx.db, body.deviceId!)?.printer;
      if (!target) notFound('NO_PRINTER', 'That device has no printer bound to it.');
      return ctx.printing.testPrint(target, body.width);
    },
  }),
];
