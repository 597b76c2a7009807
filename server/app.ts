// Builds the hub: database → engine state → Express + Socket.IO on one HTTP server.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino, { type Logger } from 'pino';
import { Server as IoServer } from 'socket.io';
import type { Db } from '../db/client.ts';
import * as repo from '../db/repos/index.ts';
import { DEMO_CPRS, DEMO_USERS } from '../db/seed.ts';
import { DEVICE_COOKIE, idleSince } from './auth.ts';
import type { Clock } from './clock.ts';
import { HttpError } from './errors.ts';
import { apiRouter, errorHandler, securityHeaders } from './http.ts';
import { Hub } from './hub.ts';
import { DEVICE_COOKIE_MS, demoDeviceToken } from './ops/session.ts';
import { HubMetrics } from './metrics.ts';
import { DevicePresence } from './presence.ts';
import { Printing } from './printing.ts';
import { logSender, OutboxWorker, type SmsSender } from './outbox.ts';
import { originCheck } from './origin.ts';
import { RateLimiter } from './rate-limit.ts';
import { NOT_SET_UP_CSS, setupGate, issueSetupToken } from './setup.ts';
import { attachSockets, connections } from './sockets.ts';
import { uiRouter, uiVersion } from './ui.ts';
import { demoCitizens, FAVICON_SVG, nextDemoDay, START_PAGE_CSS, startPage } from './start-page.ts';

