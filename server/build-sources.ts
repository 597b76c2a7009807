// Which source files the built screens came from, so `npm start` can tell when dist/ is stale
// (after a `git pull` on the hall's box) and rebuild instead of serving old screens to a new hub.
// Node only, next to the build check: used by vite.config.ts (writes the list after a build) and server/ui.ts (checks it).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Written into dist/ next to the pages. */
export const SOURCES_FILE = 'sources.json';

export interface BuiltFrom {
  files: string[];
  hash: string;
}

/** One hash over the files' paths and contents (root-relative paths, in order). Null if one is gone. */
export function hashSources(root: string, files: readonly string[]): string | null {
  const hash = createHash('sha256');
  for (const file of files) {
    const path = join(root, file);
    if (!existsSync(path)) return null;
    hash.update(file).update('\0').update(readFileSync(path));
  }
  return hash.digest('hex');
}

/** True when dist/ was built from exactly the sources now on disk. */
export function builtFromCurrentSources(root: string, dist: string): boolean {
  const file = join(dist, SOURCES_FILE);
  if (!existsSync(file)) return false;
  try {
    const built = JSON.parse(readFileSync(file, 'utf8')) as BuiltFrom;
    return Array.isArray(built.files) && hashSources(root, built.files) === built.hash;
  } catch {
    return false;
  }
}
