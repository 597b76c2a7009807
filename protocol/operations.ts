// The contract of every operation, by name: its route (REST and/or socket event, ./routes.ts), its
// input and its reply schema, and a summary (docs/API.md). The hub implements each (server/ops/*.ts
// adds the access rule and the handler); the browser client (ui-kit/client.ts) infers input and
// reply types from it (types only: it reads the routes from ./routes.ts).
import type { z } from 'zod';
import {
  AppointmentIdParam,
  AppointmentsQuery,
  AuditQuery,
  CallTicketBody,
  CancelTicketBody,
  CheckInBody,
  ReprintBody,
  CitizenParam,
  CounterModeBody,
  CounterCommandBody,
  CounterParam,
  CounterServicesBody,
  CreateAppointmentBody,
  CreateCounterBody,
  CreateServiceBody,
  DeviceIdParam,
  DevicePrinterBody,
  DeviceRenameBody,
  Empty,
  FinishBody,
  HolidayBody,
  HolidayDayParam,
  KioskExitBody,
  KioskPinBody,
  LoginBody,
  OpeningHoursBody,
  MoveTicketBody,
  OutboxQuery,
  OutOfServiceBody,
  PairBody,
  PairingCodeBody,
  PauseBody,
  ReferenceParam,
  RescheduleBody,
  ScheduleBody,
  SettingsBody,
  SettingsPatchBody,
  SlotsQuery,
  StatusTokenParam,
  SupervisorCloseBody,
  TestPrintBody,
  TickerBody,
  TickerIdParam,
  TransferBody,
  UpdateCounterBody,
  UpdateServiceBody,
  WalkinBody,
} from './api.ts';
import { MAX_ACTIVE_TICKER } from './domain.ts';
import { CsvReply, Report, ReportExportQuery, ReportQuery, RolloutWhatIfReply } from './reports.ts';
import { CallBody, CallsQuery, CitizenCprParam, ContactBody, FamilyMemberBody, IbanBody, ImportBody } from './citizens.ts';
import {
  AppointmentReply,
  AppointmentsReply,
  AuditReply,
  CallReply,
  CallsReply,
  CheckInReply,
  CitizenAppointmentsReply,
  CitizenChangedReply,
  CitizenReply,
  CounterCommandReply,
  CounterReply,
  CountersReply,
  DeviceReply,
  DevicesReply,
  DevicesStatusReply,
  EndDayReply,
  HallCounterReply,
  HallTicketReply,
  HolidaysReply,
  ImportReport,
  KioskOkReply,
  LoginReply,
  LogoutReply,
  MeReply,
  OpeningHoursReply,
  OutboxReply,
  PairReply,
  PairingCodeReply,
  SchedulePutReply,
  ScheduleReply,
  ServiceReply,
  ServicesReply,
  SettingsReply,
  SlotsReply,
  SnapshotReply,
  StaffReply,
  TestPrintReply,
  TickerRemovedReply,
  TickerReply,
  TicketStatusReply,
  WalkInReply,
} from './replies.ts';
import { ChangePasswordBody, CreateUserBody, ResetPasswordBody, SetupBody, SetupStatusReply, UpdateUserBody, UserReply, UsersReply } from './users.ts';
import { RolloutIdParam, RolloutPlanBody, RolloutPreviewBody, RolloutWhatIfBody } from './api.ts';
import { MyDayReply, RolloutCancelReply, RolloutPlanReply, RolloutPlansReply, RolloutPreviewReply } from './replies.ts';
import { SmsBroadcastBody } from './api.ts';
import { SmsBroadcastReply } from './replies.ts';
import { FeedbackBody } from './feedback.ts';
import { RolloutReseatBody } from './api.ts';
import { RolloutReseatReply, RolloutUnfitReply } from './replies.ts';
import { type Route, type Routes, routes } from './routes.ts';
import { AppointmentPageMoveBody, AppointmentPageParam, AppointmentPageSlotsQuery } from './api.ts';
import { AppointmentPageReply } from './replies.ts';

export interface Contract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> extends Route {
  summary: string;
  input: I;
  output: O;
}

/** What this table says of an operation; its route is in ./routes.ts. */
type Described = Omit<Contract, keyof Route>;

