// The screens: Vite builds them into dist/; the hub serves them and builds them on first start.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Logger } from 'pino';
import { PAGES } from '../ui-kit/pages.ts';
import { builtFromCurrentSources } from './build-sources.js';
import { HttpError } from './errors.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = fileURLToPath(new URL('../dist', import.meta.url));

export function uiRouter(): express.Router {
  const router = express.Router();
  router.use('/assets', express.static(`${DIST}/assets`, { immutable: true, maxAge: '365d', fallthrough: false }));
  for (const { path, html } of PAGES) {
    router.get(path, (_req, res) => {
      const page = `${DIST}/${html}`;
      if (!existsSync(page)) throw new HttpError(503, 'UI_NOT_BUILT', 'The screens are not built yet: run `npm run build` (npm start does it on first run).');
      // Pages are tiny and name their hashed assets: always revalidate, so a new version loads.
      res.sendFile(page, { headers: { 'cache-control': 'no-cache' } });
    });
  }
  return router;
}

/** `npm start` builds the screens when dist/ lacks one of them or was built from other sources (an update). */
export async function buildUiIfStale(log: Logger): Promise<void> {
  const missing = PAGES.map((p) => p.html).filter((f) => !existsSync(`${DIST}/${f}`));
  if (missing.length > 0) log.info({ missing }, 'building the screens (first run)');
  else if (!builtFromCurrentSources(ROOT, DIST)) log.info('building the screens (their sources changed since the last build)');
  else return;
  // The builder, as `vite build` does: vite.config.ts builds each page on its own.
  const { createBuilder } = await import('vite');
  await (await createBuilder({ root: ROOT, configFile: `${ROOT}/vite.config.ts`, logLevel: 'warn' })).buildApp();
}

/**
 * A fingerprint of the built screens. Unattended screens (the hall display) poll /healthz and
 * reload themselves when it changes, so a new version reaches them without anyone touching them.
 */
export function uiVersion(): string {
  const hash = createHash('sha256');
  for (const { html } of PAGES) {
    const file = `${DIST}/${html}`;
    if (existsSync(file)) hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 12);
}
