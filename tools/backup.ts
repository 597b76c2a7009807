// `npm run backup`: a consistent copy of the hall's database (DOR_DB) while the hub runs, checked.
//   npm run backup -- --out FILE [--force]      one copy, to FILE
//   npm run backup -- --dir DIR [--keep N]      DIR/dor-<time>.db, then only the newest N kept (the nightly timer)
// Exit 0 with what it wrote; 1 when the database is missing, the copy fails its check or FILE exists; 2 on bad arguments.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { backupDatabase, backupName, OperationError, pruneBackups, summaryLine } from './db-backup.ts';

const USAGE = `usage:
  npm run backup -- --out FILE [--force]
  npm run backup -- --dir DIR [--keep N]
The database is DOR_DB (default ./data/dor.db), as for the hub.`;

function usage(problem: string): never {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}

let values: { out?: string; dir?: string; keep?: string; force?: boolean };
try {
  ({ values } = parseArgs({
    options: { out: { type: 'string' }, dir: { type: 'string' }, keep: { type: 'string' }, force: { type: 'boolean', default: false } },
  }));
} catch (err) {
  usage(err instanceof Error ? err.message : String(err));
}
if (!values.out === !values.dir) usage('give --out FILE or --dir DIR (one of them)');
if (values.keep !== undefined && !values.dir) usage('--keep goes with --dir');
const keep = values.keep === undefined ? null : Number(values.keep);
if (keep !== null && !(Number.isInteger(keep) && keep >= 1)) usage(`--keep takes a whole number of backups, 1 or more, not ${values.keep}`);

try {
  const source = loadConfig().DOR_DB;
  const out = values.out ?? join(values.dir!, backupName(new Date()));
  const summary = await backupDatabase(source, out, { force: values.force === true });
  console.log(`backup written: ${summaryLine(summary)}`);
  if (keep !== null) {
    const pruned = pruneBackups(values.dir!, keep);
    if (pruned.length) console.log(`removed ${pruned.length} older backup(s), keeping the newest ${keep}: ${pruned.join(', ')}`);
  }
} catch (err) {
  if (!(err instanceof OperationError) && !(err instanceof Error && err.message.startsWith('Bad configuration'))) throw err;
  console.error(`backup failed: ${err.message}`);
  process.exit(1);
}
