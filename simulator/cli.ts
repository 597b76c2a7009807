// `npm run simulate`: a database with days of simulated history for the demo, or a what-if.
//   npm run simulate -- --days 20 --db data/busy.db [--seed N] [--scenario file.json] [--force]
//   npm run simulate -- --compare a.json b.json [--days N] [--seed N]
//   npm run simulate -- --vary appointmentCounters=2,4,6 [--scenario file.json] [--days N] [--seed N]
// `--end-day YYYY-MM-DD` sets the last simulated day (default: yesterday in the hall's time zone).
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client.ts';
import { CalendarDay } from '../protocol/api.ts';
import { compare, comparisonTable, hallKpis, type Variant } from './compare.ts';
import { invariantViolations } from './invariants.ts';
import { simulate, yesterday } from './run.ts';
import { loadScenario, type Scenario, withField } from './scenario.ts';

const USAGE = `usage:
  npm run simulate -- --days 20 --db data/busy.db [--seed N] [--scenario file.json] [--end-day YYYY-MM-DD] [--force]
  npm run simulate -- --compare a.json b.json [--days N] [--seed N]
  npm run simulate -- --vary appointmentCounters=2,4,6 [--scenario file.json] [--days N] [--seed N]`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    days: { type: 'string' },
    db: { type: 'string' },
    seed: { type: 'string', default: '1' },
    scenario: { type: 'string' },
    'end-day': { type: 'string' },
    force: { type: 'boolean', default: false },
    compare: { type: 'boolean', default: false },
    vary: { type: 'string' },
  },
});

const integer = (flag: string, v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n)) fail(`--${flag} takes a whole number, not ${v}`);
  return n;
};
const seed = integer('seed', values.seed);
const endDay = values['end-day'] ?? yesterday();
if (!CalendarDay.safeParse(endDay).success) fail(`--end-day takes a date YYYY-MM-DD, not ${endDay}`);
const withDays = (s: Scenario) => (values.days === undefined ? s : { ...s, days: integer('days', values.days) });
const scenarioFrom = (file?: string) => {
  try {
    return withDays(loadScenario(file));
  } catch (err) {
    fail(`scenario ${file ?? '(default)'}: ${err instanceof Error ? err.message : String(err)}`);
  }
};

if (values.compare || values.vary) {
  let variants: Variant[];
  if (values.compare) {
    if (positionals.length < 2) fail('--compare needs two or more scenario files');
    variants = positionals.map((file) => ({ label: basename(file, '.json'), scenario: scenarioFrom(file) }));
  } else {
    const [field, list] = values.vary!.split('=');
    if (!field || !list) fail('--vary takes field=value,value,…');
    const base = scenarioFrom(values.scenario);
    variants = list.split(',').map((v) => {
      try {
        return { label: `${field}=${v}`, scenario: withField(base, field, Number(v)) };
      } catch (err) {
        fail(`--vary ${field}=${v}: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  }
  const days = variants[0]!.scenario.days;
  console.log(`What-if over ${days} open days up to ${endDay}, seed ${seed}: the same citizens under each configuration.`);
  const rows = await compare(variants, { endDay, seed });
  console.log(comparisonTable(rows));
  console.log(`(${rows.map((r) => `${r.label}: ${(r.wallMs / 1000).toFixed(1)} s`).join(', ')})`);
} else {
  if (!values.db) fail('--db FILE is needed (or --compare / --vary)');
  const file = values.db;
  if (existsSync(file) && !values.force) fail(`${file} exists; add --force to replace it`);
  const scenario = scenarioFrom(values.scenario);
  // Built beside the target and moved into place at the end, so a failed run leaves no half database.
  const partial = `${file}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  const db = openDatabase(partial);
  const run = await simulate(scenario, { db, endDay, seed });
  const broken = invariantViolations(db);
  const kpis = hallKpis(db, run.from, run.to);
  db.sqlite.close();
  if (broken.length > 0) {
    console.error(`the simulated history breaks the engine's invariants:\n${broken.slice(0, 20).join('\n')}`);
    process.exit(1);
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  renameSync(partial, file);
  console.log(
    `${scenario.name}: ${run.openDays.length} open days ${run.from} … ${run.to} (seed ${seed}) in ${(run.wallMs / 1000).toFixed(1)} s — ` +
      `${run.citizens} citizens, ${run.bookings} bookings, ${run.tickets} tickets, ${run.events} events; invariants hold.`,
  );
  console.log(
    comparisonTable([{ label: basename(file), scenario, kpis, bookings: run.bookings, wallMs: run.wallMs }])
      .split('\n')
      .slice(1)
      .join('\n'),
  );
  console.log(`Serve it: DOR_DB=${file} npm start`);
}
