// Kiosk lock-down, printers and paired devices: the staff PIN to leave kiosk mode, printer
// bindings, test prints, renaming and revoking a device.
import { hash, verify } from '@node-rs/argon2';
import { transaction } from '../../db/client.ts';
import * as repo from '../../db/repos/index.ts';
import { audit } from '../audit.ts';
import { HttpError } from '../errors.ts';
import { notFound, op, type OpContext } from './op.ts';
import { throttledGuess } from './session.ts';

/** A device as the console lists it: its record, and whether a socket of it is connected now. */
export const deviceView = (ctx: OpContext, d: repo.DeviceRow) => ({ ...d, online: ctx.presence.online(d.id) });

function existingDevice(ctx: OpContext, id: number): repo.DeviceRow {
  return repo.getDevice(ctx.db, id) ?? notFound('DEVICE_NOT_FOUND', `There is no device ${id}.`);
}

export const deviceOps = [
  op('kiosk.exit', {
    access: { devices: ['kiosk'] },
    async run(ctx, { pin }) {
      const kiosk = `kiosk:${ctx.principal.kind === 'device' ? ctx.principal.deviceId : 0}`;
      return throttledGuess(ctx, 'pin', kiosk, 'WRONG_PIN', async () => {
        const stored = repo.loadKioskPinHash(ctx.db);
        if (!stored || !(await verify(stored, pin))) throw new HttpError(403, 'WRONG_PIN', 'Wrong PIN.');
        return { ok: true as const };
      });
    },
  }),
  op('kiosk.setPin', {
    access: { roles: ['supervisor'] },
    async run(ctx, { pin }) {
      const pinHash = await hash(pin);
      // Who changed it and when; never the PIN.
      transaction(ctx.db, () => {
        repo.saveKioskPinHash(ctx.db, pinHash);
        audit(ctx, 'kiosk.pin', 'kiosk');
      });
      return { ok: true };
    },
  }),
  op('devices.setPrinter', {
    access: { roles: ['supervisor'] },
    run(ctx, { id, printer }) {
      const d = existingDevice(ctx, id);
      if (d.printer !== printer) {
        transaction(ctx.db, () => {
          repo.setDevicePrinter(ctx.db, id, printer);
          audit(ctx, 'device.printer', `device:${id}`, { before: { printer: d.printer }, after: { printer } });
        });
      }
      return { device: deviceView(ctx, repo.getDevice(ctx.db, id)!) };
    },
  }),
  op('devices.rename', {
    access: { roles: ['supervisor'] },
    run(ctx, { id, name }) {
      const d = existingDevice(ctx, id);
      if (d.name !== name) {
        transaction(ctx.db, () => {
          repo.renameDevice(ctx.db, id, name);
          audit(ctx, 'device.rename', `device:${id}`, { before: { name: d.name }, after: { name } });
        });
      }
      return { device: deviceView(ctx, repo.getDevice(ctx.db, id)!) };
    },
  }),
  op('devices.revoke', {
    access: { roles: ['supervisor'] },
    run(ctx, { id }) {
      const d = existingDevice(ctx, id);
      if (!d.revoked) {
        transaction(ctx.db, () => {
          repo.revokeDevice(ctx.db, id);
          audit(ctx, 'device.revoke', `device:${id}`, { before: { revoked: false }, after: { revoked: true } });
        });
      }
      // Its token no longer resolves; its open sockets would otherwise keep receiving the hall until their next event.
      ctx.connections.disconnectDevice(id);
      return { device: deviceView(ctx, repo.getDevice(ctx.db, id)!) };
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
