// Benchmark of the request scheduler against a scaled-down sandbox bucket (80 requests, faster drain):
// how close 400 GETs come to the rate-limit bound, alone and with three schedulers (three tills) on
// one shop bucket, and how many 429s they met.

import { createHaravanClient } from '../electron/haravan/client.ts';
import { createScheduler } from '../electron/haravan/scheduler.ts';
import { startSandbox } from '../electron/sandbox/server.ts';

const REQUESTS = 400;
const BUCKET = 80;
const DRAIN = 40;

export interface SchedulerFigures {
  scenario: string;
  requests: number;
  elapsedSeconds: number;
  boundSeconds: number;
  ratio: number;
  rateLimited: number;
  rateLimitedShare: number;
}

async function run(scenario: string, tills: number): Promise<SchedulerFigures> {
  const sandbox = await startSandbox({ members: 200, bucketSize: BUCKET, drainPerSecond: DRAIN });
  try {
    const ids = sandbox.profiles().map((profile) => profile.id);
    const clients = Array.from({ length: tills }, () =>
      createHaravanClient({
        token: sandbox.tokens.readOnly,
        baseURL: sandbox.url,
        scheduler: createScheduler({ drainPerSecond: DRAIN }),
      }),
    );
    const started = performance.now();
    await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) => clients[i % tills]!.getProfile(ids[i % ids.length]!)),
    );
    const elapsedSeconds = (performance.now() - started) / 1000;
    const boundSeconds = (REQUESTS - BUCKET) / DRAIN;
    const rateLimited = sandbox.stats().rejected429;
    return {
      scenario,
      requests: REQUESTS,
      elapsedSeconds,
      boundSeconds,
      ratio: elapsedSeconds / boundSeconds,
      rateLimited,
      rateLimitedShare: rateLimited / REQUESTS,
    };
  } finally {
    await sandbox.close();
  }
}

export async function benchScheduler(): Promise<SchedulerFigures[]> {
  return [await run('one scheduler', 1), await run('three schedulers, one shop bucket', 3)];
}
