// Zod compiles object schemas with `new Function` when it may, and probes for it on the first
// parse; the hub's Content-Security-Policy forbids eval, so every screen tells Zod not to try
// (imported first by each screen's entry, before any schema is parsed).
import { z } from 'zod';

z.config({ jitless: true });
