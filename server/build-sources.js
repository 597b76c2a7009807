// Which source files a build came from, so `npm start` can tell when a build is stale (after a
// `git pull` on the hall's box) and build again instead of running old code: the screens in dist/
// (vite.config.ts writes the list, server/ui.ts checks it) and the hub's bundle in dist-server/
// (server/bundle.js). Plain JavaScript: server/start.js runs it before any TypeScript is loaded.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Written into the build's folder. */
export const SOURCES_FILE = 'sources.json';

/** @typedef {{ files: string[]; hash: string }} BuiltFrom */

/**
 * One hash over the files' paths and contents (root-relative paths, in order). Null if one is gone.
 * @param {string} root
 * @param {readonly string[]} files
 * @returns {string | null}
 */
export function hashSources(root, files) {
  const hash = createHash('sha256');
  for (const file of files) {
    const path = join(root, file);
    if (!existsSync(path)) return null;
    hash.update(file).update('\0').update(readFileSync(path));
  }
  return hash.digest('hex');
}

/**
 * True when the build in `dist` was made from exactly the sources now on disk.
 * @param {string} root
 * @param {string} dist
 * @returns {boolean}
 */
export function builtFromCurrentSources(root, dist) {
  const file = join(dist, SOURCES_FILE);
  if (!existsSync(file)) return false;
  try {
    const built = /** @type {BuiltFrom} */ (JSON.parse(readFileSync(file, 'utf8')));
    return Array.isArray(built.files) && hashSources(root, built.files) === built.hash;
  } catch {
    return false;
  }
}
