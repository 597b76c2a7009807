// The console's own icons (its side navigation), drawn with ui-kit's `Svg`.
import { type IconProps, Svg } from '../ui-kit/icons.tsx';

export const ChecklistIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="m4 6.5 1.6 1.6L8.5 5M4 12.5l1.6 1.6 2.9-3.1M4 18.5l1.6 1.6 2.9-3.1" />
    <path d="M11.5 6.8H20M11.5 12.8H20M11.5 18.8H20" />
  </Svg>
);

export const PulseIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M2.5 12.5h4l2.2-5.5 3.8 11 2.6-7 1.4 1.5h5" />
  </Svg>
);

export const GearIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="3" />
    <path d="M12 2.8v2.6M12 18.6v2.6M21.2 12h-2.6M5.4 12H2.8M18.5 5.5l-1.8 1.8M7.3 16.7l-1.8 1.8M18.5 18.5l-1.8-1.8M7.3 7.3 5.5 5.5" />
    <circle cx="12" cy="12" r="6.4" />
  </Svg>
);

export const DevicesIcon = (p: IconProps) => (
  <Svg {...p}>
    <rect x="2.5" y="4" width="13" height="9.5" rx="1.6" />
    <path d="M6.5 17.5h5M9 13.5v4" />
    <rect x="17.5" y="7" width="4" height="12.5" rx="1.2" />
  </Svg>
);

export const RolloutIcon = (p: IconProps) => (
  <Svg {...p}>
    <rect x="3" y="4.5" width="18" height="16" rx="2" />
    <path d="M3 9.5h18M8 2.8v3.4M16 2.8v3.4" />
    <path d="M7.5 15h6.5M11.5 12.5 14 15l-2.5 2.5" />
  </Svg>
);

export const AuditIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M6 3.5h9l4 4v13H6z" />
    <path d="M14.5 3.5v4.5H19M9 12h7M9 15.5h7M9 19h4" />
  </Svg>
);

export const ChartIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M3.5 3.5v17h17" />
    <path d="M7.5 16v-4M11.5 16V8M15.5 16v-6M19.5 16V6" />
  </Svg>
);

export const PrinterIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M7 8.5V3.5h10v5" />
    <rect x="3" y="8.5" width="18" height="8" rx="1.8" />
    <path d="M7 14h10v6.5H7z" />
  </Svg>
);
