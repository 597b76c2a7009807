// The floor of bench/issue-http.ts, run as its own process like the hub: a bare node:http server
// that answers each POST with one one-row SQLite transaction (the hub's pragmas, an events-shaped
// table, the request body as the row's payload) and a small JSON reply. Prints its port on stdout.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';

const file = process.env.RAW_DB;
if (!file) throw new Error('RAW_DB names the database file');
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
db.exec(`CREATE TABLE IF NOT EXISTS events (
  seq integer PRIMARY KEY AUTOINCREMENT NOT NULL, at integer NOT NULL, day text NOT NULL,
  type text NOT NULL, actor text NOT NULL, payload text NOT NULL)`);
const insert = db.prepare('INSERT INTO events (at, day, type, actor, payload) VALUES (?, ?, ?, ?, ?)');
const tx = db.transaction((payload: string) => insert.run(Date.now(), '2026-11-26', 'ticket_issued', 'raw', payload).lastInsertRowid);

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    const seq = tx(JSON.stringify(body));
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ seq: Number(seq) }));
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