export interface HubOptions {
  db: Db;
  clock: Clock;
  log?: Logger;
  /** Serve the demo helpers (start page logins, pre-paired demo devices). */
  demo?: boolean;
  secureCookies?: boolean;
  /** How often the rollover and no-show jobs run. */
  jobIntervalMs?: number;
  /** Where the virtual printer writes tickets (.bin and .png). */
  printsDir: string;
  /** Base URL printed in ticket QR codes; by default the address the kiosk reached the hub at. */
  publicUrl?: string | null;
  /** How often network printers are polled for paper and cover status. */
  printerPollMs?: number;
  /** Delivers the outbox's SMS messages; the log sender by default. */
  smsSender?: SmsSender;
  /** Parse every reply with its operation's output schema and fail loudly when one drifts (tests; DOR_VALIDATE_REPLIES=1). */
  validateReplies?: boolean;
  /** Other origins whose pages may send state-changing requests and open sockets (DOR_ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[];
}

/** Logged (debug) once the printer stack is loaded and warm, after the hub began serving. */
export const RENDERER_READY = 'the ticket renderer is ready';

export interface RunningHub {
  app: express.Express;
  hub: Hub;
  printing: Printing;
  presence: DevicePresence;
  outbox: OutboxWorker;
  io: IoServer;
  http: HttpServer;
  url: string;
  close(): Promise<void>;
}

export async function startHub(opts: HubOptions, port = 0, host = '127.0.0.1'): Promise<RunningHub> {
  const log = opts.log ?? pino({ level: 'silent' });
  const { db } = opts;
  const hub = new Hub(db, opts.clock, log);
  const clock = hub.clock; // the hub's time, which never goes back, for every part of the hub
  // A hub started after a rollout's opening time (a restart, a power cut) switches its counters now, not at the first tick.
  hub.applyDueRollouts();
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  const publicUrl = opts.publicUrl ?? null;
  const originPolicy = { publicUrl, allowedOrigins: opts.allowedOrigins ?? [] };
  app.use(originCheck(originPolicy));

  for (const path of ['/favicon.svg', '/favicon.ico'])
    app.get(path, (_req, res) => void res.type('image/svg+xml').set('cache-control', 'max-age=86400').send(FAVICON_SVG));
  // The hub's own pages' styles (the CSP allows no inline <style>); revalidated, so a new version shows at once.
  for (const [path, css] of Object.entries({ '/start.css': START_PAGE_CSS, '/not-set-up.css': NOT_SET_UP_CSS }))
    app.get(path, (_req, res) => void res.type('text/css').set('cache-control', 'no-cache').send(css));
  app.get('/healthz', (_req, res) => {
    const s = hub.storage.status;
    const storage = s.available ? { storage: 'ok' } : { storage: 'unavailable', since: new Date(s.since).toISOString(), reason: s.reason, code: s.code };
    res.status(s.available ? 200 : 503).json({
      ok: s.available,
      day: hub.current.day,
      seq: hub.lastSeq,
      time: new Date(clock.now()).toISOString(),
      version: uiVersion(),
      ...storage,
    });
  });
  // Open like /healthz (the technicians' Prometheus on the hall LAN): it carries no citizen's data (server/metrics.ts).
  const metrics = new HubMetrics(hub);
  app.get('/metrics', async (_req, res) => {
    res.set('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(setupGate(db));
  const demoDevices = opts.demo ? repo.loadDemoDevices(db) : null;
  app.get('/', (_req, res) => {
    const now = clock.now();
    const demo = demoDevices
      ? { users: DEMO_USERS, closedNow: nextDemoDay(db, hub.current.settings, now), citizens: demoCitizens(hub.current, now, DEMO_CPRS) }
      : null;
    res.type('html').send(startPage(hub.current.settings, demo));
  });
  // Demo only: opens a seeded kiosk or display already paired (a real hall pairs with a code).
  app.get('/demo/open/:kind', (req, res) => {
    const kind = req.params.kind;
    const deviceId = demoDevices && (kind === 'kiosk' || kind === 'display') ? demoDevices[kind] : undefined;
    if (!deviceId) throw new HttpError(404, 'NOT_FOUND', 'No demo device of that kind here.');
    const token = demoDeviceToken(db, deviceId, clock.now());
    res.cookie(DEVICE_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: !!opts.secureCookies, path: '/', maxAge: DEVICE_COOKIE_MS });
    res.redirect(`/${kind}`);
  });
  const http = createServer(app);
  const io = new IoServer(http, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
  const limiter = new RateLimiter();
  const presence = new DevicePresence(clock);
  const printing = new Printing({
    db,
    hub,
    clock,
    log,
    outDir: opts.printsDir,
    toKiosk: (deviceId, msg) => io.to(`device:${deviceId}`).emit('printer:status', msg),
    toSupervisors: (msg) => {
      io.to('supervisor').emit('printer:status', msg);
      presence.changed();
    },
  });
  metrics.watch({ io, presence, printing });
  const validateReplies = opts.validateReplies ?? false;
  const cuts = connections(io);
  app.use(uiRouter());
  app.use(apiRouter({ db, hub, clock, log, secureCookies: !!opts.secureCookies, printing, presence, limiter, publicUrl, connections: cuts, validateReplies }));
  app.use(errorHandler(log, hub.storage));
  attachSockets(io, { db, hub, clock, log, printing, presence, limiter, publicUrl, connections: cuts, validateReplies, originPolicy, metrics });
  printing.startMonitor(opts.printerPollMs ?? 30_000);
  // "Your turn is near" held by quiet hours is not sent once the ticket is no longer waiting.
  const nearGone = (m: repo.OutboxRow) => m.kind === 'near_turn' && m.ticketId !== null && hub.current.tickets[m.ticketId]?.status !== 'waiting';
  const outbox = new OutboxWorker(db, clock, opts.smsSender ?? logSender(log), log, () => hub.current.settings, nearGone);
  const stopProbing = hub.storage.startProbing();
  const timer = setInterval(() => {
    // While the database takes no writes the jobs wait (the probe brings them back); they run again at the next tick.
    if (hub.storage.status.available === false) return;
    try {
      hub.tick();
      // Sessions past their 12 h or idle time end, and so do the screens still open on them.
      const now = clock.now();
      for (const ended of repo.deleteExpiredSessions(db, now, idleSince(now, hub.current.settings.sessionIdleMinutes))) cuts.disconnectSession(ended);
    } catch (err) {
      if (!hub.storage.failed(err)) log.error({ err }, 'job failed');
    }
    outbox.deliverDue().catch((err: unknown) => hub.storage.failed(err) || log.error({ err }, 'outbox delivery failed'));
  }, opts.jobIntervalMs ?? 15_000);
  timer.unref();

  await new Promise<void>((resolve) => http.listen(port, host, resolve));
  // The first ticket of the day should not wait for the printer stack and its fonts (~0.2 s of CPU):
  // loaded a second after the hub begins serving, once the screens reconnecting after a restart are in.
  const warmUp = setTimeout(() => {
    printing.warmUp().then(
      () => log.debug(RENDERER_READY),
      (err: unknown) => log.error({ err }, 'the ticket renderer failed to load'),
    );
  }, 1000);
  warmUp.unref();
  const addr = http.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`;
  // On the hub itself "localhost" works; from another PC (a phone), the hub's LAN address: set DOR_PUBLIC_URL.
  const base = publicUrl?.replace(/\/$/, '') ?? url.replace(/\/\/(0\.0\.0\.0|\[::\])/, '//localhost');
  hub.publicOrigin = base;
  const setupToken = issueSetupToken(db);
  if (setupToken) {
    const setupUrl = `${base}/setup?token=${setupToken}`;
    log.warn({ setupUrl }, `This hall is not set up yet: open ${setupUrl} to set it up (the link works once).`);
  }
  return {
    app,
    hub,
    io,
    http,
    printing,
    presence,
    outbox,
    url,
    async close() {
      clearInterval(timer);
      clearTimeout(warmUp);
      stopProbing();
      printing.stop();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      http.closeAllConnections?.();
    },
  };
}
