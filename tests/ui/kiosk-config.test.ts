// The kiosk's timings (kiosk-ui/config.ts): the idle time is the hall's setting, followed live;
// what an installer or a test pins in the address wins; the ticket's times follow the idle time.
import { describe, expect, it } from 'vitest';
import { kioskTimings, readConfig } from '../../kiosk-ui/config.ts';

describe('kiosk timings', () => {
  it("follow the hall's idle time, and the default one until the kiosk has the settings", () => {
    const config = readConfig('', {});
    expect(config).toEqual({ idleMs: null, ticketMs: null, ticketFailedMs: null, scanGapMs: 50 });
    expect(kioskTimings(config, null)).toEqual({ idleMs: 30_000, ticketMs: 15_000, ticketFailedMs: 60_000 });
    expect(kioskTimings(config, { kioskIdleSeconds: 90 })).toEqual({ idleMs: 90_000, ticketMs: 45_000, ticketFailedMs: 180_000 });
  });

  it('keep what the address or a preset pins, whatever the hall says', () => {
    const pinned = readConfig('?idle=2000&scanGap=400', {});
    expect(kioskTimings(pinned, { kioskIdleSeconds: 90 })).toEqual({ idleMs: 2000, ticketMs: 1000, ticketFailedMs: 4000 });
    const ticket = readConfig('?ticketMs=5000', { ticketFailedMs: 7000 });
    expect(kioskTimings(ticket, { kioskIdleSeconds: 20 })).toEqual({ idleMs: 20_000, ticketMs: 5000, ticketFailedMs: 7000 });
    expect(pinned.scanGapMs).toBe(400);
  });

  it('ignore a pinned value that is not a positive number', () => {
    const config = readConfig('?idle=0&ticketMs=soon', { idleMs: -5 });
    expect(kioskTimings(config, { kioskIdleSeconds: 45 })).toEqual({ idleMs: 45_000, ticketMs: 22_500, ticketFailedMs: 90_000 });
  });
});
