// The one type system of every screen, bundled (a hall LAN has no internet): Arabic in Noto Naskh
// Arabic; Latin letters and all Western digits in Noto Sans, so numbers look alike everywhere.
// The public screens (kiosk, display, status page) load only the faces their text uses: Naskh's
// Arabic subset and Noto Sans's Latin one, regular and bold. One face per family and weight, so
// none needs a unicode-range. The staff consoles load more (./fonts-staff.ts).
import '@fontsource/noto-naskh-arabic/arabic-400.css';
import '@fontsource/noto-naskh-arabic/arabic-700.css';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
