// Where every operation is reached: its REST method and path and/or its socket event, by name.
// Plain data without schemas, so the screens' client (ui-kit/client.ts) imports this alone; the
// contracts (./operations.ts) join each route to its input and reply schemas and its summary.

export interface Route {
  /**
   * `bodyLimit`: a larger JSON body limit than the default 64 kB for this route (e.g. an import).
   * `csv`: the route answers the reply's `csv` as a `text/csv` download named `filename` (output CsvReply).
   */
  http?: { method: 'get' | 'post' | 'put' | 'patch' | 'delete'; path: string; status?: number; bodyLimit?: string; csv?: true };
  event?: string;
}

/** A staff action at one counter: `POST /api/counters/:counter/<slug>` and the event `counter:<slug>`. */
const counterCommand = <const Slug extends string>(slug: Slug) =>
  ({ http: { method: 'post', path: `/api/counters/:counter/${slug}` }, event: `counter:${slug}` }) as const satisfies Route;

export const routes = {
  'auth.login': { http: { method: 'post', path: '/api/auth/login' } },
  'auth.logout': { http: { method: 'post', path: '/api/auth/logout' } },
  'auth.me': { http: { method: 'get', path: '/api/auth/me' }, event: 'auth:me' },
  'auth.password': { http: { method: 'post', path: '/api/auth/password' } },
  'users.list': { http: { method: 'get', path: '/api/users' } },
  'users.create': { http: { method: 'post', path: '/api/users', status: 201 } },
  'users.update': { http: { method: 'put', path: '/api/users/:id' } },
  'users.resetPassword': { http: { method: 'post', path: '/api/users/:id/password' } },
  'setup.status': { http: { method: 'get', path: '/api/setup' } },
  'setup.complete': { http: { method: 'post', path: '/api/setup' } },
  'devices.pairingCode': { http: { method: 'post', path: '/api/devices/pairing-codes', status: 201 } },
  'devices.pair': { http: { method: 'post', path: '/api/devices/pair' } },
  'devices.list': { http: { method: 'get', path: '/api/devices' } },
  'snapshot.get': { http: { method: 'get', path: '/api/snapshot' }, event: 'snapshot:get' },
  'services.list': { http: { method: 'get', path: '/api/services' }, event: 'services:list' },
  'kiosk.walkIn': { http: { method: 'post', path: '/api/kiosk/tickets', status: 201 }, event: 'kiosk:walk-in' },
  'kiosk.checkIn': { http: { method: 'post', path: '/api/kiosk/check-in' }, event: 'kiosk:check-in' },
  'tickets.status': { http: { method: 'get', path: '/api/tickets/status/:token' } },
  'counters.list': { http: { method: 'get', path: '/api/counters' } },
  'counter.open': { http: { method: 'post', path: '/api/counters/:counter/open' }, event: 'counter:open' },
  'counter.close': { http: { method: 'post', path: '/api/counters/:counter/close' }, event: 'counter:close' },
  'counter.mode': { http: { method: 'put', path: '/api/counters/:counter/mode' }, event: 'counter:mode' },
  'counter.call-next': counterCommand('call-next'),
  'counter.call': counterCommand('call'),
  'counter.recall': counterCommand('recall'),
  'counter.no-show': counterCommand('no-show'),
  'counter.start': counterCommand('start'),
  'counter.finish': counterCommand('finish'),
  'counter.transfer': counterCommand('transfer'),
  'counter.pause': counterCommand('pause'),
  'counter.resume': counterCommand('resume'),
  'kiosk.exit': { http: { method: 'post', path: '/api/kiosk/exit' } },
  'kiosk.setPin': { http: { method: 'put', path: '/api/kiosk/pin' } },
  'devices.setPrinter': { http: { method: 'put', path: '/api/devices/:id/printer' } },
  'printers.test': { http: { method: 'post', path: '/api/printers/test' } },
  'slots.list': { http: { method: 'get', path: '/api/slots' }, event: 'slots:list' },
  'appointments.list': { http: { method: 'get', path: '/api/appointments' }, event: 'appointments:list' },
  'appointments.create': { http: { method: 'post', path: '/api/appointments', status: 201 }, event: 'appointments:create' },
  'appointments.reschedule': { http: { method: 'post', path: '/api/appointments/:id/reschedule' }, event: 'appointments:reschedule' },
  'appointments.cancel': { http: { method: 'post', path: '/api/appointments/:id/cancel' }, event: 'appointments:cancel' },
  'appointments.byReference': { http: { method: 'get', path: '/api/appointments/by-reference/:reference' }, event: 'appointments:by-reference' },
  'citizens.appointments': { http: { method: 'get', path: '/api/citizens/:cpr/appointments' }, event: 'citizens:appointments' },
  'outbox.list': { http: { method: 'get', path: '/api/outbox' }, event: 'outbox:list' },
  'schedule.get': { http: { method: 'get', path: '/api/appointment-schedule' }, event: 'schedule:get' },
  'schedule.put': { http: { method: 'put', path: '/api/appointment-schedule' }, event: 'schedule:put' },
  'holidays.put': { http: { method: 'put', path: '/api/holidays' }, event: 'holidays:put' },
  'holidays.delete': { http: { method: 'delete', path: '/api/holidays/:day' }, event: 'holidays:delete' },
  'settings.get': { http: { method: 'get', path: '/api/settings' }, event: 'settings:get' },
  'settings.put': { http: { method: 'put', path: '/api/settings' }, event: 'settings:put' },
  'citizens.get': { http: { method: 'get', path: '/api/citizens/:cpr' }, event: 'citizens:get' },
  'citizens.contact': { http: { method: 'put', path: '/api/citizens/:cpr/contact' }, event: 'citizens:contact' },
  'citizens.iban': { http: { method: 'put', path: '/api/citizens/:cpr/iban' }, event: 'citizens:iban' },
  'citizens.family.add': { http: { method: 'post', path: '/api/citizens/:cpr/family', status: 201 }, event: 'citizens:family:add' },
  'calls.create': { http: { method: 'post', path: '/api/calls', status: 201 }, event: 'calls:create' },
  'calls.list': { http: { method: 'get', path: '/api/calls' }, event: 'calls:list' },
  'import.applications': { http: { method: 'post', path: '/api/import/applications', bodyLimit: '4mb' } },

  // --- administering the hall: settings, services, counters, hours, devices, the audit log
  'settings.patch': { http: { method: 'patch', path: '/api/settings' } },
  'services.create': { http: { method: 'post', path: '/api/services', status: 201 } },
  'services.update': { http: { method: 'put', path: '/api/services/:id' } },
  'counters.create': { http: { method: 'post', path: '/api/counters', status: 201 } },
  'counters.update': { http: { method: 'put', path: '/api/counters/:counter' } },
  'hours.get': { http: { method: 'get', path: '/api/opening-hours' } },
  'hours.put': { http: { method: 'put', path: '/api/opening-hours' } },
  'devices.rename': { http: { method: 'put', path: '/api/devices/:id' } },
  'devices.revoke': { http: { method: 'delete', path: '/api/devices/:id' } },
  'audit.list': { http: { method: 'get', path: '/api/audit' } },
  // --- the supervisor's live hall
  'hall.counter.close': { http: { method: 'post', path: '/api/hall/counters/:counter/close' }, event: 'hall:counter:close' },
  'hall.counter.outOfService': { http: { method: 'post', path: '/api/hall/counters/:counter/out-of-service' }, event: 'hall:counter:out-of-service' },
  'hall.counter.restore': { http: { method: 'post', path: '/api/hall/counters/:counter/restore' }, event: 'hall:counter:restore' },
  'hall.counter.services': { http: { method: 'put', path: '/api/hall/counters/:counter/services' }, event: 'hall:counter:services' },
  'hall.ticket.move': { http: { method: 'post', path: '/api/hall/tickets/:id/move' }, event: 'hall:ticket:move' },
  'hall.ticket.cancel': { http: { method: 'post', path: '/api/hall/tickets/:id/cancel' }, event: 'hall:ticket:cancel' },
  'hall.ticker.add': { http: { method: 'post', path: '/api/hall/ticker', status: 201 }, event: 'hall:ticker:add' },
  'hall.ticker.remove': { http: { method: 'post', path: '/api/hall/ticker/:id/remove' }, event: 'hall:ticker:remove' },
  'hall.endDay': { http: { method: 'post', path: '/api/hall/end-day' }, event: 'hall:end-day' },
  'hall.devices': { http: { method: 'get', path: '/api/hall/devices' }, event: 'hall:devices' },
  'hall.staff': { http: { method: 'get', path: '/api/hall/staff' }, event: 'hall:staff' },
  // --- the rollout switch (pilot → all counters)
  'rollout.list': { http: { method: 'get', path: '/api/rollout' } },
  'rollout.preview': { http: { method: 'post', path: '/api/rollout/preview' } },
  'rollout.whatif': { http: { method: 'post', path: '/api/rollout/whatif' } },
  'rollout.create': { http: { method: 'post', path: '/api/rollout', status: 201 } },
  'rollout.confirm': { http: { method: 'post', path: '/api/rollout/:id/confirm' } },
  'rollout.cancel': { http: { method: 'post', path: '/api/rollout/:id/cancel' } },
  // --- reports (supervisor console)
  'reports.get': { http: { method: 'get', path: '/api/reports' } },
  'reports.export': { http: { method: 'get', path: '/api/reports/export.csv', csv: true } },
  // --- the counter terminal (issue 12)
  'counter.myDay': { http: { method: 'get', path: '/api/my-day' } },
  // --- printing a ticket again at the kiosk
  'kiosk.reprint': { http: { method: 'post', path: '/api/kiosk/reprint' }, event: 'kiosk:reprint' },
  // --- messages to citizens
  'hall.sms.broadcast': { http: { method: 'post', path: '/api/hall/sms', status: 201 }, event: 'hall:sms' },
  // --- the citizen's feedback after service
  'feedback.submit': { http: { method: 'post', path: '/api/tickets/status/:token/feedback' } },
  // --- the citizen's appointment page (/a/<token>)
  'appointmentPage.get': { http: { method: 'get', path: '/api/appointment-page/:token' } },
  'appointmentPage.slots': { http: { method: 'get', path: '/api/appointment-page/:token/slots' } },
  'appointmentPage.move': { http: { method: 'post', path: '/api/appointment-page/:token/move' } },
  'appointmentPage.cancel': { http: { method: 'post', path: '/api/appointment-page/:token/cancel' } },
  // --- a rollout's bookings without a seat: moved by the hall, each citizen told
  'rollout.unfit': { http: { method: 'get', path: '/api/rollout/:id/unfit' } },
  'rollout.reseat': { http: { method: 'post', path: '/api/rollout/:id/reseat' } },
} as const satisfies Record<string, Route>;

export type Routes = typeof routes;
