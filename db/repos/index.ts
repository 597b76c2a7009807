// Repositories: every SQL statement of the hub lives in this folder, one file per area. Synchronous
// (better-sqlite3), each function takes the database first. Callers group writes with `transaction()`
// from client.ts. Events are append-only: there is deliberately no update or delete for them.
// The queries run on every command or request are prepared once per database (see statements.ts).
export * from './events.ts';
export * from './projections.ts';
export * from './tickets.ts';
export * from './appointments.ts';
export * from './services-counters.ts';
export * from './users-sessions.ts';
export * from './devices.ts';
export * from './settings.ts';
export * from './schedule.ts';
export * from './outbox.ts';
export * from './requests.ts';
export * from './citizens.ts';
export * from './audit.ts';
export * from './rollout.ts';
export * from './reports.ts';
export * from './feedback.ts';
