// The screens, built by Vite into dist/ and served by the hub on its one port:
//   /kiosk     → dist/kiosk-ui/index.html   (check-in kiosk)
//   /t/<token> → dist/kiosk-ui/status.html  (citizen's mobile status page)
//   /assets/*  → dist/assets/*              (hashed JS, CSS, bundled fonts)
//
// Dev: `npx vite` serves the same URLs (with hot reload) and proxies the hub's API and Socket.IO
// to a running hub (DOR_HUB, default http://localhost:8099). Pair the dev browser as the demo
// kiosk by opening /demo/open/kiosk through the dev server.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import { matchesPage, PAGES } from './ui-kit/pages.ts';
import { hashSources, SOURCES_FILE, type BuiltFrom } from './server/build-sources.js';

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

/** Build only: records the project files the bundle was made of (plus the lockfile and this config) in dist/sources.json. */
function recordSources(): Plugin {
  let files: string[] = [];
  return {
    name: 'dor-record-sources',
    apply: 'build',
    buildEnd() {
      const own = [...this.getModuleIds()]
        .map((id) => id.split('?')[0]!)
        .filter((id) => id.startsWith(root) && !id.includes('/node_modules/') && !id.includes('\0'))
        .map((id) => relative(root, id));
      files = [...new Set([...own, 'package-lock.json', 'vite.config.ts'])].sort();
    },
    writeBundle(options) {
      const built: BuiltFrom = { files, hash: hashSources(root, files) ?? '' };
      writeFileSync(`${options.dir ?? `${root}/dist`}/${SOURCES_FILE}`, `${JSON.stringify(built, null, 1)}\n`);
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [preact(), hubPages(), recordSources()],
  // Never served from a CDN: everything (fonts included) is bundled into dist/assets.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    rolldownOptions: {
      input: Object.fromEntries(PAGES.map((p) => [p.name, fileURLToPath(new URL(p.html, import.meta.url))])),
    },
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
});
