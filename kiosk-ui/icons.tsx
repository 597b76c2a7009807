// The kiosk's own icons, drawn with ui-kit's `Svg` (ui-kit/icons.tsx has the ones screens share).
import { type IconProps, Svg } from '../ui-kit/icons.tsx';

export const BackspaceIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M9 5h11a1.2 1.2 0 0 1 1.2 1.2v11.6A1.2 1.2 0 0 1 20 19H9l-6.2-7z" />
    <path d="m12 9.4 5.2 5.2M17.2 9.4 12 14.6" />
  </Svg>
);

export const ScanIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M3.5 8V5.2A1.7 1.7 0 0 1 5.2 3.5H8M16 3.5h2.8a1.7 1.7 0 0 1 1.7 1.7V8M20.5 16v2.8a1.7 1.7 0 0 1-1.7 1.7H16M8 20.5H5.2a1.7 1.7 0 0 1-1.7-1.7V16" />
    <path d="M7.5 8v8M10.5 8v8M13.5 8v8M16.5 8v8" />
  </Svg>
);

export const PrinterIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M7 9V3.5h10V9" />
    <rect x="3" y="9" width="18" height="8" rx="2" />
    <path d="M7 14h10v6.5H7z" />
  </Svg>
);

export const ArrowBackIcon = (p: IconProps) => (
  <Svg flipRtl {...p}>
    <path d="M19 12H5M11 6l-6 6 6 6" />
  </Svg>
);

export const ReloadIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M20 12a8 8 0 1 1-2.4-5.7" />
    <path d="M20.5 3.5v5h-5" />
  </Svg>
);

export const EyeIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12z" />
    <circle cx="12" cy="12" r="3" />
  </Svg>
);

export const PhoneIcon = (p: IconProps) => (
  <Svg {...p}>
    <rect x="6.5" y="2.5" width="11" height="19" rx="2.2" />
    <path d="M10.5 18.5h3" />
  </Svg>
);

/** A small and a large "A": the large-text toggle. */
export const TextSizeIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M2.5 19 7 8l4.5 11M4 15.5h6M12 19l5.5-14L23 19M14 14.5h7" />
  </Svg>
);

/** A circle half filled: the high-contrast toggle. */
export const ContrastIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 3a9 9 0 0 1 0 18z" fill="currentColor" />
  </Svg>
);

/** A loudspeaker with sound waves: the "read aloud" button. */
export const SpeakerIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M3.5 9.5h3.8L12 5.5v13l-4.7-4H3.5z" />
    <path d="M15.5 9a4.2 4.2 0 0 1 0 6M18.3 6.3a8 8 0 0 1 0 11.4" />
  </Svg>
);
