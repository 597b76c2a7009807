// The console's live line to the hub: the staff feed over Socket.IO (the session cookie goes
// along). It tells the console when appointments change anywhere in the hall — another agent
// books the seat on screen, a citizen checks in — and gives the hall's time zone.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { HallEvent, PublicHallEvent } from '../protocol/events.ts';
import type { HallState } from '../protocol/state.ts';
import { staffFeed } from '../ui-kit/hall-feed.ts';
import { DEFAULT_TIME_ZONE } from '../ui-kit/i18n.ts';
import { staffSocket } from '../ui-kit/hub-socket.ts';

export type AppointmentEvent = Extract<HallEvent, { type: `appointment_${string}` }>;

export interface Live {
  /** False while the hub cannot be reached (the console shows a banner; requests still try). */
  connected: boolean;
  timeZone: string;
  /** The hall's day (YYYY-MM-DD) by the hub's clock; '' until the first snapshot. */
  today: string;
}

const isAppointmentEvent = (e: HallEvent | PublicHallEvent): e is AppointmentEvent => e.type.startsWith('appointment_');

/** Subscribes to the hall; `onAppointments` gets each batch of appointment events as it commits. */
export function useLive(onAppointments: (events: AppointmentEvent[]) => void, onUnauthenticated: () => void): Live {
  const [live, setLive] = useState<Live>({ connected: true, timeZone: DEFAULT_TIME_ZONE, today: '' });
  const handlers = useRef({ onAppointments, onUnauthenticated });
  handlers.current = { onAppointments, onUnauthenticated };
  useEffect(() => {
    const hall = (s: HallState) =>
      setLive((l) => (l.timeZone === s.settings.timeZone && l.today === s.day ? l : { ...l, timeZone: s.settings.timeZone, today: s.day }));
    const line = staffSocket({
      connection: (connected) => setLive((l) => (l.connected === connected ? l : { ...l, connected })),
      unauthenticated: () => handlers.current.onUnauthenticated(),
    });
    staffFeed(line.socket, {
      snapshot: hall,
      events(events, state) {
        hall(state);
        const changed = events.filter(isAppointmentEvent);
        if (changed.length > 0) handlers.current.onAppointments(changed);
      },
    });
    return line.close;
  }, []);
  return live;
}
