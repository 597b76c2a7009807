// `npm start`: runs the hub (server/main.ts) from its bundle in dist-server/ (server/bundle.js),
// bundled again first when a source file changed since the last build (a fresh clone, a `git pull`;
// under a second). One process: a signal sent to this pid reaches the hub itself.
import { pathToFileURL } from 'node:url';
import { bundleServer, SERVER_ENTRY, serverBundleIsCurrent } from './bundle.js';

if (!serverBundleIsCurrent()) {
  process.stderr.write('bundling the hub (first start, or its sources changed since the last build)\n');
  await bundleServer();
}
// Stack traces in the logs name the TypeScript files and lines.
process.setSourceMapsEnabled(true);
await import(pathToFileURL(SERVER_ENTRY).href);
