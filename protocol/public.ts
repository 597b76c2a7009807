// Redaction for public rooms (display board, kiosk): no names, CPRs, phones, notes or status tokens.
import type { Appointment, PublicAppointment, PublicTicket, Ticket } from './domain.ts';
import type { HallEvent, PublicHallEvent } from './events.ts';

export function publicTicket(t: Ticket): PublicTicket {
  const { statusToken: _t, cpr: _c, note: _n, outcome: _o, ...rest } = t;
  return rest;
}

export function publicAppointment(a: Appointment): PublicAppointment {
  return { id: a.id, serviceId: a.serviceId, day: a.day, slotStart: a.slotStart, slotEnd: a.slotEnd, status: a.status, ticketId: a.ticketId };
}

export function publicEvent(e: HallEvent): PublicHallEvent {
  switch (e.type) {
    case 'day_opened':
      return { ...e, appointments: e.appointments.map(publicAppointment) };
    case 'ticket_issued':
      return { ...e, ticket: publicTicket(e.ticket) };
    case 'appointment_booked':
    case 'appointment_rescheduled':
      return { ...e, appointment: publicAppointment(e.appointment) };
    case 'ticket_finished': {
      const { note: _n, outcome: _o, ...rest } = e;
      return rest;
    }
    case 'ticket_cancelled': {
      // A supervisor's reason may name the citizen.
      const { reason: _r, ...rest } = e;
      return rest;
    }
    default:
      return e;
  }
}
