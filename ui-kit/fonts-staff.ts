// The staff consoles' faces: those of ./fonts.ts, with every subset of Noto Naskh Arabic (each face
// with its unicode-range) — its math subset draws the arrows (← →) of the consoles' histories and
// its Latin Extended one the accented letters a citizen's Latin name may hold.
import '@fontsource/noto-naskh-arabic/400.css';
import '@fontsource/noto-naskh-arabic/700.css';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
