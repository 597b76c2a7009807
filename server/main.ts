// `npm start`: open (and on first run seed) the database, then serve the hall on one port.
import { dirname, join } from 'node:path';
import { openDatabase } from '../db/client.ts';
import * as repo from '../db/repos/index.ts';
import { seedDefaults, seedDemo } from '../db/seed.ts';
import { startHub } from './app.ts';
import { shiftedClock, systemClock } from './clock.ts';
import { loadConfig } from './config.ts';
import { hubLogger } from './log.ts';
import { logSender, webhookSender } from './outbox.ts';
import { buildUiIfStale } from './ui.ts';

const config = loadConfig();
const pretty = config.DOR_LOG_FORMAT === 'pretty' || (config.DOR_LOG_FORMAT === 'auto' && process.stdout.isTTY === true);
const log = hubLogger(
  config.LOG_LEVEL,
  // Readable lines for a person at a terminal; a service manager gets JSON without loading the formatter.
  pretty
    ? (await import('pino-pretty')).default({ colorize: process.stdout.isTTY === true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', sync: true })
    : undefined,
);
const clock = config.DOR_CLOCK_START ? shiftedClock(Date.parse(config.DOR_CLOCK_START)) : systemClock;

const db = openDatabase(config.DOR_DB);
if (repo.isEmpty(db) && config.DOR_DEMO === '1') {
  const { demoDeviceIds } = await seedDemo(db, clock.now());
  repo.saveDemoDevices(db, demoDeviceIds);
  log.info({ db: config.DOR_DB }, 'first run: seeded the demo hall');
} else if (repo.isEmpty(db)) {
  // A real hall: the hub logs the setup link at start (see startHub).
  seedDefaults(db);
  log.info({ db: config.DOR_DB }, 'first run: seeded the default services and settings');
}
await buildUiIfStale(log);
const running = await startHub(
  {
    db,
    clock,
    log,
    demo: config.DOR_DEMO === '1',
    secureCookies: config.DOR_SECURE_COOKIES === '1',
    validateReplies: config.DOR_VALIDATE_REPLIES === '1',
    jobIntervalMs: config.DOR_JOB_INTERVAL_MS,
    printsDir: join(dirname(config.DOR_DB), 'prints'),
    publicUrl: config.DOR_PUBLIC_URL ?? null,
    allowedOrigins: config.DOR_ALLOWED_ORIGINS,
    printerPollMs: config.DOR_PRINTER_POLL_MS,
    smsSender: config.DOR_SMS_SENDER === 'webhook' ? webhookSender(config.DOR_SMS_WEBHOOK_URL!, config.DOR_SMS_WEBHOOK_TIMEOUT_MS) : logSender(log),
  },
  config.PORT,
  config.HOST,
);
const port = new URL(running.url).port;
const served = `Dor is serving the hall on http://localhost:${port}/`;
// On a terminal the line a person looks for stands alone, in plain words; JSON lines stay JSON.
if (pretty) process.stdout.write(`\n${served}  (database ${config.DOR_DB}, day ${running.hub.current.day})\n\n`);
else log.info({ url: `http://localhost:${port}/`, db: config.DOR_DB, day: running.hub.current.day }, served);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await running.close();
    db.sqlite.close();
    process.exit(0);
  });
}
