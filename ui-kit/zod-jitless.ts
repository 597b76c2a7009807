// Zod compiles object schemas with `new Function` when it may, and probes for it on the first
// parse; the hub's Content-Security-Policy forbids eval, so every screen tells Zod not to try
// (imported first by each screen's entry, before any schema is parsed). The setting is zod's core
// one, so it holds for the classic API on the staff screens too.
import * as z from 'zod/mini';

z.config({ jitless: true });
