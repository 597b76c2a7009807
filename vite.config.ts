// The screens, built by Vite into dist/ and served by the hub on its one port:
//   /kiosk     → dist/kiosk-ui/index.html   (check-in kiosk)
//   /t/<token> → dist/kiosk-ui/status.html  (citizen's mobile status page)
//   /assets/*  → dist/assets/*              (hashed JS, CSS, bundled fonts)
//
// Dev: `npx vite` serves the same URLs (with hot reload) and proxies the hub's API and Socket.IO
// to a running hub (DOR_HUB, default http://localhost:8099). Pair the dev browser as the demo
// kiosk by opening /demo/open/kiosk through the dev server.
import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { matchesPage, PAGES } from './ui-kit/pages.ts';
import { type BuiltFrom, hashSources, SOURCES_FILE } from './server/build-sources.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const hub = process.env.DOR_HUB ?? 'http://localhost:8099';

/** Dev only: answer the hub's page URLs with their HTML entries, as the hub does in production. */
function hubPages(): Plugin {
  return {
    name: 'dor-hub-pages',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? '/';
        const page = PAGES.find((p) => matchesPage(p, url));
        if (page) {
          const q = url.indexOf('?');
          req.url = `/${page.html}${q >= 0 ? url.slice(q) : ''}`;
        }
        next();
      });
    },
  };
}

/**
 * Build only: the screens' Socket.IO client has WebSocket as its one transport. Every screen runs
 * in a current browser on the hall's LAN, straight to the hub (no proxy that would need HTTP
 * long-polling first). So engine.io-client's default list of transports and its table of them
 * hold only WebSocket, and its other transports (which the package's index re-exports, and whose
 * only top-level work is for themselves: feature probes, an unload handler aborting their own
 * requests) count as free of side effects: their code stays out of the pages (~2 KB gzip each).
 * The dev server serves the stock client (long-polling first, then the upgrade to WebSocket).
 */
export function websocketOnly(): Plugin {
  const esm = String.raw`[\\/]engine\.io-client[\\/]build[\\/]esm[\\/]`;
  const defaults = '["polling", "websocket", "webtransport"]';
  return {
    name: 'dor-websocket-only',
    apply: 'build',
    load: {
      filter: { id: new RegExp(`${esm}transports[\\/]index\\.js$`) },
      handler: () => 'import { WS } from "./websocket.node.js";\nexport const transports = { websocket: WS };\n',
    },
    transform: {
      filter: { id: new RegExp(`${esm}(socket|transports[\\/](polling|polling-xhr|polling-fetch|webtransport))\\.js$`) },
      handler(code, id) {
        // `map: null`: the lines stay where they were, so the module's source map still holds.
        if (!id.endsWith('socket.js')) return { code, map: null, moduleSideEffects: false };
        // A new engine.io-client that words its defaults otherwise must be looked at, not missed.
        if (!code.includes(defaults)) this.error(`engine.io-client's default transports are no longer ${defaults}`);
        return { code: code.replace(defaults, '["websocket"]'), map: null };
      },
    },
  };
}

/**
 * Build only: records the project files the screens were made of (plus the lockfile and this config)
 * in dist/sources.json, once every page is built (shared by the pages' builds, see `builder`).
 */
function recordSources(): Plugin {
  const own = new Set<string>(['package-lock.json', 'vite.config.ts']);
  return {
    name: 'dor-record-sources',
    apply: 'build',
    sharedDuringBuild: true,
    buildEnd() {
      for (const id of this.getModuleIds()) {
        const file = id.split('?')[0]!;
        if (file.startsWith(root) && !file.includes('/node_modules/') && !file.includes('\0')) own.add(relative(root, file));
      }
    },
    buildApp: {
      order: 'post',
      async handler(builder) {
        const files = [...own].sort();
        const built: BuiltFrom = { files, hash: hashSources(root, files) ?? '' };
        writeFileSync(resolve(builder.config.root, builder.config.build.outDir, SOURCES_FILE), `${JSON.stringify(built, null, 1)}\n`);
      },
    },
  };
}

// Each page is built on its own (one environment each, into the same dist/): a device shows one
// page, and one build of all pages would tree-shake a shared module (zod's core, say) for the
// union of the pages, so the kiosk would load what only the staff consoles use. The dev server
// keeps serving every page from its one environment.
const pageBuilds: UserConfig = {
  environments: Object.fromEntries(
    PAGES.map((p, i) => [
      p.name,
      {
        consumer: 'client',
        build: { emptyOutDir: i === 0 ? undefined : false, rolldownOptions: { input: { [p.name]: fileURLToPath(new URL(p.html, import.meta.url)) } } },
      },
    ]),
  ),
  builder: {
    sharedConfigBuild: true,
    async buildApp(builder) {
      // One after the other: the first empties dist/, the rest add to it.
      for (const p of PAGES) await builder.build(builder.environments[p.name]!);
    },
  },
};

export default defineConfig(({ command }) => ({
  root,
  base: '/',
  plugins: [preact(), hubPages(), websocketOnly(), recordSources()],
  // Never served from a CDN: everything (fonts included) is bundled into dist/assets.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // The setup and supervisor pages carry the list of common passwords (~0.4 MB); staff
    // screens, loaded once per session.
    chunkSizeWarningLimit: 600,
  },
  optimizeDeps: {
    entries: PAGES.map((p) => p.html),
  },
  server: {
    port: 5173,
    strictPort: false,
    proxy: {
      '/api': { target: hub, changeOrigin: false },
      '/socket.io': { target: hub, ws: true, changeOrigin: false },
      '/demo': { target: hub, changeOrigin: false },
      '/healthz': { target: hub, changeOrigin: false },
    },
  },
  preview: {
    port: 4173,
  },
  ...(command === 'build' ? pageBuilds : {}),
}));
