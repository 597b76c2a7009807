// The one type system of every screen, bundled (a hall LAN has no internet): Arabic in Noto Naskh
// Arabic; Latin letters and all Western digits in Noto Sans, so numbers look alike everywhere.
import '@fontsource/noto-naskh-arabic/400.css';
import '@fontsource/noto-naskh-arabic/700.css';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
