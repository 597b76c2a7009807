// The Reports section's address: the query read back from `#reports?…`, the default range, the
// presets counted back from the hall's day, and the CSV link carrying the same query.
import { expect, it } from 'vitest';
import { addDays, csvHref, paramsFromHash, presetOf, presetRange, queryString, reportsHash } from '../../supervisor-ui/reports-query.ts';

const TODAY = '2026-11-26';

it('opens on the last 30 days ending on the hall day when the address names no range', () => {
  const p = paramsFromHash('#reports', TODAY);
  expect(p).toEqual({ from: '2026-10-28', to: TODAY, serviceId: '', kind: '', counter: '', userId: '', pivot: '' });
  expect(presetOf(p, TODAY)).toBe('month');
});

it('reads back every filter it wrote, so a reload or a shared link opens the same report', () => {
  const p = { from: '2026-11-01', to: '2026-11-20', serviceId: 'new-application', kind: 'walkin', counter: '3', userId: '7', pivot: '2026-11-10' };
  const hash = reportsHash(p);
  expect(hash).toBe('#reports?from=2026-11-01&to=2026-11-20&serviceId=new-application&kind=walkin&counter=3&userId=7&pivot=2026-11-10');
  expect(paramsFromHash(hash, TODAY)).toEqual(p);
  expect(presetOf(p, TODAY)).toBeNull();
});

it('counts the presets back from the hall day, across a month end', () => {
  expect(presetRange('day', TODAY)).toEqual({ from: TODAY, to: TODAY });
  expect(presetRange('week', '2026-12-03')).toEqual({ from: '2026-11-27', to: '2026-12-03' });
  expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
});

it('links each CSV to the same query with its table and language', () => {
  const p = paramsFromHash('#reports?from=2026-11-01&to=2026-11-20&kind=appointment', TODAY);
  expect(queryString(p)).toBe('from=2026-11-01&to=2026-11-20&kind=appointment');
  expect(csvHref(p, 'estimate-accuracy', 'ar')).toBe('/api/reports/export.csv?from=2026-11-01&to=2026-11-20&kind=appointment&table=estimate-accuracy&lang=ar');
});
