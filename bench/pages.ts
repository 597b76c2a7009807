// Benchmark — page weight: each screen's JS + CSS as a browser first loads it (its HTML entry's
// script, module preloads and style sheets), gzip-compressed, from a fresh Vite build into a temp
// folder. The rule: what the page needs to show its first screen counts; a chunk it imports later
// (`import()`: the kiosk's QR library, fetched after its first screen) does not — the log line
// also prints the total with those later chunks, so nothing is hidden. Fonts and voice clips are
// apart (loaded as the page needs them, cached for a year). Floor, built in the same run with the
// same settings: the least a live screen loads — Preact rendering one element and a Socket.IO
// client (bench/page-floor.ts).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, createBuilder } from 'vite';
import { PAGES } from '../ui-kit/pages.ts';
import { websocketOnly } from '../vite.config.ts';
import { log, type Result } from './timing.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Targets of the issue: the screens a citizen's hall runs all day on modest hardware. */
const TARGET_KB: Record<string, number> = { kiosk: 60, display: 60 };

const gzipKb = (file: string) => gzipSync(readFileSync(file)).length / 1024;

/** The JS and CSS files an HTML entry loads at once. */
export function loadedBy(html: string): string[] {
  const refs = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\brel="(?:modulepreload|stylesheet)"[^>]*\bhref)="\/([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set(refs)].filter((r) => /\.(m?js|css)$/.test(r));
}

/** The files above and every chunk they name (dynamic imports, their CSS), transitively. */
function reachableFrom(dist: string, files: string[]): string[] {
  const found = new Set(files);
  for (const file of found) {
    if (!file.endsWith('.js')) continue;
    for (const [, name] of readFileSync(join(dist, file), 'utf8').matchAll(/["'`](?:\.\/|\/assets\/|assets\/)([\w.-]+\.(?:js|css))["'`]/g)) {
      if (existsSync(join(dist, 'assets', name!))) found.add(`assets/${name}`);
    }
  }
  return [...found];
}

export async function benchPages(): Promise<Result[]> {
  const out = mkdtempSync(join(tmpdir(), 'dor-bench-pages-'));
  try {
    const builder = await createBuilder({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'silent', build: { outDir: join(out, 'dist') } });
    await builder.buildApp();
    await build({
      root: ROOT,
      configFile: false,
      logLevel: 'silent',
      // The screens' Socket.IO client, WebSocket only (as vite.config.ts builds the pages).
      plugins: [websocketOnly()],
      build: {
        outDir: join(out, 'floor'),
        emptyOutDir: true,
        target: 'es2022',
        rolldownOptions: { input: join(ROOT, 'bench/page-floor.ts'), output: { entryFileNames: 'floor.js' } },
      },
    });
    const floor = gzipKb(join(out, 'floor', 'floor.js'));
    const results: Result[] = [];
    for (const page of PAGES) {
      const dist = join(out, 'dist');
      const files = loadedBy(readFileSync(join(dist, page.html), 'utf8'));
      const all = reachableFrom(dist, files);
      const sumKb = (list: string[]) => list.reduce((sum, f) => sum + gzipKb(join(dist, f)), 0);
      const kb = sumKb(files);
      const target = TARGET_KB[page.name];
      log(
        `pages: ${page.name} ${kb.toFixed(1)} KB gzip in ${files.length} files${target ? ` (target ≤ ${target})` : ''}; ` +
          `with the chunks it loads later ${sumKb(all).toFixed(1)} KB in ${all.length}`,
      );
      results.push({
        name: `page.${page.name}.gzip_kb`,
        value: kb,
        unit: 'KB gzip',
        floor,
        ratio: kb / floor,
        floorIs: 'Preact + Socket.IO client KB',
        ratioIs: 'page / floor',
      });
    }
    log(`pages: floor (Preact + Socket.IO client) ${floor.toFixed(1)} KB gzip`);
    return results;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
