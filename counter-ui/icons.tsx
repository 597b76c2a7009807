// The counter's own icons, drawn with ui-kit's `Svg` (ui-kit/icons.tsx has the ones screens share).
import { type IconProps, Svg } from '../ui-kit/icons.tsx';

export const MegaphoneIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M3.5 10v4a1.5 1.5 0 0 0 1.5 1.5h2.5L14 19.5V4.5L7.5 8.5H5A1.5 1.5 0 0 0 3.5 10z" />
    <path d="M17.5 9a4 4 0 0 1 0 6M19.8 6.5a7.5 7.5 0 0 1 0 11" />
  </Svg>
);

export const RepeatIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M4 11V9.5A3.5 3.5 0 0 1 7.5 6H19" />
    <path d="m16 3 3 3-3 3" />
    <path d="M20 13v1.5a3.5 3.5 0 0 1-3.5 3.5H5" />
    <path d="m8 21-3-3 3-3" />
  </Svg>
);

export const UserOffIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="10" cy="8" r="3.5" />
    <path d="M3.5 20c0-3.6 2.9-6.3 6.5-6.3 1.2 0 2.3.3 3.2.8" />
    <path d="m16 15.5 4.5 4.5M20.5 15.5 16 20" />
  </Svg>
);

export const PlayIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="M10 8.6v6.8l5.4-3.4z" />
  </Svg>
);

export const TransferIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M4 8h14M14.5 4.5 18 8l-3.5 3.5" />
    <path d="M20 16H6M9.5 12.5 6 16l3.5 3.5" />
  </Svg>
);

export const PauseIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="M10 8.8v6.4M14 8.8v6.4" />
  </Svg>
);

export const DoorIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M5.5 20.5V4.8A1.3 1.3 0 0 1 6.8 3.5h10.4a1.3 1.3 0 0 1 1.3 1.3v15.7" />
    <path d="M3.5 20.5h17" />
    <path d="M14.5 12.2v.1" />
  </Svg>
);

export const CounterDeskIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M3 11.5h18v3H3z" />
    <path d="M5 14.5v6M19 14.5v6" />
    <circle cx="12" cy="5.8" r="2.6" />
    <path d="M8 11.5c0-2 1.8-3.4 4-3.4s4 1.4 4 3.4" />
  </Svg>
);
