// "Add to calendar": one VEVENT in UTC (the slot's instants), so every calendar shows it at the right local time whatever the phone's zone.

/** An instant as iCalendar UTC date-time: 20261129T070000Z. */
const utc = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Escapes TEXT values (RFC 5545 §3.3.11). */
const text = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

export interface CalendarEntry {
  /** Unique and stable for the booking (its reference), so a second download updates the same event. */
  uid: string;
  start: number;
  end: number;
  summary: string;
  location: string;
  description: string;
  /** When the file is made (DTSTAMP). */
  now: number;
}

/** The .ics text of one appointment (CRLF lines, as the standard wants). */
export function icsOf(e: CalendarEntry): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Dor//Appointment//EN',
    'CALSCALE:GREGORIAN',
    'BEGIN:VEVENT',
    `UID:${text(e.uid)}@dor`,
    `DTSTAMP:${utc(e.now)}`,
    `DTSTART:${utc(e.start)}`,
    `DTEND:${utc(e.end)}`,
    `SUMMARY:${text(e.summary)}`,
    `LOCATION:${text(e.location)}`,
    `DESCRIPTION:${text(e.description)}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}
