// The what-if's worker thread (started by server/whatif.ts): simulates and posts the reply back.
import { parentPort, workerData } from 'node:worker_threads';
import { type WhatIfJob, whatIf } from './whatif.ts';

parentPort?.postMessage(await whatIf(workerData as WhatIfJob));
