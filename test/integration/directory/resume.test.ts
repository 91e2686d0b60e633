// The initial sync survives the app being killed: a child process syncs from the sandbox (in this process,
// over HTTP) into a real SQLite file and is killed with SIGKILL twice mid-way; each restart resumes where
// the last written page left off, and the directory ends equal to the sandbox, no member missing or twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDirectory } from '../../../electron/directory/directory.ts';
import { startSandbox, type SandboxStore } from '../../../electron/sandbox/server.ts';
import { expectNameIndexIntact, expectSameMembers, temporaryDatabase } from './helpers.ts';

const MEMBERS = 3_000;
const DRAIN = 40;
const SHOP = 'resume-shop.myharavan.com';
const CHILD = fileURLToPath(new URL('../../directory/sync-child.ts', import.meta.url));

let sandbox: SandboxStore;
let database: ReturnType<typeof temporaryDatabase>;

beforeAll(async () => {
  // A small bucket, so that the sync takes a couple of seconds and can be caught mid-way.
  sandbox = await startSandbox({ members: MEMBERS, bucketSize: 10, drainPerSecond: DRAIN });
  database = temporaryDatabase();
});
afterAll(async () => {
  await sandbox.close();
  database.close();
});

interface Run {
  child: ChildProcess;
  lines: Record<string, unknown>[];
}

function startChild(): Run {
  const child = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', CHILD, '--db', database.file, '--url', sandbox.url, '--token', sandbox.tokens.readOnly, '--shop', SHOP, '--drain', String(DRAIN)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines: Record<string, unknown>[] = [];
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (text: string) => {
    for (const line of text.split('\n')) if (line.trim().startsWith('{')) lines.push(JSON.parse(line));
  });
  return { child, lines };
}

const received = (): number =>
  (database.db.prepare('SELECT initial_received FROM directory_sync WHERE shop = ?').get(SHOP) as { initial_received: number } | undefined)
    ?.initial_received ?? 0;

async function killOnceReceived(run: Run, members: number): Promise<number> {
  while (received() < members) {
    if (run.child.exitCode !== null) throw new Error('The sync finished before it could be killed');
    await delay(5);
  }
  run.child.kill('SIGKILL');
  const [, signal] = await once(run.child, 'exit');
  expect(signal).toBe('SIGKILL');
  return received();
}

it('resumes after SIGKILL without gaps or duplicates', async () => {
  const first = startChild();
  const afterFirstKill = await killOnceReceived(first, 800);
  const second = startChild();
  const afterSecondKill = await killOnceReceived(second, 1_900);
  const third = startChild();
  const [code] = await once(third.child, 'exit');
  expect(code).toBe(0);

  expect(afterFirstKill).toBeGreaterThanOrEqual(800);
  expect(afterSecondKill).toBeGreaterThan(afterFirstKill);
  expect(afterSecondKill).toBeLessThan(MEMBERS);
  // Each run started from what the killed one had written, not from the beginning.
  expect(first.lines[0]).toEqual({ started: 0 });
  expect(second.lines[0]).toEqual({ started: afterFirstKill });
  expect(third.lines[0]).toEqual({ started: afterSecondKill });
  expect(third.lines[1]).toMatchObject({ done: { kind: 'initial', received: MEMBERS - afterSecondKill } });

  // Every member counted once: a page is written with its count and cursor in one transaction.
  expect(received()).toBe(MEMBERS);
  const directory = createDirectory(database.db);
  expect(directory.status(SHOP)).toMatchObject({ complete: true, size: MEMBERS, progress: { synced: MEMBERS, total: MEMBERS } });
  expectSameMembers(directory, SHOP, sandbox);
  expectNameIndexIntact(database.db);
});
