// The crash test: a child process replays a journal of a few hundred entries into the sandbox store over
// HTTP and is killed with SIGKILL at random moments (seeded), dozens of times, each time restarted until the
// journal is drained. Request latency makes most kills land with a PUT or GET in flight; connections dropped
// after applying, and reads that fail for a while, make kills land on uncertain entries too. Then every
// entry is in the ledger exactly once.
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openJournal } from '../../../electron/journal/journal.ts';
import { chance, intBetween, mulberry32 } from '../../../electron/sandbox/prng.ts';
import { startSandbox, type SandboxStore } from '../../../electron/sandbox/server.ts';
import { startReplayChild } from './children.ts';
import { adjustment, enabledMembers, expectAllApplied, expectLedgerMatchesJournal, learnTheShop, temporaryFolder } from './helpers.ts';

// Thirty kills in CI; fifteen on a developer's machine to keep `npm test` quick (the same code paths).
const KILLS = process.env['CI'] ? 30 : 15;
const SEED = Number(process.env['JOURNAL_CRASH_SEED'] ?? 4555);
const MEMBERS = 50;
const ENTRIES_PER_MEMBER = 6;

let store: SandboxStore;
let folder: ReturnType<typeof temporaryFolder>;

beforeAll(async () => {
  store = await startSandbox({ members: 80, bucketSize: 10_000, drainPerSecond: 1_000 });
  folder = temporaryFolder();
});
afterAll(async () => {
  await store.close();
  folder.remove();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Entries in each state on disk right after a kill, read as any other program would read the file. */
function statesOnDisk(file: string): Record<string, number> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const rows = db.prepare('SELECT state, COUNT(*) AS n FROM entries GROUP BY state').all();
    return Object.fromEntries(rows.map((row) => [row.state as string, row.n as number]));
  } finally {
    db.close();
  }
}

it(`survives ${KILLS} SIGKILLs mid-replay: every entry applied exactly once`, async () => {
  const random = mulberry32(SEED);
  const file = folder.path('crash.sqlite');
  const members = enabledMembers(store, MEMBERS, 100);
  const journal = openJournal(file, { till: 'Quầy 1' });
  await learnTheShop(journal, store);
  const ledgerAtStart = store.ledger().length;
  for (let round = 0; round < ENTRIES_PER_MEMBER; round += 1) {
    for (const member of members) {
      // Redeems only after an add of the same member, and smaller: none can be refused for want of points.
      const direction = round % 2 === 1 && chance(random, 0.5) ? 'subtract' : 'add';
      journal.record(adjustment(store.profile(member.id)!, direction, intBetween(random, 1, 60), 'CRASH'));
    }
  }
  journal.close();

  let kills = 0;
  let killsWhileSending = 0;
  let killsWhileUncertain = 0;
  store.addFault({ kind: 'latency', ms: 25 });
  for (;;) {
    // The last life runs without faults and with more members at once, to finish quickly.
    const last = kills === KILLS;
    if (last) store.clearFaults();
    if (!last && chance(random, 0.5)) store.addFault({ kind: 'drop-after-apply', count: intBetween(random, 1, 3) });
    // Four failed attempts make one read fail: a reconciliation that has to wait for a later life.
    if (!last && chance(random, 0.3)) store.addFault({ kind: 'server-error', status: 503, count: 4, on: 'read' });
    const child = startReplayChild({
      journal: file,
      url: store.url,
      token: store.tokens.readWrite,
      settleMs: 250,
      concurrency: last ? 8 : 2,
      compileCache: folder.path('compile-cache'),
    });
    await child.ready;
    const finished = last ? await child.exited : await Promise.race([child.exited, sleep(intBetween(random, 0, 150))]);
    if (finished) {
      expect(finished, finished.stderr).toMatchObject({ code: 0 });
      break;
    }
    child.process.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');
    kills += 1;
    const states = statesOnDisk(file);
    if (states['sending']) killsWhileSending += 1;
    if (states['uncertain']) killsWhileUncertain += 1;
  }

  const after = openJournal(file, { till: 'Quầy 1' });
  try {
    const entries = after.list();
    const transitions = entries.flatMap((entry) => after.history(entry.id));
    const count = (from: string, to: string) => transitions.filter((event) => event.from === from && event.to === to).length;
    console.log(
      `crash test (seed ${SEED}): ${kills} kills, ${killsWhileSending} with a send in flight, ${killsWhileUncertain} with an ` +
        `uncertain entry; reconciled: ${count('uncertain', 'applied')} applied, ${count('uncertain', 'pending')} not applied`,
    );
    expect(kills).toBe(KILLS);
    expect(killsWhileSending).toBeGreaterThan(0);
    expect(killsWhileUncertain).toBeGreaterThan(0);
    expect(entries).toHaveLength(MEMBERS * ENTRIES_PER_MEMBER);
    expectAllApplied(after);
    expectLedgerMatchesJournal(store.ledger().slice(ledgerAtStart), entries);
    for (const member of members) {
      const net = entries
        .filter((entry) => entry.memberId === member.id)
        .reduce((sum, entry) => sum + (entry.direction === 'add' ? entry.points : -entry.points), 0);
      expect(store.profile(member.id)!.point_available).toBe(member.point_available + net);
    }
  } finally {
    after.close();
  }
}, 180_000);
