// The hub bundled into dist-server/ by esbuild (the compiler tsx itself runs on), so `npm start`
// loads a few JavaScript files instead of compiling ~110 TypeScript modules and resolving ~600
// dependency files at every start. `npm run build` bundles; server/start.js bundles again when a
// source changed since. Plain JavaScript: server/start.js runs it before any TypeScript is loaded.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtFromCurrentSources, hashSources, SOURCES_FILE } from './build-sources.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SERVER_DIST = join(ROOT, 'dist-server');
export const SERVER_ENTRY = join(SERVER_DIST, 'main.js');
/** What the bundle depends on besides the project modules esbuild reads: this recipe and the dependencies' versions. */
const RECIPE = ['server/bundle.js', 'package-lock.json'];
/**
 * Left in node_modules: native addons (they load their .node binary from beside them) and what the
 * hub loads only on demand (the pretty log formatter at a terminal, the screens' build tools).
 */
const EXTERNAL = ['better-sqlite3', '@napi-rs/canvas', '@node-rs/argon2', 'pino-pretty', 'vite', 'esbuild', 'tsx'];

/** True when dist-server/ holds a bundle of exactly the sources now on disk. */
export function serverBundleIsCurrent() {
  return builtFromCurrentSources(ROOT, SERVER_DIST);
}

/**
 * Each project module keeps its own `import.meta.url` (the path of its source file, as under tsx),
 * so files found next to a module (migrations, fonts, dist/, the what-if worker) are found from the
 * bundle too; it is written relative to the bundle, so the checkout can move.
 * @type {import('esbuild').Plugin}
 */
const keepModuleUrls = {
  name: 'dor-keep-module-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, ({ path }) => {
      if (path.includes(`${sep}node_modules${sep}`)) return undefined;
      const source = readFileSync(path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const fromBundle = relative(SERVER_DIST, path).split(sep).join('/');
      return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

/** Bundles server/main.ts into dist-server/ and records its sources. */
export async function bundleServer() {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: { main: join(ROOT, 'server/main.ts') },
    outdir: SERVER_DIST,
    bundle: true,
    external: EXTERNAL,
    // The CommonJS dependencies inside an ES module bundle still call require() for Node's own modules.
    banner: {
      js: "import { createRequire as createRequireForDependencies } from 'node:module'; const require = createRequireForDependencies(import.meta.url);",
    },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Modules the hub imports once it serves (the printer stack) become chunks loaded then.
    splitting: true,
    sourcemap: 'linked',
    sourcesContent: false, // stack traces need the lines, not the sources: a map a fraction of the size
    plugins: [keepModuleUrls],
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const own = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/'));
  const files = [...new Set([...own.map((f) => relative(ROOT, f).split(sep).join('/')), ...RECIPE])].sort();
  const built = { files, hash: hashSources(ROOT, files) ?? '' };
  // The chunks first, the entry and the record last, each renamed into place: a hub starting
  // meanwhile (tests start several at once) loads a whole bundle, old or new. Chunks of earlier
  // bundles stay (their names are hashes of their contents): a hub still running on one loads them on demand.
  const outputs = [...result.outputFiles].sort((a, b) => Number(a.path === SERVER_ENTRY) - Number(b.path === SERVER_ENTRY));
  mkdirSync(SERVER_DIST, { recursive: true });
  for (const { path, contents } of [...outputs, { path: join(SERVER_DIST, SOURCES_FILE), contents: `${JSON.stringify(built, null, 1)}\n` }]) {
    const temp = `${path}.${process.pid}.tmp`;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, contents);
    renameSync(temp, path);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleServer();
