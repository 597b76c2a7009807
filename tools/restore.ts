// `npm run restore -- --from FILE`: puts a backup in place of the hall's database (DOR_DB), with the
// hub stopped. Refused while any process has the database open (tools/db-backup.ts databaseInUse);
// the backup is checked first; the database it replaces is kept as <DOR_DB>.before-restore-<time>.
// Exit 0 when restored; 1 when refused or the backup fails its check; 2 on bad arguments.
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { OperationError, restoreDatabase, summaryLine } from './db-backup.ts';

const USAGE = `usage:
  npm run restore -- --from FILE
with the hub stopped (systemctl stop dor). The database replaced is DOR_DB (default ./data/dor.db), as for the hub.`;

let from: string | undefined;
try {
  from = parseArgs({ options: { from: { type: 'string' } } }).values.from;
} catch (err) {
  console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  process.exit(2);
}
if (!from) {
  console.error(`give --from FILE\n${USAGE}`);
  process.exit(2);
}

try {
  const restored = restoreDatabase(from, loadConfig().DOR_DB, new Date());
  console.log(`restored: ${summaryLine(restored)}`);
  console.log(restored.keptAs ? `the database it replaced is kept as ${restored.keptAs}` : 'there was no database there before');
  console.log('start the hub again (systemctl start dor): it continues from the last event above');
} catch (err) {
  if (!(err instanceof OperationError) && !(err instanceof Error && err.message.startsWith('Bad configuration'))) throw err;
  console.error(`restore refused: ${err.message}`);
  process.exit(1);
}
