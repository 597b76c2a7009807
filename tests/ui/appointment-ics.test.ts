// "Add to calendar" on the appointment page: the .ics holds the slot's instants in UTC, so a calendar in any zone shows the hall's time.
import { expect, it } from 'vitest';
import { icsOf } from '../../appointment-ui/ics.ts';
import { localInstant } from '../../engine/index.ts';

it('writes one VEVENT at the slot’s instants in UTC, with escaped text and CRLF lines', () => {
  const start = localInstant('2026-11-29', '10:00', 'Asia/Bahrain');
  const ics = icsOf({
    uid: 'T9K83NL',
    start,
    end: start + 15 * 60_000,
    summary: 'Update details — T9K83NL',
    location: 'Hall, Road 1; Manama',
    description: 'Smart ID card\nand papers',
    now: Date.parse('2026-11-26T06:00:00Z'),
  });
  const lines = ics.split('\r\n');
  expect(lines).toContain('DTSTART:20261129T070000Z'); // 10:00 in Bahrain (UTC+3)
  expect(lines).toContain('DTEND:20261129T071500Z');
  expect(lines).toContain('DTSTAMP:20261126T060000Z');
  expect(lines).toContain('UID:T9K83NL@dor');
  expect(lines).toContain('LOCATION:Hall\\, Road 1\\; Manama');
  expect(lines).toContain('DESCRIPTION:Smart ID card\\nand papers');
  expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
  expect(ics.replace(/\r\n/g, '')).not.toMatch(/\n/);
});
