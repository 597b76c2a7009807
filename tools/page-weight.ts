// `npx tsx tools/page-weight.ts [--only kiosk,display] [--top 25]`: what each page loads to show
// its first screen (as bench/pages.ts counts it), by source file. Each byte of a built chunk goes
// to the source its source map names, and a source's share of the chunk's gzip size is its share
// of the chunk's bytes (gzip has no exact split); a file without a source map counts whole. Builds
// the pages as `vite build` does, with source maps (their comments add ~0.1 KB), into a temp folder.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { createBuilder } from 'vite';
import { loadedBy } from '../bench/pages.ts';
import { PAGES } from '../ui-kit/pages.ts';

const { values: args } = parseArgs({ options: { only: { type: 'string' }, top: { type: 'string', default: '25' } } });
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const top = Number(args.top);

/** A source map's source as a reader knows it: a package's path inside node_modules, or the project's own. */
const named = (source: string) => {
  const inModules = source.lastIndexOf('/node_modules/');
  if (inModules >= 0) return source.slice(inModules + '/node_modules/'.length);
  const inRoot = source.lastIndexOf(ROOT.slice(1));
  return inRoot >= 0 ? source.slice(inRoot + ROOT.length - 1) : source;
};

/** Bytes per source of a built JS file, by its source map. */
function bytesBySource(file: string): Map<string, number> {
  const map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
  const bytes = new Map<string, number>();
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, l) => {
      for (let c = 0; c < line.length; c++) {
        const entry = map.findEntry(l, c) as { originalSource?: string };
        const source = entry.originalSource ? named(entry.originalSource) : '(no source)';
        bytes.set(source, (bytes.get(source) ?? 0) + 1);
      }
    });
  return bytes;
}

const out = mkdtempSync(join(tmpdir(), 'dor-page-weight-'));
try {
  const builder = await createBuilder({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'silent', build: { outDir: out, sourcemap: true } });
  await builder.buildApp();
  const only = args.only?.split(',');
  for (const page of PAGES.filter((p) => !only || only.includes(p.name))) {
    const share = new Map<string, number>();
    let total = 0;
    for (const file of loadedBy(readFileSync(join(out, page.html), 'utf8'))) {
      const path = join(out, file);
      const size = readFileSync(path).length;
      const gzip = gzipSync(readFileSync(path)).length;
      total += gzip;
      // CSS, and the bundler's runtime chunk (no source map): counted as the file.
      if (!existsSync(`${path}.map`)) share.set(file, gzip);
      else for (const [source, bytes] of bytesBySource(path)) share.set(source, (share.get(source) ?? 0) + (bytes / size) * gzip);
    }
    const rows = [...share].sort((a, b) => b[1] - a[1]);
    console.log(`\n${page.name}: ${(total / 1024).toFixed(1)} KB gzip`);
    for (const [name, bytes] of rows.slice(0, top)) console.log(`${(bytes / 1024).toFixed(2).padStart(7)}  ${name}`);
    const others = rows.slice(top).reduce((sum, [, bytes]) => sum + bytes, 0);
    if (rows.length > top) console.log(`${(others / 1024).toFixed(2).padStart(7)}  (${rows.length - top} others)`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