/** Joins each operation's description to its route: both tables name exactly the same operations (a missing or extra name fails typecheck). */
function withRoutes<const D extends { [N in keyof Routes]: Described }>(
  described: D & Record<Exclude<keyof D, keyof Routes>, never>,
): { [N in keyof Routes]: Routes[N] & D[N] } {
  return Object.fromEntries(Object.entries(described).map(([name, d]) => [name, { ...routes[name as keyof Routes], ...d }])) as {
    [N in keyof Routes]: Routes[N] & D[N];
  };
}

/** Said of every counter command that takes a click's idempotency key. */
const ONCE = ' A repeat of its `requestId` gets the first reply again without a second effect (the same key for another request: 409 `REQUEST_ID_REUSED`).';

/** A staff action at one counter (only its holder may do it): replies with the ticket and the counter. */
const counterCommand = <S extends z.ZodType<{ counter: number }>>(summary: string, input: S) =>
  ({ summary: summary + ONCE, input, output: CounterCommandReply }) as const satisfies Described;

export const contracts = withRoutes({
  'auth.login': {
    summary: 'Staff login; sets the httpOnly session cookie.',
    input: LoginBody,
    output: LoginReply,
  },
  'auth.logout': {
    summary: 'Ends the staff session.',
    input: Empty,
    output: LogoutReply,
  },
  'auth.me': {
    summary: 'The logged-in staff member.',
    input: Empty,
    output: MeReply,
  },
  'auth.password': {
    summary:
      'Changes your own password: the current one and a new one (at least 10 characters, not containing the username, not a common password). Clears a ' +
      'pending password change; your other sessions end, this one stays. At most 5 tries a minute.',
    input: ChangePasswordBody,
    output: LoginReply,
  },
  'users.list': {
    summary:
      'Every staff account with its role and state (disabled, password change pending, demo password), and whether any enabled account still has its ' +
      'demo password.',
    input: Empty,
    output: UsersReply,
  },
  'users.create': {
    summary:
      'Creates a staff account (username, Arabic and English display names, role, an initial password under the password rules); its owner must change ' +
      'the password at the first login. Audited.',
    input: CreateUserBody,
    output: UserReply,
  },
  'users.update': {
    summary:
      "Renames an account, changes its role, disables or re-enables it. Disabling ends the user's sessions and sockets at once and closes a counter " +
      'they hold (its ticket goes back to its queue); a role change reconnects their screens. Nobody disables or demotes themself, and the last ' +
      'enabled admin stays. Audited.',
    input: UpdateUserBody,
    output: UserReply,
  },
  'users.resetPassword': {
    summary:
      "Sets a new password for an account (under the password rules), to be changed at its next login; ends the user's sessions and sockets at once " +
      'and closes a counter they hold (its ticket goes back to its queue). Audited (without the password).',
    input: ResetPasswordBody,
    output: UserReply,
  },
  'setup.status': {
    summary: 'Whether this hall still needs its first run (no enabled admin yet).',
    input: Empty,
    output: SetupStatusReply,
  },
  'setup.complete': {
    summary:
      "The first run of a hall: with the one-time token of the setup link in the hub's log, stores the hall's name and time zone, creates the first " +
      'admin and logs them in. Works once, and only while no enabled admin exists (409 SETUP_DONE afterwards; 403 SETUP_TOKEN_INVALID for a wrong token).',
    input: SetupBody,
    output: LoginReply,
  },
  'devices.pairingCode': {
    summary: 'Registers a kiosk or display and returns a one-time pairing code (10 minutes).',
    input: PairingCodeBody,
    output: PairingCodeReply,
  },
  'devices.pair': {
    summary: 'A device exchanges its pairing code for a device token (also set as an httpOnly cookie).',
    input: PairBody,
    output: PairReply,
  },
  'devices.list': {
    summary: 'Paired, pending and revoked devices, each with its bound printer, when it was last seen (at most a minute out) and whether it is online now.',
    input: Empty,
    output: DevicesReply,
  },
  'snapshot.get': {
    summary: 'The full hall state with its sequence number (public audience for devices: no citizen data).',
    input: Empty,
    output: SnapshotReply,
  },
  'services.list': {
    summary: 'Services with people waiting and the estimated wait for a new walk-in (kiosk tiles).',
    input: Empty,
    output: ServicesReply,
  },
  'kiosk.walkIn': {
    summary:
      'Issues a walk-in ticket for a service, with an optional priority category. A repeated `requestId` (same kiosk, same body) answers with the ' +
      'ticket it already issued; the same `requestId` with another body is 409 `REQUEST_ID_REUSED`.',
    input: WalkinBody,
    output: WalkInReply,
  },
  'kiosk.checkIn': {
    summary:
      'Appointment check-in by CPR or booking reference: checked in, too early, or late (converted to a walk-in). A repeated `requestId` answers with ' +
      'the ticket it already issued (as `kiosk.walkIn`).',
    input: CheckInBody,
    output: CheckInReply,
  },
  'tickets.status': {
    summary: "The citizen's mobile status of one ticket, by its unguessable token (no login).",
    input: StatusTokenParam,
    output: TicketStatusReply,
  },
  'counters.list': {
    summary: 'All counters with their mode, services and live status.',
    input: Empty,
    output: CountersReply,
  },
  'counter.open': {
    summary:
      'Opens a counter under the logged-in user (one user per counter, one counter per user; counter staff, and supervisors or admins covering a ' +
      'break). Held by someone else: 409 `COUNTER_TAKEN`, `details` `{holder}` (their display name).' +
      ONCE,
    input: CounterCommandBody,
    output: CounterReply,
  },
  'counter.close': {
    summary: `Closes a counter (its holder, or a supervisor).${ONCE}`,
    input: CounterCommandBody,
    output: CounterReply,
  },
  'counter.mode': {
    summary: 'Switches a counter between appointment, general and mixed, live.',
    input: CounterModeBody,
    output: CounterReply,
  },
  'counter.call-next': counterCommand(
    'Calls the next ticket for this counter by the queue rules. Nothing to call: 409 `QUEUE_EMPTY`; only walk-ins while the walk-in guard holds a ' +
      'dedicated appointment counter for a booking: 409 `WALKINS_HELD`, `details` `{nextSlotAt, walkinsFrom}` (epoch ms).',
    CounterCommandBody,
  ),
  'counter.call': counterCommand('Calls one specific waiting ticket.', CallTicketBody),
  'counter.recall': counterCommand('Announces the current ticket again (a no-show after the configured recalls).', CounterCommandBody),
  'counter.no-show': counterCommand('The called citizen did not come.', CounterCommandBody),
  'counter.start': counterCommand('The citizen arrived: service starts.', CounterCommandBody),
  'counter.finish': counterCommand('Finishes service with an outcome code and an optional note.', FinishBody),
  'counter.transfer': counterCommand('Sends the current ticket to another service and/or counter; it keeps its number and place.', TransferBody),
  'counter.pause': counterCommand('Pauses an idle counter with a reason.', PauseBody),
  'counter.resume': counterCommand('Ends a pause.', CounterCommandBody),
  'kiosk.exit': {
    summary: 'Staff leave kiosk mode with the PIN (throttled like logins: 429 LOGIN_THROTTLED after 5 wrong tries).',
    input: KioskExitBody,
    output: KioskOkReply,
  },
  'kiosk.setPin': {
    summary: 'Sets the PIN staff type to leave kiosk mode (stored hashed).',
    input: KioskPinBody,
    output: KioskOkReply,
  },
  'devices.setPrinter': {
    summary: 'Binds a kiosk to its ticket printer ("virtual", "usb" or "tcp://HOST:9100"), or unbinds it.',
    input: DevicePrinterBody,
    output: DeviceReply,
  },
  'printers.test': {
    summary: "Prints a sample bilingual ticket on a printer (or a kiosk's bound printer) and says what happened.",
    input: TestPrintBody,
    output: TestPrintReply,
  },
  'slots.list': {
    summary: "The slot picker: a service's next bookable days (within the booking horizon) with each future slot's capacity, seats booked and seats remaining.",
    input: SlotsQuery,
    output: SlotsReply,
  },
  'appointments.list': {
    summary: "A day's appointments (default today), by slot.",
    input: AppointmentsQuery,
    output: AppointmentsReply,
  },
  'appointments.create': {
    summary:
      'Books a slot for a citizen and queues the bilingual confirmation SMS; refuses full, closed, past, off-grid and beyond-horizon slots and a ' +
      'second active booking for the same service.',
    input: CreateAppointmentBody,
    output: AppointmentReply,
  },
  'appointments.reschedule': {
    summary:
      'Moves a booked appointment to another slot (same reference, same rules as booking; its own seat does not count against it) and queues the ' +
      'confirmation SMS.',
    input: RescheduleBody,
    output: AppointmentReply,
  },
  'appointments.cancel': {
    summary: 'Cancels a booked appointment and queues the confirmation SMS.',
    input: AppointmentIdParam,
    output: AppointmentReply,
  },
  'appointments.byReference': {
    summary:
      'Finds an appointment by its booking reference as a caller reads it out (spaces, dashes, lower case allowed). A reference whose check character ' +
      'does not match is refused as mistyped (400 REFERENCE_MISTYPED) before any lookup.',
    input: ReferenceParam,
    output: AppointmentReply,
  },
  'citizens.appointments': {
    summary:
      "A citizen's appointments, latest first, each with its outcome (kept = checked in or converted late, no_show, cancelled, booked), its history " +
      '(booked, rescheduled, cancelled, … with who — actor id and display name — and when) and the delivery status of its latest message to the ' +
      'citizen, plus totals.',
    input: CitizenParam,
    output: CitizenAppointmentsReply,
  },
  'outbox.list': {
    summary: 'Messages to citizens (booking confirmations), newest first, with their delivery status, attempts and last error.',
    input: OutboxQuery,
    output: OutboxReply,
  },
  'schedule.get': {
    summary: 'The weekly appointment schedules (each in force from its validFrom until the next one), holidays and closures.',
    input: Empty,
    output: ScheduleReply,
  },
  'schedule.put': {
    summary:
      'Sets the weekly schedule in force from a date (e.g. the rollout: all counters take appointments from then); earlier days keep their schedule, ' +
      'bookings already made stay.',
    input: ScheduleBody,
    output: SchedulePutReply,
  },
  'holidays.put': {
    summary: 'Adds or renames a holiday or a one-off closure (closure: true); no appointments are taken that day.',
    input: HolidayBody,
    output: HolidaysReply,
  },
  'holidays.delete': {
    summary: 'Removes a holiday or one-off closure: appointments can be booked that day again. Audited (`holiday.delete`).',
    input: HolidayDayParam,
    output: HolidaysReply,
  },
  'settings.get': {
    summary: 'Hall settings (queue rules, time zone, ticker messages).',
    input: Empty,
    output: SettingsReply,
  },
  'settings.put': {
    summary: 'Replaces the hall settings; applied live.',
    input: SettingsBody,
    output: SettingsReply,
  },
  'citizens.get': {
    summary:
      "A citizen's record by CPR: names, phone, address, IBAN, family members, housing applications (each with its status history, oldest first), " +
      'letters, and the history of changes (who, when, old → new; newest first). Read-only for counters (the citizen card).',
    input: CitizenCprParam,
    output: CitizenReply,
  },
  'citizens.contact': {
    summary:
      "Updates a citizen's phone (Bahraini mobile) and/or address; each changed field is an audited change with the agent's name. Replies with the " +
      'record and how many fields changed.',
    input: ContactBody,
    output: CitizenChangedReply,
  },
  'citizens.iban': {
    summary:
      "Updates a citizen's bank account: a Bahraini IBAN (BH + 2 check digits + 4-letter bank code + 14 letters or digits; spaces allowed, stored " +
      'without) with a valid ISO 13616 mod-97 checksum; audited.',
    input: IbanBody,
    output: CitizenChangedReply,
  },
  'citizens.family.add': {
    summary:
      "Adds a family member (name, relation, date of birth, CPR if they have one) to a citizen's record; audited. Refuses a birth date after today, " +
      "the citizen's own CPR and a CPR already in the family.",
    input: FamilyMemberBody,
    output: CitizenReply,
  },
  'calls.create': {
    summary:
      'Logs a call: category (book, reschedule_cancel, application_status, letter, contact_bank_update, family_members, other), an optional short ' +
      'note, an outcome (default resolved) and the CPR if the caller gave one; the agent and time are recorded.',
    input: CallBody,
    output: CallReply,
  },
  'calls.list': {
    summary: "The call log, newest first (at most 500): a citizen's calls (cpr), a day's calls (day), both, or today's when neither is given.",
    input: CallsQuery,
    output: CallsReply,
  },
  'import.applications': {
    summary:
      "Imports housing applications and letters from the ministry's system (docs/IMPORT.md): a CSV or JSON export as text (`format`, `data`, at most " +
      '2,000,000 characters) or pushed rows (`rows`, at most 10,000). Each row is validated on its own; good rows are upserted (applications by number ' +
      '— a new status appends to its history — letters by reference, citizens by CPR), bad rows are reported with their reasons. Importing the same ' +
      'rows again changes nothing. Bodies up to 4 MB.',
    input: ImportBody,
    output: ImportReport,
  },

  // --- administering the hall: settings, services, counters, hours, devices, the audit log. Each
  // change is audited; set-up the screens show is changed through the engine, so it is live everywhere.
  'settings.patch': {
    summary:
      'Changes some hall settings: each field given replaces that whole field (`hallName` needs both languages, `priorityWeights` all four, ' +
      '`serviceLevel` all three), the others keep their value; validated like the full settings, applied live, audited (`settings.update`, old and ' +
      'new value of each changed field). Changing nothing stores nothing.',
    input: SettingsPatchBody,
    output: SettingsReply,
  },
  'services.create': {
    summary:
      'Adds a service, live on every screen (the kiosk offers it at once). Its prefix is one capital letter of its own: not another service’s and not ' +
      'the appointment prefix (409 `PREFIX_IN_USE`). Audited (`service.create`).',
    input: CreateServiceBody,
    output: ServiceReply,
  },
  'services.update': {
    summary:
      'Changes a service: each field given replaces its value, the others stay; live on every screen (a rename shows on the kiosk at once). Services ' +
      'are never deleted: `active: false` takes one out (no new tickets or bookings, off the kiosk; tickets already issued are still served). The ' +
      'full list, inactive ones included, is the staff snapshot’s `services`. Audited (`service.update`, changed fields).',
    input: UpdateServiceBody,
    output: ServiceReply,
  },
  'counters.create': {
    summary: 'Adds a counter (closed until someone opens it at its terminal), live on every screen. Audited (`counter.create`).',
    input: CreateCounterBody,
    output: CounterReply,
  },
  'counters.update': {
    summary:
      'Changes a counter’s set-up: each field given replaces its value, the others stay. A new mode or service list of an open counter applies to its ' +
      'very next call; `active: false` takes a closed counter out of use (an open one is 409 `COUNTER_IN_USE`). Audited (`counter.update`, changed fields).',
    input: UpdateCounterBody,
    output: CounterReply,
  },
  'hours.get': {
    summary: 'The hall’s weekly opening hours, by weekday (0 = Sunday); a weekday not listed is closed.',
    input: Empty,
    output: OpeningHoursReply,
  },
  'hours.put': {
    summary: 'Replaces the weekly opening hours (each day opens before it closes, each weekday at most once). Audited (`hours.update`).',
    input: OpeningHoursBody,
    output: OpeningHoursReply,
  },
  'devices.rename': {
    summary: 'Renames a paired (or pending) kiosk or display. Audited (`device.rename`).',
    input: DeviceRenameBody,
    output: DeviceReply,
  },
  'devices.revoke': {
    summary:
      'Revokes a device: its tokens and unused pairing codes are deleted, its open sockets disconnected at once, its next request is 401. Revoking a ' +
      'revoked device changes nothing. Audited (`device.revoke`).',
    input: DeviceIdParam,
    output: DeviceReply,
  },
  'audit.list': {
    summary:
      'The audit log (who changed what and when, old → new), newest first, filtered by staff member (`userId`) or actor id, kind or area (`user.` ' +
      'matches every `user.…` kind) and hall days (`from`, `to`, inclusive); at most `limit` entries, the next page with `before` = the reply’s ' +
      '`nextBefore`. Actor ids come with the name a person reads.',
    input: AuditQuery,
    output: AuditReply,
  },
  // --- the supervisor's live hall: each action is an engine command, written to the audit log
  'hall.counter.close': {
    summary:
      'Closes a counter as a supervisor, staffed or not: its current ticket and any tickets handed to it go back to their queue (keeping number and ' +
      'place). Its terminal gets `counter_closed` with `by: "supervisor"` and the reason.',
    input: SupervisorCloseBody,
    output: HallCounterReply,
  },
  'hall.counter.outOfService': {
    summary:
      'Takes a counter out of service for the rest of the day (closing it first as `hall.counter.close` does): nobody can open it until ' +
      '`hall.counter.restore` or the next day.',
    input: OutOfServiceBody,
    output: HallCounterReply,
  },
  'hall.counter.restore': {
    summary: 'Puts an out-of-service counter back in service (closed, ready to be opened at its terminal).',
    input: CounterParam,
    output: HallCounterReply,
  },
  'hall.counter.services': {
    summary: 'Sets the services a counter takes today (empty = every service), live; unknown services are refused. Its mode: `counter.mode`.',
    input: CounterServicesBody,
    output: HallCounterReply,
  },
  'hall.ticket.move': {
    summary:
      'Moves a waiting ticket to another service and/or to one counter (then only that counter may call it); like a transfer it keeps its number and ' +
      'place in line. Refused for a ticket that is no longer waiting.',
    input: MoveTicketBody,
    output: HallTicketReply,
  },
  'hall.ticket.cancel': {
    summary:
      "Cancels a waiting ticket with a reason (staff see it in the `ticket_cancelled` event; public screens and the citizen's status page just see it " +
      'cancelled). Refused for a ticket that is no longer waiting.',
    input: CancelTicketBody,
    output: HallTicketReply,
  },
  'hall.ticker.add': {
    summary:
      `Broadcasts a message (Arabic and English) on the displays' ticker until \`expiresAt\` (event \`ticker_set\` on every feed); up to ` +
      `${MAX_ACTIVE_TICKER} run at once. Unexpired messages carry over into the next day.`,
    input: TickerBody,
    output: TickerReply,
  },
  'hall.ticker.remove': {
    summary: 'Takes a ticker message off the displays before it expires.',
    input: TickerIdParam,
    output: TickerRemovedReply,
  },
  'hall.endDay': {
    summary:
      'Ends the service day early: open tickets are cancelled with reason `day_ended`, counters closed, and kiosks refuse walk-ins and check-ins (409 ' +
      '`DAY_ENDED`) until the next day opens.',
    input: Empty,
    output: EndDayReply,
  },
  'hall.devices': {
    summary:
      "Every paired kiosk and display: online (a socket connected now) or not, last seen, and each kiosk's printer (paper, cover, offline) as last " +
      'checked. Supervisors also get it pushed as `devices:status` when it changes.',
    input: Empty,
    output: DevicesStatusReply,
  },
  'hall.staff': {
    summary: 'The enabled staff (id, username, display name, role): the names of the people at the counters.',
    input: Empty,
    output: StaffReply,
  },
  // --- the rollout switch (pilot → all counters): plans, their preview, confirming and cancelling; audited
  'rollout.list': {
    summary:
      'The rollout plans, newest first: from which day which counters take appointments (mode `appointment` or `mixed`), in which hours on which ' +
      'weekdays, the status (`draft`, `scheduled`, `applied`, `cancelled`) and who created, confirmed, applied (`system`) or cancelled it when.',
    input: Empty,
    output: RolloutPlansReply,
  },
  'rollout.preview': {
    summary:
      'What a plan would do, per day for `days` days from its day (nothing is stored): the appointment periods and each bookable service’s slots ' +
      'with their seats before and after, the seats already booked, and the bookings the new schedule has no seat for (reference, service, slot; ' +
      'among bookings sharing too few seats, the last booked). Refused like `rollout.create`: a past day, an unknown or inactive counter, hours ' +
      'outside the opening hours, a day another confirmed plan starts on.',
    input: RolloutPreviewBody,
    output: RolloutPreviewReply,
  },
  'rollout.whatif': {
    summary:
      'What a plan would do to the citizens’ waits, simulated (nothing is stored): a day like the hall’s last four weeks (28 calendar days up to ' +
      'yesterday: citizens a day, arrivals by hour, the service mix and service times, the booked share, no-show and cancellation rates, ' +
      'lateness; fewer than 3 open days: the default busy day, `basis.source: default`) is simulated for `days` open days (1–10, default 5) ' +
      'on the real engine, once with the counters’ modes and appointment hours in force now and once with the plan’s (its hours on every open ' +
      'day), the same citizens in both. Each side: median and p90 wait per kind, service level, peak waiting and counter idle minutes a day, ' +
      'as `npm run simulate -- --compare` prints them. Runs beside the hall (a worker thread), takes seconds; one at a time (409 ' +
      '`WHATIF_BUSY`), 503 `WHATIF_FAILED` after 60 s or on a failure. Refused like `rollout.preview` (a past day, an unknown or inactive counter, ' +
      'hours outside the opening hours).',
    input: RolloutWhatIfBody,
    output: RolloutWhatIfReply,
  },
  'rollout.create': {
    summary:
      'Stores a plan and confirms it (or keeps it as a draft: `draft: true`). Confirming writes the weekly appointment schedule in force from its day ' +
      '(the schedule in force then, its plan weekdays replaced by the plan’s hours with one seat per counter), so the slot picker shows the new ' +
      'capacity at once; at opening time of that day the hub sets each counter’s mode (audited as `rollout.apply` by `system`). Bookings already ' +
      'made stay. Refuses a past day (409 `ROLLOUT_DAY_PAST`), unknown (404) or inactive counters (409 `COUNTER_INACTIVE`), hours outside the ' +
      'opening hours of a chosen weekday (409 `ROLLOUT_OUTSIDE_HOURS`) and a second confirmed plan from the same day (409 `ROLLOUT_DAY_TAKEN`). ' +
      'Audited (`rollout.confirm` or `rollout.draft`).',
    input: RolloutPlanBody,
    output: RolloutPlanReply,
  },
  'rollout.confirm': {
    summary: 'Confirms a draft plan, checked again and then as `rollout.create` confirms. Only drafts (409 `ROLLOUT_NOT_DRAFT`). Audited (`rollout.confirm`).',
    input: RolloutIdParam,
    output: RolloutPlanReply,
  },
  'rollout.cancel': {
    summary:
      'Cancels a plan not yet applied: a confirmed plan’s schedule rows go and the schedule they replaced comes back, its mode changes will not ' +
      'happen. Replies with the bookings from its day on that the restored schedule has no seat for (they stay booked). An applied or cancelled ' +
      'plan: 409 `ROLLOUT_NOT_CANCELLABLE`. Audited (`rollout.cancel`).',
    input: RolloutIdParam,
    output: RolloutCancelReply,
  },
  // --- reports (supervisor console): computed from the stored events
  'reports.get': {
    summary:
      'The hall’s report for hall days `from`…`to` (inclusive, at most 366 days), computed from the stored events: service level against the ' +
      'target (settings `serviceLevel`), waits and service times per kind (median, p90, max in minutes), crowding per 15 minutes, the weekday × ' +
      'hour heatmap, appointments (kept, no-show, cancelled, lateness, lead time, punctuality), counters and staff (served, open / serving / ' +
      'paused / idle minutes, outcomes), the pilot question (appointments vs walk-ins; before vs from `pivot`), the kiosk estimate’s accuracy and ' +
      'the citizens’ satisfaction after service (feedback per kind, service, counter and staff member). ' +
      'Filters: `serviceId`, `kind`, `counter`, `userId`.',
    input: ReportQuery,
    output: Report,
  },
  'reports.export': {
    summary:
      'One table of the report as CSV (UTF-8 with a byte-order mark, so Excel shows Arabic): `table` is one of `daily`, `service-level`, `wait`, ' +
      '`crowding`, `heatmap`, `appointments`, `counters`, `staff`, `pilot`, `estimate-accuracy`, `satisfaction` (the citizens’ feedback per ' +
      'kind, service, counter and staff member); the same query and numbers as `reports.get`, ' +
      'headings in `lang`.',
    input: ReportExportQuery,
    output: CsvReply,
  },
  // --- the counter terminal (issue 12)
  'counter.myDay': {
    summary:
      'What the logged-in staff member finished today at any counter, under their own login: tickets served and their mean service time ' +
      '(the terminal\'s "My day"). Counter staff, supervisors and admins.',
    input: Empty,
    output: MyDayReply,
  },
  // --- printing a ticket again at the kiosk
  'kiosk.reprint': {
    summary:
      'Prints again, on this kiosk’s printer, the open ticket (waiting or called, today) of the citizen with this CPR or booking reference, or of ' +
      'this status link token (scanned from a phone): the same ticket and number, never a new one. 404 `NO_TICKET_TO_REPRINT` when there is none; ' +
      'at most 3 a minute per kiosk (429 `RATE_LIMITED`); audited (`ticket.reprint`).',
    input: ReprintBody,
    output: WalkInReply,
  },
  // --- messages to citizens
  'hall.sms.broadcast': {
    summary:
      'Sends an SMS (Arabic and English) to everyone waiting today: holders of waiting and called tickets who gave a phone, and bookings of today ' +
      'not yet checked in; one per phone, through the outbox (held in quiet hours). Supervisors; audited (`sms.broadcast`).',
    input: SmsBroadcastBody,
    output: SmsBroadcastReply,
  },
  // --- the citizen's feedback after service (issue 14)
  'feedback.submit': {
    summary:
      'The citizen answers the status page’s question after service, by the ticket’s status token (no login): 1–5 faces and an optional ' +
      'comment (≤ 500 characters). Once per ticket: a second answer is 409 `FEEDBACK_ALREADY_GIVEN`; a ticket not finished is 409 ' +
      '`FEEDBACK_NOT_YET`; an unknown token 404 `TICKET_NOT_FOUND`; 5 tries a minute per token (429 `RATE_LIMITED`). Stored with the ' +
      'ticket’s service, kind, counter and staff member (the reports’ satisfaction). Replies with the ticket’s status.',
    input: FeedbackBody,
    output: TicketStatusReply,
  },
  // --- the citizen's appointment page (/a/<token>, the link in every SMS about a booking): anonymous, the token is the key
  'appointmentPage.get': {
    summary:
      'The citizen\'s appointment page: the booking (reference, status, day, slot, first name only), the service\'s "what to bring" and the ' +
      "hall's address and opening hours. Rate-limited per address and per token (429 `RATE_LIMITED`); an unknown token is 404 " +
      '`APPOINTMENT_LINK_INVALID`.',
    input: AppointmentPageParam,
    output: AppointmentPageReply,
  },
  'appointmentPage.slots': {
    summary: "The free slots the citizen may move the booking to: the slot picker's days for the booking's service (same rules as the console).",
    input: AppointmentPageSlotsQuery,
    output: SlotsReply,
  },
  'appointmentPage.move': {
    summary:
      'The citizen moves the booking to another free slot: the same rules and capacity check as the console (`appointments.reschedule`), ' +
      'recorded as by the citizen (actor `citizen`, audit `appointment.move`), with the usual confirmation SMS.',
    input: AppointmentPageMoveBody,
    output: AppointmentPageReply,
  },
  'appointmentPage.cancel': {
    summary: 'The citizen cancels the booking: recorded as by the citizen (actor `citizen`, audit `appointment.cancel`), with the usual SMS.',
    input: AppointmentPageParam,
    output: AppointmentPageReply,
  },
  // --- a rollout's bookings without a seat: moved by the hall, each citizen told (issue 14)
  'rollout.unfit': {
    summary:
      'The bookings from a plan’s day on that the schedule in force has no seat for and the hall can still move (booked, slot not started): ' +
      'reference, service, slot. A plan never confirmed: 409 `ROLLOUT_NOT_CONFIRMED`.',
    input: RolloutIdParam,
    output: RolloutUnfitReply,
  },
  'rollout.reseat': {
    summary:
      'Moves each booking of `rollout.unfit` (`references`: only those) to the nearest free slot of its service — its own day later, then ' +
      'earlier, then the next days up to the booking horizon — through the console’s move (`appointments.reschedule`: the same rules and ' +
      'capacity guard), or cancels it when no slot is free within the horizon. Each change: audited by the supervisor (`appointment.move` or ' +
      '`appointment.cancel`, reason `rollout`) with one SMS through the outbox in its transaction (`moved_by_hall` or `cancelled_by_hall`, with ' +
      'the appointment page link; held in quiet hours). Replies with what moved where, what was cancelled and what is still without a seat. ' +
      'A booking that has its seat is not in the list, so a repeat changes nothing. A plan never confirmed: 409 `ROLLOUT_NOT_CONFIRMED`.',
    input: RolloutReseatBody,
    output: RolloutReseatReply,
  },
});

export type Contracts = typeof contracts;
export type OperationName = keyof Contracts;
/** What a caller sends (before defaults and coercion). */
export type InputOf<N extends OperationName> = z.input<Contracts[N]['input']>;
/** What the hub replies. */
export type ReplyOf<N extends OperationName> = z.output<Contracts[N]['output']>;
