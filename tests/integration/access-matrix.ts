// Who may call each operation: the one reviewed table the access matrix test
// (access-matrix.test.ts) holds the hub to, over REST and over Socket.IO. A new operation needs a
// line here before its test passes; change a line only with the access rule it describes.
import type { OperationName } from '../../protocol/operations.ts';
import type { PrincipalName } from '../helpers/principals.ts';

export interface Rule {
  /** Who gets past authorization; everyone else gets 401 UNAUTHENTICATED or 403 FORBIDDEN and nothing changes. */
  allow: readonly PrincipalName[];
  /**
   * Staff of an allowed role may call it over REST while their temporary password is unchanged;
   * every other operation answers them 403 PASSWORD_CHANGE_REQUIRED (a socket is refused at connect).
   */
  duringPasswordChange?: true;
}

const ANYONE = ['anonymous', 'kiosk', 'display', 'counter', 'callcenter', 'supervisor', 'admin'] as const;
const STAFF = ['counter', 'callcenter', 'supervisor', 'admin'] as const;
const SUPERVISORS = ['supervisor', 'admin'] as const;
const ADMIN = ['admin'] as const;
const KIOSK = ['kiosk'] as const;
const COUNTER_STAFF = ['counter', 'supervisor', 'admin'] as const;
const CALL_CENTER = ['callcenter', 'supervisor', 'admin'] as const;
/** The hall's live picture: staff and the paired screens. */
const HALL_VIEWERS = ['kiosk', 'display', 'counter', 'callcenter', 'supervisor', 'admin'] as const;

export const ACCESS_MATRIX: Record<OperationName, Rule> = {
  'auth.login': { allow: ANYONE },
  'auth.logout': { allow: STAFF, duringPasswordChange: true },
  'auth.me': { allow: STAFF, duringPasswordChange: true },
  'auth.password': { allow: STAFF, duringPasswordChange: true },
  'users.list': { allow: SUPERVISORS },
  'users.create': { allow: ADMIN },
  'users.update': { allow: ADMIN },
  'users.resetPassword': { allow: ADMIN },
  'setup.status': { allow: ANYONE },
  'setup.complete': { allow: ANYONE },
  'devices.pairingCode': { allow: SUPERVISORS },
  'devices.pair': { allow: ANYONE },
  'devices.list': { allow: SUPERVISORS },
  'snapshot.get': { allow: HALL_VIEWERS },
  'services.list': { allow: HALL_VIEWERS },
  'kiosk.walkIn': { allow: KIOSK },
  'kiosk.checkIn': { allow: KIOSK },
  'kiosk.reprint': { allow: KIOSK },
  'kiosk.exit': { allow: KIOSK },
  'kiosk.setPin': { allow: SUPERVISORS },
  'tickets.status': { allow: ANYONE },
  'counters.list': { allow: ['counter', 'callcenter', 'supervisor', 'admin'] },
  'counter.open': { allow: COUNTER_STAFF },
  'counter.close': { allow: COUNTER_STAFF },
  'counter.mode': { allow: SUPERVISORS },
  'counter.call-next': { allow: COUNTER_STAFF },
  'counter.call': { allow: COUNTER_STAFF },
  'counter.recall': { allow: COUNTER_STAFF },
  'counter.no-show': { allow: COUNTER_STAFF },
  'counter.start': { allow: COUNTER_STAFF },
  'counter.finish': { allow: COUNTER_STAFF },
  'counter.transfer': { allow: COUNTER_STAFF },
  'counter.pause': { allow: COUNTER_STAFF },
  'counter.resume': { allow: COUNTER_STAFF },
  'counter.myDay': { allow: COUNTER_STAFF },
  'devices.setPrinter': { allow: SUPERVISORS },
  'devices.rename': { allow: SUPERVISORS },
  'devices.revoke': { allow: SUPERVISORS },
  'printers.test': { allow: SUPERVISORS },
  'slots.list': { allow: CALL_CENTER },
  'appointments.list': { allow: CALL_CENTER },
  'appointments.create': { allow: CALL_CENTER },
  'appointments.reschedule': { allow: CALL_CENTER },
  'appointments.cancel': { allow: CALL_CENTER },
  'appointments.byReference': { allow: CALL_CENTER },
  'citizens.appointments': { allow: CALL_CENTER },
  // The counter terminal shows the citizen card read-only.
  'citizens.get': { allow: ['counter', 'callcenter', 'supervisor', 'admin'] },
  'citizens.contact': { allow: CALL_CENTER },
  'citizens.iban': { allow: CALL_CENTER },
  'citizens.family.add': { allow: CALL_CENTER },
  'calls.create': { allow: CALL_CENTER },
  'calls.list': { allow: CALL_CENTER },
  'outbox.list': { allow: SUPERVISORS },
  'schedule.get': { allow: SUPERVISORS },
  'schedule.put': { allow: SUPERVISORS },
  'holidays.put': { allow: SUPERVISORS },
  'holidays.delete': { allow: SUPERVISORS },
  'import.applications': { allow: SUPERVISORS },
  'settings.get': { allow: SUPERVISORS },
  'settings.put': { allow: ADMIN },
  'settings.patch': { allow: ADMIN },
  'services.create': { allow: ADMIN },
  'services.update': { allow: ADMIN },
  'counters.create': { allow: ADMIN },
  'counters.update': { allow: ADMIN },
  // The kiosk's service tiles say when the hall opens.
  'hours.get': { allow: ['kiosk', 'supervisor', 'admin'] },
  'hours.put': { allow: ADMIN },
  'audit.list': { allow: SUPERVISORS },
  'hall.counter.close': { allow: SUPERVISORS },
  'hall.counter.outOfService': { allow: SUPERVISORS },
  'hall.counter.restore': { allow: SUPERVISORS },
  'hall.counter.services': { allow: SUPERVISORS },
  'hall.ticket.move': { allow: SUPERVISORS },
  'hall.ticket.cancel': { allow: SUPERVISORS },
  'hall.ticker.add': { allow: SUPERVISORS },
  'hall.ticker.remove': { allow: SUPERVISORS },
  'hall.endDay': { allow: SUPERVISORS },
  'hall.devices': { allow: SUPERVISORS },
  'hall.staff': { allow: SUPERVISORS },
  'rollout.list': { allow: SUPERVISORS },
  'rollout.preview': { allow: SUPERVISORS },
  'rollout.whatif': { allow: SUPERVISORS },
  'rollout.create': { allow: SUPERVISORS },
  'rollout.confirm': { allow: SUPERVISORS },
  'rollout.cancel': { allow: SUPERVISORS },
  'reports.get': { allow: SUPERVISORS },
  'reports.export': { allow: SUPERVISORS },
  'hall.sms.broadcast': { allow: SUPERVISORS },
  'feedback.submit': { allow: ANYONE },
  'appointmentPage.get': { allow: ANYONE },
  'appointmentPage.slots': { allow: ANYONE },
  'appointmentPage.move': { allow: ANYONE },
  'appointmentPage.cancel': { allow: ANYONE },
  'rollout.unfit': { allow: SUPERVISORS },
  'rollout.reseat': { allow: SUPERVISORS },
};
