// The what-if's scenario from a hall's history: simulated with a known scenario, measured back
// from the stored events, the figures come back close to the scenario's.
import { describe, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { openDatabase } from '../../db/client.ts';
import { seedDemo } from '../../db/seed.ts';
import { scenarioFromHistory } from '../../simulator/from-history.ts';
import { simulate } from '../../simulator/run.ts';
import { loadScenario, type Scenario } from '../../simulator/scenario.ts';
import { withPlan } from '../../server/whatif.ts';

/** Slots to spare (three appointment counters for a quarter of 120 citizens), so every booker gets one and the booked share is the scenario's. */
const known: Scenario = {
  ...loadScenario(),
  name: 'known hall',
  days: 6,
  counters: 6,
  appointmentCounters: 3,
  citizensPerDay: 120,
  citizensPerDaySd: 10,
  bookedShare: 0.25,
  noShowRate: 0.15,
  serviceMix: { 'new-application': 40, 'application-inquiry': 30, 'update-details': 20, 'family-members': 10 },
  serviceTimeMin: { 'new-application': 20, 'application-inquiry': 8, 'update-details': 12, 'family-members': 15 },
  hours: { opens: '07:00', closes: '14:30' },
  appointmentHours: { start: '08:00', end: '13:00' },
};
const share = (mix: Record<string, number>, id: string) => (mix[id] ?? 0) / Object.values(mix).reduce((a, b) => a + b, 0);

describe('scenarioFromHistory', () => {
  it('measures a simulated hall back close to its scenario', async () => {
    const run = await simulate(known, { endDay: '2026-11-26', seed: 3 });
    const { scenario: s, basis, counters } = scenarioFromHistory(run.db, '2026-11-26');
    expect(basis).toEqual({ from: '2026-10-30', to: '2026-11-26', openDays: 6, source: 'history' });
    expect(Math.abs(s.citizensPerDay - known.citizensPerDay) / known.citizensPerDay).toBeLessThan(0.15);
    expect(Math.abs(s.bookedShare - known.bookedShare)).toBeLessThan(0.1);
    expect(Math.abs(s.noShowRate - known.noShowRate)).toBeLessThan(0.1);
    for (const id of Object.keys(known.serviceMix)) {
      expect(Math.abs(share(s.serviceMix, id) - share(known.serviceMix, id)), id).toBeLessThan(0.05);
      // The median service time of a service, its few transferred tickets' second segment included.
      expect(Math.abs(s.serviceTimeMin[id]! - known.serviceTimeMin[id]!) / known.serviceTimeMin[id]!, id).toBeLessThan(0.2);
    }
    expect(s.serviceMix['letter-follow-up']).toBeUndefined();
    // The morning peak is where the scenario has it.
    const busiest = Object.entries(s.arrivalsByHour).sort((a, b) => b[1] - a[1])[0]![0];
    expect(busiest).toBe('08');
    // The hall's configuration: its counters in their modes, its hours and appointment hours.
    expect(counters).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s.modes).toEqual({ 1: 'appointment', 2: 'appointment', 3: 'appointment', 4: 'general', 5: 'general', 6: 'general' });
    expect(s.hours).toEqual(known.hours);
    expect(s.appointmentHours).toEqual(known.appointmentHours);

    // A plan on top: its counters in its modes, the others as they are, its hours.
    const planned = withPlan(
      { scenario: s, basis, counters },
      {
        counters: [
          { counter: 4, mode: 'mixed' },
          { counter: 5, mode: 'mixed' },
        ],
        startTime: '07:30',
        endTime: '12:00',
      },
    );
    expect(planned.modes).toEqual({ ...s.modes, 4: 'mixed', 5: 'mixed' });
    expect(planned.appointmentCounters).toBe(5);
    expect(planned.appointmentHours).toEqual({ start: '07:30', end: '12:00' });
    run.db.sqlite.close();
  });

  it('stands in the default busy day, for this hall’s counters, without enough history', async () => {
    const db = openDatabase(':memory:');
    const { demoDeviceIds } = await seedDemo(db, Date.parse('2026-11-26T06:00:00Z'));
    repo.saveDemoDevices(db, demoDeviceIds);
    const { scenario: s, basis, counters } = scenarioFromHistory(db, '2026-11-25');
    expect(basis).toEqual({ from: '2026-10-29', to: '2026-11-25', openDays: 0, source: 'default' });
    const busy = loadScenario();
    // The demo hall has 6 counters where the default day has 10: six tenths of its citizens.
    expect(counters).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s.citizensPerDay).toBeCloseTo((busy.citizensPerDay * 6) / 10, 1);
    expect(s.serviceMix).toEqual(busy.serviceMix);
    expect(s.modes).toEqual({ 1: 'appointment', 2: 'appointment', 3: 'general', 4: 'general', 5: 'general', 6: 'general' });
    db.sqlite.close();
  });
});
