// Every screen's URL on the hub and its HTML entry: read by vite.config.ts (build inputs, dev
// routing) and by the hub (serving dist/). Later screens add theirs here.
export interface Page {
  name: string;
  path: string;
  html: string;
  summary: string;
}

export const PAGES: readonly Page[] = [
  { name: 'kiosk', path: '/kiosk', html: 'kiosk-ui/index.html', summary: 'The check-in kiosk (a paired kiosk device; `?pair=CODE` pairs it).' },
  {
    name: 'status',
    path: '/t/:token',
    html: 'kiosk-ui/status.html',
    summary:
      "A citizen's live status of one ticket (the QR code on the ticket); live over Socket.IO with `auth: { statusToken }` → `ticket:status`; " +
      'after service, the feedback question (`feedback.submit`).',
  },
  {
    name: 'appointment',
    path: '/a/:token',
    html: 'appointment-ui/index.html',
    summary: "The citizen's appointment page (the link in every SMS about a booking): see, move or cancel the booking, add it to a calendar.",
  },
  { name: 'display', path: '/display', html: 'display-ui/index.html', summary: 'The hall display board with spoken announcements (a paired display device).' },
  { name: 'counter', path: '/counter', html: 'counter-ui/index.html', summary: 'The counter terminal (staff log in and open one counter each).' },
  {
    name: 'booking',
    path: '/booking',
    html: 'booking-ui/index.html',
    summary: 'The call-center console (CPR search, citizen card, slot picker, bookings, call log).',
  },
  {
    name: 'supervisor',
    path: '/supervisor',
    html: 'supervisor-ui/index.html',
    summary: 'The supervisor console (supervisors and admins): the checklist of a hall to set up, the staff accounts; later the live hall and the settings.',
  },
  {
    name: 'setup',
    path: '/setup',
    html: 'setup-ui/index.html',
    summary: "A real hall's first run (`?token=` from the setup link in the hub's log): the hall's name and time zone and the first admin.",
  },
];

/** Does a request URL (path plus optional query) belong to this page? `:param` matches one segment. */
export function matchesPage(page: Page, url: string): boolean {
  const path = url.split(/[?#]/)[0]!.replace(/\/$/, '') || '/';
  const pattern = new RegExp(`^${page.path.replace(/:[a-z]+/gi, '[^/]+')}$`);
  return pattern.test(path);
}
