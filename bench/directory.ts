// Benchmark of the member directory at 100 000 members: the initial sync against the rate-limit bound of the
// pages it needs, an incremental sync of 1 000 changes, lookups in-process (median and p99), the database's
// size on disk and this process's peak RSS. The sandbox runs in a child process, as Haravan would be
// elsewhere, with a scaled-down bucket: 80 requests draining 100/s, 25 times Haravan's 4/s, so that the
// sync takes 20 s instead of 8 minutes. How busy the sync keeps this process's main thread (event loop
// utilisation) gives the pace at which it could write if the bucket allowed more: at Haravan's 4/s the
// sync is bound by the rate limit alone.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createDirectory } from '../electron/directory/directory.ts';
import { foldedWords } from '../electron/directory/fold.ts';
import { openDirectoryDatabase } from '../electron/directory/schema.ts';
import { createHaravanClient } from '../electron/haravan/client.ts';
import { parsePhone } from '../electron/haravan/phone.ts';
import { createScheduler } from '../electron/haravan/scheduler.ts';

const MEMBERS = 100_000;
const BUCKET = 80;
const DRAIN = 100;
const CHANGES = 1_000;
const LOOKUPS = 1_000;
const SHOP = 'bench-shop.myharavan.com';
const ADMIN_KEY = 'directory-bench';

export interface LookupFigures {
  kind: string;
  lookups: number;
  medianMs: number;
  p99Ms: number;
}

export interface DirectoryFigures {
  members: number;
  bucket: number;
  drainPerSecond: number;
  initial: {
    pages: number;
    requests: number;
    elapsedSeconds: number;
    boundSeconds: number;
    ratio: number;
    rateLimited: number;
    /** Share of the sync's time the main thread was busy (event loop utilisation). */
    mainThreadBusy: number;
    /** Members written per second of busy main thread: the pace the sync could keep without a rate limit. */
    membersPerBusySecond: number;
  };
  incremental: { changes: number; requests: number; received: number; elapsedSeconds: number };
  lookups: LookupFigures[];
  databaseBytes: number;
  peakRssBytes: number;
}

interface Sandbox {
  url: string;
  token: string;
  admin(method: string, path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

async function startSandboxProcess(): Promise<Sandbox> {
  const cli = fileURLToPath(new URL('../electron/sandbox/cli.ts', import.meta.url));
  const args = [cli, '--members', String(MEMBERS), '--bucket-size', String(BUCKET), '--drain', String(DRAIN), '--admin-key', ADMIN_KEY];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let url = '';
  let token = '';
  for await (const line of createInterface({ input: child.stdout! })) {
    url ||= /listening on (\S+)/.exec(line)?.[1] ?? '';
    token ||= /read-only token:\s+(\S+)/.exec(line)?.[1] ?? '';
    if (/members; Ctrl\+C/.test(line)) break;
  }
  if (!url || !token) throw new Error('The sandbox did not start');
  return {
    url,
    token,
    async admin(method, path, body) {
      const response = await fetch(`${url}/__sandbox/${path}`, {
        method,
        headers: { 'X-Sandbox-Admin': ADMIN_KEY, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`Sandbox admin ${method} ${path}: ${response.status}`);
      return response.json();
    },
    async close() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

function percentiles(work: (() => unknown)[]): { medianMs: number; p99Ms: number } {
  for (const run of work.slice(0, 100)) run(); // warm up, as a till that has been open a while
  const times = work.map((run) => {
    const started = performance.now();
    run();
    return performance.now() - started;
  });
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)]!, p99Ms: times[Math.floor(times.length * 0.99)]! };
}

export async function benchDirectory(): Promise<DirectoryFigures> {
  const folder = mkdtempSync(join(tmpdir(), 'loyalty-desk-bench-'));
  const file = join(folder, 'desk.sqlite');
  const sandbox = await startSandboxProcess();
  const db = openDirectoryDatabase(file);
  try {
    const directory = createDirectory(db);
    const client = createHaravanClient({ token: sandbox.token, baseURL: sandbox.url, scheduler: createScheduler({ drainPerSecond: DRAIN }) });
    const stats = () => sandbox.admin('GET', 'stats') as Promise<{ requests: number; rejected429: number }>;

    const sync = directory.createSync(SHOP, client);
    let started = performance.now();
    const loopBefore = performance.eventLoopUtilization();
    const initial = await sync.syncNow();
    const initialSeconds = (performance.now() - started) / 1000;
    const mainThreadBusy = performance.eventLoopUtilization(loopBefore).utilization;
    const afterInitial = await stats();
    // Every page of 50, and the last one that says there is no more.
    const pages = Math.floor(MEMBERS / 50) + 1;
    const boundSeconds = (pages - BUCKET) / DRAIN;

    const ids = db.prepare('SELECT id FROM directory_members WHERE shop = ? ORDER BY id').all(SHOP).map((row) => row['id'] as number);
    const changed = Array.from({ length: CHANGES }, (_, i) => ids[(i * 97) % ids.length]!);
    for (let i = 0; i < changed.length; i += 50) {
      await Promise.all(changed.slice(i, i + 50).map((id, j) => sandbox.admin('PATCH', `profiles/${id}`, { point_available: 5_000 + i + j })));
    }
    await new Promise((resolve) => setTimeout(resolve, (BUCKET / DRAIN) * 1000)); // the bucket drains, as between syncs
    started = performance.now();
    const incremental = await sync.syncNow();
    const incrementalSeconds = (performance.now() - started) / 1000;
    await sync.stop();
    client.close();

    const sample = Array.from({ length: LOOKUPS }, (_, i) => directory.findById(SHOP, ids[(i * 7919) % ids.length]!)!);
    const phones = sample.map((member) => parsePhone(member.phone)).filter((parsed) => parsed.ok).map((parsed) => parsed.phone.display);
    const cards = sample.map((member) => member.profile_card_number).filter((card) => card !== '');
    const namePrefixes = sample
      .map((member) => [foldedWords(member.last_name)[0]?.slice(0, 3), foldedWords(member.first_name)[0]?.slice(0, 2)])
      .filter((words) => words.every((word) => word))
      .map((words) => words.join(' '));
    const lookups: LookupFigures[] = [
      { kind: 'phone', typed: phones },
      { kind: 'card number', typed: cards },
      { kind: 'name prefix', typed: namePrefixes },
    ].map(({ kind, typed }) => ({ kind, lookups: typed.length, ...percentiles(typed.map((text) => () => directory.search(SHOP, text))) }));

    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    return {
      members: MEMBERS,
      bucket: BUCKET,
      drainPerSecond: DRAIN,
      initial: {
        pages,
        requests: initial.requests,
        elapsedSeconds: initialSeconds,
        boundSeconds,
        ratio: initialSeconds / boundSeconds,
        rateLimited: afterInitial.rejected429,
        mainThreadBusy,
        membersPerBusySecond: MEMBERS / (initialSeconds * mainThreadBusy),
      },
      incremental: { changes: CHANGES, requests: incremental.requests, received: incremental.received, elapsedSeconds: incrementalSeconds },
      lookups,
      databaseBytes: statSync(file).size,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    };
  } finally {
    db.close();
    await sandbox.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
