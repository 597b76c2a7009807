// Import of housing applications and letters from the ministry's system (docs/IMPORT.md): a CSV or
// JSON export, or rows pushed over HTTP. Every row is validated on its own; the good rows are
// upserted in one transaction (applications by number, letters by reference), the bad ones
// reported with their reasons. Importing the same rows again changes nothing. A first-time caller's provisional
// record (booked by an agent before the ministry knew the CPR) is merged: the import's names and phone win, the
// agent's phone stays if the import has none, and the record becomes a registry one (audited).
import * as cit from '../db/repos/citizens.ts';
import { type Db, transaction } from '../db/client.ts';
import { IMPORT_COLUMNS, ImportRow, MAX_IMPORT_ROWS } from '../protocol/citizens.ts';
import { HttpError } from './errors.ts';

export interface ImportReport {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: { row: number; errors: string[] }[];
}

/** RFC 4180 CSV: comma separated, fields optionally in double quotes ("" inside for a quote), CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new HttpError(400, 'IMPORT_BAD_FILE', 'The CSV file ends inside a quoted field.');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
}

/** The file's rows as objects, numbered from 1 (the CSV header is not counted). */
export function rowsOfFile(format: 'csv' | 'json', data: string): { row: number; value: unknown }[] {
  let list: { row: number; value: unknown }[];
  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      throw new HttpError(400, 'IMPORT_BAD_FILE', 'The JSON file is not valid JSON.');
    }
    const rows = Array.isArray(parsed) ? parsed : (parsed as { rows?: unknown } | null)?.rows;
    if (!Array.isArray(rows)) throw new HttpError(400, 'IMPORT_BAD_FILE', 'The JSON file must be an array of rows or { "rows": [...] }.');
    list = rows.map((value, i) => ({ row: i + 1, value }));
  } else {
    const [header, ...body] = parseCsv(data);
    if (!header) throw new HttpError(400, 'IMPORT_BAD_FILE', 'The CSV file is empty.');
    const columns = header.map((h) => h.trim());
    const unknown = columns.filter((c) => !(IMPORT_COLUMNS as readonly string[]).includes(c));
    if (unknown.length) throw new HttpError(400, 'IMPORT_BAD_FILE', `Unknown CSV columns: ${unknown.join(', ')} (expected ${IMPORT_COLUMNS.join(', ')}).`);
    for (const need of ['kind', 'cpr'] as const) {
      if (!columns.includes(need)) throw new HttpError(400, 'IMPORT_BAD_FILE', `The CSV header has no "${need}" column.`);
    }
    list = body.map((cells, i) => ({
      row: i + 1,
      value:
        cells.length !== columns.length
          ? new Error(`has ${cells.length} cells, the header has ${columns.length}`)
          : Object.fromEntries(columns.map((c, j) => [c, cells[j]])),
    }));
  }
  if (list.length > MAX_IMPORT_ROWS) throw new HttpError(413, 'IMPORT_TOO_LARGE', `At most ${MAX_IMPORT_ROWS} rows per import.`);
  return list;
}

/** Empty cells (and nulls) mean "not given": a CSV row carries the columns of both kinds. */
function withoutEmpty(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && !(typeof v === 'string' && v.trim() === '')));
}

type Outcome = 'inserted' | 'updated' | 'unchanged';

/** A contact as the audit trail shows it: the names given, then the phone. */
export const describeContact = (c: { nameAr: string; nameEn: string; phone: string | null }): string =>
  `${[c.nameAr, c.nameEn].filter((n) => n !== '').join(' / ')} · ${c.phone ?? '—'}`;

/** Validates and upserts `rows` in one transaction; `actor` (who imports) is named in the audit of merged records. */
export function importRows(db: Db, rows: { row: number; value: unknown }[], now: number, actor: string): ImportReport {
  const report: ImportReport = { inserted: 0, updated: 0, unchanged: 0, rejected: [] };
  transaction(db, () => {
    for (const { row, value } of rows) {
      if (value instanceof Error) {
        report.rejected.push({ row, errors: [value.message] });
        continue;
      }
      const parsed = ImportRow.safeParse(withoutEmpty(value));
      if (!parsed.success) {
        report.rejected.push({ row, errors: parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)) });
        continue;
      }
      const result = applyRow(db, parsed.data, now, actor);
      if (typeof result === 'string') report[result]++;
      else report.rejected.push({ row, errors: [result.error] });
    }
  });
  return report;
}

function applyRow(db: Db, r: ImportRow, now: number, actor: string): Outcome | { error: string } {
  // Refuse before touching the citizen: a number or reference already held by another CPR.
  const app = r.kind === 'application' ? cit.getApplicationByNumber(db, r.number) : null;
  const letter = r.kind === 'letter' ? cit.getLetterByReference(db, r.reference) : null;
  const owner = app?.cpr ?? letter?.cpr;
  if (owner && owner !== r.cpr) {
    return { error: `${r.kind === 'application' ? `application ${r.number}` : `letter ${r.reference}`} belongs to another CPR (${owner})` };
  }

  let citizenChanged = false;
  const citizen = cit.getCitizen(db, r.cpr);
  if (!citizen) cit.insertCitizen(db, { cpr: r.cpr, nameAr: r.nameAr, nameEn: r.nameEn, phone: r.phone ?? null, address: null, iban: null, updatedAt: now });
  else if (citizen.registry === 'provisional') {
    const merged = { nameAr: r.nameAr, nameEn: r.nameEn, phone: r.phone ?? citizen.phone };
    cit.updateCitizen(db, r.cpr, { ...merged, registry: 'imported', updatedAt: now });
    cit.appendAudit(db, [{ cpr: r.cpr, field: 'merged', oldValue: describeContact(citizen), newValue: describeContact(merged), actor, at: now }]);
    citizenChanged = true;
  } else if (citizen.nameAr !== r.nameAr || citizen.nameEn !== r.nameEn) {
    cit.updateCitizen(db, r.cpr, { nameAr: r.nameAr, nameEn: r.nameEn, updatedAt: now });
    citizenChanged = true;
  }

  if (r.kind === 'application') {
    if (!app) {
      const id = cit.insertApplication(db, { cpr: r.cpr, type: r.type, number: r.number, status: r.status, submittedDay: r.submittedDay, updatedAt: now });
      cit.appendApplicationStatus(db, id, r.status, now);
      return 'inserted';
    }
    if (app.type === r.type && app.status === r.status && app.submittedDay === r.submittedDay) return citizenChanged ? 'updated' : 'unchanged';
    cit.updateApplication(db, app.id, { type: r.type, status: r.status, submittedDay: r.submittedDay, updatedAt: now });
    if (app.status !== r.status) cit.appendApplicationStatus(db, app.id, r.status, now);
    return 'updated';
  }
  if (!letter) {
    cit.insertLetter(db, { cpr: r.cpr, subject: r.subject, reference: r.reference, status: r.status, receivedDay: r.receivedDay, updatedAt: now });
    return 'inserted';
  }
  if (letter.subject === r.subject && letter.status === r.status && letter.receivedDay === r.receivedDay) return citizenChanged ? 'updated' : 'unchanged';
  cit.updateLetter(db, letter.id, { subject: r.subject, status: r.status, receivedDay: r.receivedDay, updatedAt: now });
  return 'updated';
}
