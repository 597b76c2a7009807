// Settings
import { eq } from 'drizzle-orm';
import { DEFAULT_SETTINGS, Settings } from '../../protocol/domain.ts';
import type { Db } from '../client.ts';
import { settings } from '../schema.ts';

const SETTINGS_KEY = 'hall';

/**
 * The hall's settings: the stored value merged over DEFAULT_SETTINGS and validated. A stored field
 * that no longer validates falls back to its default (it never stops the hub from starting).
 */
export function loadSettings(db: Db): Settings {
  const row = db.orm.select().from(settings).where(eq(settings.key, SETTINGS_KEY)).get();
  if (!row || typeof row.value !== 'object' || row.value === null || Array.isArray(row.value)) {
    return structuredClone(DEFAULT_SETTINGS);
  }
  const merged: Record<string, unknown> = { ...structuredClone(DEFAULT_SETTINGS), ...(row.value as Record<string, unknown>) };
  const first = Settings.safeParse(merged);
  if (first.success) return first.data;
  const defaults = DEFAULT_SETTINGS as Record<string, unknown>;
  for (const issue of first.error.issues) {
    const key = issue.path[0];
    if (typeof key === 'string' && key in defaults) merged[key] = structuredClone(defaults[key]);
  }
  const second = Settings.safeParse(merged);
  return second.success ? second.data : structuredClone(DEFAULT_SETTINGS);
}

/** Validates and stores the hall's settings. */
export function saveSettings(db: Db, s: Settings): void {
  const value = Settings.parse(s);
  db.orm.insert(settings).values({ key: SETTINGS_KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}

/** Other values kept in the settings table under their own key (not part of the hall's Settings). */
function putValue(db: Db, key: string, value: unknown): void {
  db.orm.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}
function getValue(db: Db, key: string): unknown {
  return db.orm.select().from(settings).where(eq(settings.key, key)).get()?.value;
}

/** The demo kiosk and display seeded on first run. */
export type DemoDevices = { kiosk: number; display: number };

export function saveDemoDevices(db: Db, ids: DemoDevices): void {
  putValue(db, 'demoDevices', { kiosk: ids.kiosk, display: ids.display });
}

/** The seeded demo devices, or null when this database has none. */
export function loadDemoDevices(db: Db): DemoDevices | null {
  const v = getValue(db, 'demoDevices') as Partial<DemoDevices> | undefined;
  return v && Number.isInteger(v.kiosk) && Number.isInteger(v.display) ? { kiosk: v.kiosk!, display: v.display! } : null;
}

/** The argon2 hash of the PIN staff type to leave kiosk mode (never part of the public settings). */
export function saveKioskPinHash(db: Db, hash: string): void {
  putValue(db, 'kioskPinHash', hash);
}

export function loadKioskPinHash(db: Db): string | null {
  const v = getValue(db, 'kioskPinHash');
  return typeof v === 'string' ? v : null;
}

/** The SHA-256 of the one-time setup token of a hall without an admin (the token itself is only in the hub's log). */
export function saveSetupTokenHash(db: Db, hash: string): void {
  putValue(db, 'setupTokenHash', hash);
}

export function loadSetupTokenHash(db: Db): string | null {
  const v = getValue(db, 'setupTokenHash');
  return typeof v === 'string' ? v : null;
}

/** The first admin exists: the setup link stops working. */
export function clearSetupToken(db: Db): void {
  db.orm.delete(settings).where(eq(settings.key, 'setupTokenHash')).run();
}
