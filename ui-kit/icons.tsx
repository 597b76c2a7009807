// Inline SVG icons (no icon font, no network): 24×24, stroked with the text colour. `Svg` draws
// every screen's icons; here are the ones more than one screen shows (a screen's own are beside it).
import type { ComponentChildren } from 'preact';

export interface IconProps {
  size?: number | string;
  class?: string;
  /** Mirror in right-to-left layouts (arrows). */
  flipRtl?: boolean;
}

/** The one drawing of every icon: a 24×24 box stroked with the text colour. */
export function Svg({ size = '1em', class: cls, flipRtl, children }: IconProps & { children: ComponentChildren }) {
  return (
    <svg
      class={`icon${flipRtl ? ' icon-flip-rtl' : ''}${cls ? ` ${cls}` : ''}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const HomeIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M3 10.8 12 3.5l9 7.3" />
    <path d="M5.5 9.2V20h4.8v-5.6h3.4V20h4.8V9.2" />
  </Svg>
);

export const SearchIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="10.8" cy="10.8" r="6.8" />
    <path d="m16 16 5 5" />
  </Svg>
);

export const IdCardIcon = (p: IconProps) => (
  <Svg {...p}>
    <rect x="2.5" y="5" width="19" height="14" rx="2.2" />
    <circle cx="8.3" cy="10.6" r="2.1" />
    <path d="M5 16.3c.6-1.7 1.8-2.6 3.3-2.6s2.7.9 3.3 2.6" />
    <path d="M14.3 10h4.7M14.3 13.6h3.6" />
  </Svg>
);

export const UsersIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="9" cy="8" r="3.3" />
    <path d="M2.8 20c0-3.4 2.8-6.1 6.2-6.1s6.2 2.7 6.2 6.1" />
    <circle cx="17.2" cy="9" r="2.5" />
    <path d="M16.6 14.1c2.7.3 4.6 2.6 4.6 5.4" />
  </Svg>
);

export const LogoutIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M10 4.5H6A1.5 1.5 0 0 0 4.5 6v12A1.5 1.5 0 0 0 6 19.5h4" />
    <path d="M14 8l4 4-4 4M18 12H9" />
  </Svg>
);

export const UserIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="8" r="3.8" />
    <path d="M4.8 20.2c.5-3.8 3.5-6.3 7.2-6.3s6.7 2.5 7.2 6.3" />
  </Svg>
);

export const KeyIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="8" cy="14.5" r="4" />
    <path d="m10.9 11.6 8.6-8.6M16.2 6.3l2.4 2.4M13.9 8.6l2 2" />
  </Svg>
);

export const MailIcon = (p: IconProps) => (
  <Svg {...p}>
    <rect x="2.8" y="5" width="18.4" height="14" rx="2.2" />
    <path d="m3.6 6.6 8.4 6.6 8.4-6.6" />
  </Svg>
);

export const CalendarCheckIcon = (p: IconProps) => (
  <Svg {...p}>
    <rect x="3" y="4.5" width="18" height="16.5" rx="2.2" />
    <path d="M3 9.5h18M8 2.5v4M16 2.5v4" />
    <path d="m8.6 15.2 2.4 2.4 4.5-4.6" />
  </Svg>
);

export const TicketIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M3.5 6.5h17v3.6a2 2 0 0 0 0 3.8v3.6h-17v-3.6a2 2 0 0 0 0-3.8z" />
    <path d="M14.5 7v2M14.5 11v2M14.5 15v2" />
  </Svg>
);

export const GlobeIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="M3 12h18" />
    <path d="M12 3c2.4 2.5 3.7 5.5 3.7 9s-1.3 6.5-3.7 9c-2.4-2.5-3.7-5.5-3.7-9S9.6 5.5 12 3z" />
  </Svg>
);

export const CheckCircleIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="m7.8 12.4 2.9 2.9 5.6-5.8" />
  </Svg>
);

export const ClockIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7v5.2l3.2 2" />
  </Svg>
);

export const AlertIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M10.3 4.1 2.6 17.6A2 2 0 0 0 4.3 20.6h15.4a2 2 0 0 0 1.7-3L13.7 4.1a2 2 0 0 0-3.4 0z" />
    <path d="M12 9.5v4.5M12 17.2v.1" />
  </Svg>
);

export const InfoIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 11v5.5M12 7.7v.1" />
  </Svg>
);

export const ArrowForwardIcon = (p: IconProps) => (
  <Svg flipRtl {...p}>
    <path d="M5 12h14M13 6l6 6-6 6" />
  </Svg>
);

export const ElderlyIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="10" cy="4.3" r="2" />
    <path d="M10 7.2 9 13l-2.2 8" />
    <path d="m9 13 3 3v5" />
    <path d="m9.6 9.2 4.2 2.4" />
    <path d="M13.8 11.6 15 21" />
  </Svg>
);

export const DisabilityIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="11" cy="4" r="2" />
    <path d="M11 7v6h5.2l2.3 6" />
    <path d="M11 10h4.3" />
    <path d="M8.3 11.1a5 5 0 1 0 6.4 7.4" />
  </Svg>
);

export const PregnancyIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="11" cy="4" r="2" />
    <path d="M10.5 7.2c-1.2.9-1.8 2.3-1.8 4v3.3" />
    <path d="M10.8 9.4c2.9.2 4.7 1.8 4.7 3.8 0 1.7-1.3 2.8-3.3 2.9h-1.6" />
    <path d="M10.6 16.1 10 21M12.4 16.1l.6 4.9" />
  </Svg>
);

export const LockIcon = (p: IconProps) => (
  <Svg {...p}>
    <rect x="4.5" y="10.5" width="15" height="10" rx="2" />
    <path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" />
  </Svg>
);

export const CloseIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="m6 6 12 12M18 6 6 18" />
  </Svg>
);

/** The icons a service may have (its `icon` field names one; the console offers these). */
export const SERVICE_ICONS = { ticket: TicketIcon, home: HomeIcon, search: SearchIcon, 'id-card': IdCardIcon, users: UsersIcon, mail: MailIcon } as const;
export type ServiceIconName = keyof typeof SERVICE_ICONS;

/** The icon named by a service's `icon` field; a ticket when the name is unknown. */
export function ServiceIcon({ name, ...p }: IconProps & { name: string }) {
  const Icon = Object.hasOwn(SERVICE_ICONS, name) ? SERVICE_ICONS[name as ServiceIconName] : TicketIcon;
  return <Icon {...p} />;
}

export function PriorityIcon({ name, ...p }: IconProps & { name: string }) {
  switch (name) {
    case 'elderly':
      return <ElderlyIcon {...p} />;
    case 'disability':
      return <DisabilityIcon {...p} />;
    case 'pregnancy':
      return <PregnancyIcon {...p} />;
    default:
      return <ArrowForwardIcon {...p} />;
  }
}
