// Devices (kiosks and displays)
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { DeviceKind } from '../../protocol/domain.ts';
import { type Db, transaction } from '../client.ts';
import { devices, deviceTokens, pairingCodes } from '../schema.ts';
import { prepared } from './statements.ts';

export type DeviceRow = {
  id: number;
  kind: DeviceKind;
  name: string;
  printer: string | null;
  createdAt: number;
  pairedAt: number | null;
  revoked: boolean;
  lastSeenAt: number | null;
};
const toDevice = (r: typeof devices.$inferSelect): DeviceRow => ({
  id: r.id,
  kind: r.kind as DeviceKind,
  name: r.name,
  printer: r.printer,
  createdAt: r.createdAt,
  pairedAt: r.pairedAt,
  revoked: r.revoked,
  lastSeenAt: r.lastSeenAt,
});

/** Registers a device (unpaired unless `opts.pairedAt`); returns its id. */
export function createDevice(db: Db, kind: DeviceKind, name: string, now: number, opts: { printer?: string | null; pairedAt?: number | null } = {}): number {
  return db.orm
    .insert(devices)
    .values({
      kind,
      name,
      printer: opts.printer ?? null,
      createdAt: now,
      pairedAt: opts.pairedAt ?? null,
      revoked: false,
    })
    .returning({ id: devices.id })
    .get().id;
}

export function createPairingCode(db: Db, deviceId: number, codeHash: string, expiresAt: number): void {
  db.orm.insert(pairingCodes).values({ codeHash, deviceId, expiresAt, usedAt: null }).run();
}

/**
 * Uses a pairing code once: only an unused, unexpired (expiresAt > now) code of a device that is not revoked.
 * Marks the code used and the device paired; returns the device, or null.
 */
export function consumePairingCode(db: Db, codeHash: string, now: number): DeviceRow | null {
  return transaction(db, () => {
    const found = db.orm
      .select({ deviceId: pairingCodes.deviceId })
      .from(pairingCodes)
      .innerJoin(devices, eq(devices.id, pairingCodes.deviceId))
      .where(and(eq(pairingCodes.codeHash, codeHash), isNull(pairingCodes.usedAt), gt(pairingCodes.expiresAt, now), eq(devices.revoked, false)))
      .get();
    if (!found) return null;
    const used = db.orm
      .update(pairingCodes)
      .set({ usedAt: now })
      .where(and(eq(pairingCodes.codeHash, codeHash), isNull(pairingCodes.usedAt)))
      .run();
    if (used.changes !== 1) return null;
    db.orm.update(devices).set({ pairedAt: now }).where(eq(devices.id, found.deviceId)).run();
    return getDevice(db, found.deviceId);
  });
}

export function addDeviceToken(db: Db, deviceId: number, tokenHash: string, now: number): void {
  db.orm.insert(deviceTokens).values({ tokenHash, deviceId, createdAt: now }).run();
}

/** The device holding this token, unless revoked. */
export function findDeviceByToken(db: Db, tokenHash: string): DeviceRow | null {
  const r = prepared(db).deviceByToken.get({ tokenHash });
  return r ? toDevice(r.device) : null;
}

export function listDevices(db: Db): DeviceRow[] {
  return db.orm.select().from(devices).orderBy(asc(devices.id)).all().map(toDevice);
}

export function getDevice(db: Db, id: number): DeviceRow | null {
  const r = prepared(db).device.get({ id });
  return r ? toDevice(r) : null;
}

/** Revokes a device and drops its tokens and pending pairing codes. */
export function revokeDevice(db: Db, id: number): void {
  transaction(db, () => {
    db.orm.update(devices).set({ revoked: true }).where(eq(devices.id, id)).run();
    db.orm.delete(deviceTokens).where(eq(deviceTokens.deviceId, id)).run();
    db.orm
      .delete(pairingCodes)
      .where(and(eq(pairingCodes.deviceId, id), isNull(pairingCodes.usedAt)))
      .run();
  });
}

/** How stale a device's lastSeenAt may get before a request records it again: at most one write a minute per device. */
const LAST_SEEN_EVERY_MS = 60_000;

/** Records that `device` (as just read with its token) was seen at `now`, unless it was within the last minute. */
export function markDeviceSeen(db: Db, device: DeviceRow, now: number): void {
  if (device.lastSeenAt !== null && now - device.lastSeenAt < LAST_SEEN_EVERY_MS) return;
  setDeviceLastSeen(db, device.id, now);
}

/** Records when a device was last seen, always (its socket just closed: that is when it went away). */
export function setDeviceLastSeen(db: Db, deviceId: number, now: number): void {
  db.orm.update(devices).set({ lastSeenAt: now }).where(eq(devices.id, deviceId)).run();
}

export function renameDevice(db: Db, id: number, name: string): void {
  db.orm.update(devices).set({ name }).where(eq(devices.id, id)).run();
}

export function setDevicePrinter(db: Db, id: number, printer: string | null): void {
  db.orm.update(devices).set({ printer }).where(eq(devices.id, id)).run();
}
