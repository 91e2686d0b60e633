// Benchmark of the offline journal: the cost of one durable `record` (WAL, synchronous = FULL), and a drain
// of 1,000 pending adjustments over 200 members against a scaled-down sandbox bucket (80 requests draining
// 40/s): how close it comes to the rate-limit bound for the requests it needed, how many requests each
// entry cost, the 429s met and the process's peak memory (the sandbox runs in the same process).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createHaravanClient } from '../electron/haravan/client.ts';
import { createScheduler } from '../electron/haravan/scheduler.ts';
import { openJournal, type Journal } from '../electron/journal/journal.ts';
import { createReplayer } from '../electron/journal/replay.ts';
import { startSandbox } from '../electron/sandbox/server.ts';

const ENTRIES = 1_000;
const MEMBERS = 200;
const BUCKET = 80;
const DRAIN = 40;
const RECORDS_TIMED = 1_000;

export interface JournalFigures {
  /** Which SQLite: Node's built-in node:sqlite, and its library version. */
  sqlite: string;
  recordMedianMicros: number;
  recordP95Micros: number;
  entries: number;
  members: number;
  elapsedSeconds: number;
  /** Requests sent, 429s included. */
  requests: number;
  rateLimited: number;
  /** max(0, (R − bucket) / drain) for the R requests that were answered. */
  boundSeconds: number;
  ratio: number;
  requestsPerEntry: number;
  peakRssMegabytes: number;
}

function sqliteVersion(): string {
  const db = new DatabaseSync(':memory:');
  try {
    const { version } = db.prepare('SELECT sqlite_version() AS version').get() as { version: string };
    return `node:sqlite (SQLite ${version}, Node ${process.version})`;
  } finally {
    db.close();
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

function timeRecords(journal: Journal): { median: number; p95: number } {
  const micros: number[] = [];
  for (let i = 0; i < RECORDS_TIMED; i += 1) {
    const started = performance.now();
    journal.record({
      member: { id: 1 + (i % MEMBERS), phone: '0909977921', name: 'Nguyễn Văn An' },
      direction: 'add',
      points: 10,
      reason: 'Tích điểm đơn hàng',
      refId: `BENCH-${i}`,
      balanceBefore: 1_000,
    });
    micros.push((performance.now() - started) * 1000);
  }
  micros.sort((a, b) => a - b);
  return { median: percentile(micros, 0.5), p95: percentile(micros, 0.95) };
}

export async function benchJournal(): Promise<JournalFigures> {
  const folder = mkdtempSync(join(tmpdir(), 'loyalty-journal-bench-'));
  const sandbox = await startSandbox({ members: MEMBERS + 20, bucketSize: BUCKET, drainPerSecond: DRAIN });
  try {
    const timing = openJournal(join(folder, 'record-cost.sqlite'), { till: 'Bench' });
    const cost = timeRecords(timing);
    timing.close();

    const journal = openJournal(join(folder, 'drain.sqlite'), { till: 'Bench' });
    const members = sandbox.profiles().filter((profile) => profile.status === 'enabled').slice(0, MEMBERS);
    for (let i = 0; i < ENTRIES; i += 1) {
      const member = members[i % MEMBERS]!;
      journal.record({
        member: { id: member.id, phone: member.phone, name: member.first_name },
        direction: 'add',
        points: 1 + (i % 50),
        reason: 'Tích điểm đơn hàng',
        refId: `DRAIN-${i}`,
        balanceBefore: member.point_available,
      });
    }
    const client = createHaravanClient({
      token: sandbox.tokens.readWrite,
      baseURL: sandbox.url,
      scheduler: createScheduler({ drainPerSecond: DRAIN }),
    });
    const replayer = createReplayer({ journal, client });

    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const started = performance.now();
    while (journal.membersToReplay().length > 0) await replayer.drain();
    const elapsedSeconds = (performance.now() - started) / 1000;
    const applied = journal.counts().applied;
    clearInterval(sampler);
    client.close();
    journal.close();
    if (applied !== ENTRIES) throw new Error(`Only ${applied} of ${ENTRIES} entries were applied`);

    const { requests, rejected429 } = sandbox.stats();
    const boundSeconds = Math.max(0, (requests - rejected429 - BUCKET) / DRAIN);
    return {
      sqlite: sqliteVersion(),
      recordMedianMicros: cost.median,
      recordP95Micros: cost.p95,
      entries: ENTRIES,
      members: MEMBERS,
      elapsedSeconds,
      requests,
      rateLimited: rejected429,
      boundSeconds,
      ratio: elapsedSeconds / boundSeconds,
      requestsPerEntry: requests / ENTRIES,
      peakRssMegabytes: Math.max(peakRss, process.memoryUsage().rss) / 2 ** 20,
    };
  } finally {
    await sandbox.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
