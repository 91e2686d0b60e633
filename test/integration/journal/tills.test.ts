// Several tills: five journals (five SQLite files) replayed by five child processes at once, each with its
// own scheduler, into one sandbox shop whose leaky bucket they share, on members they share. Nothing is lost
// or doubled, and the schedulers keep the shop under its bucket nearly always.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openJournal } from '../../../electron/journal/journal.ts';
import type { JournalEntry } from '../../../electron/journal/types.ts';
import { chance, intBetween, mulberry32 } from '../../../electron/sandbox/prng.ts';
import { startSandbox, type SandboxStore } from '../../../electron/sandbox/server.ts';
import { startReplayChild } from './children.ts';
import { adjustment, enabledMembers, expectLedgerMatchesJournal, temporaryFolder } from './helpers.ts';

const TILLS = 5;
const ENTRIES_PER_TILL = 50;
const SHARED_MEMBERS = 40;
const BUCKET = 80;
const DRAIN_PER_SECOND = 40;

let store: SandboxStore;
let folder: ReturnType<typeof temporaryFolder>;

beforeAll(async () => {
  store = await startSandbox({ members: 80, bucketSize: BUCKET, drainPerSecond: DRAIN_PER_SECOND });
  folder = temporaryFolder();
});
afterAll(async () => {
  await store.close();
  folder.remove();
});

it(`${TILLS} tills replay into one shop at once: nothing lost or doubled, under 5 % 429s`, async () => {
  const random = mulberry32(7);
  const members = enabledMembers(store, SHARED_MEMBERS, 200);
  const files = Array.from({ length: TILLS }, (_, till) => {
    const file = folder.path(`till-${till + 1}.sqlite`);
    const journal = openJournal(file, { till: `Quầy ${till + 1}` });
    for (let i = 0; i < ENTRIES_PER_TILL; i += 1) {
      const member = store.profile(members[intBetween(random, 0, SHARED_MEMBERS - 1)]!.id)!;
      // Redeems of at most 10 points: even all of them together cannot exceed a member's 200.
      const direction = chance(random, 0.3) ? 'subtract' : 'add';
      journal.record(adjustment(member, direction, intBetween(random, 1, direction === 'add' ? 80 : 10), `TILL${till + 1}`));
    }
    journal.close();
    return file;
  });

  const started = performance.now();
  const children = files.map((file, till) =>
    startReplayChild({
      journal: file,
      url: store.url,
      token: store.tokens.readWrite,
      till: `Quầy ${till + 1}`,
      drainPerSecond: DRAIN_PER_SECOND,
    }),
  );
  const exits = await Promise.all(children.map((child) => child.exited));
  const seconds = (performance.now() - started) / 1000;
  for (const exit of exits) {
    expect(exit, exit.stderr).toMatchObject({ code: 0, counts: { applied: ENTRIES_PER_TILL, pending: 0, uncertain: 0 } });
  }

  const entries: JournalEntry[] = files.flatMap((file) => {
    const journal = openJournal(file, { till: 'check' });
    try {
      return journal.list();
    } finally {
      journal.close();
    }
  });
  expect(entries).toHaveLength(TILLS * ENTRIES_PER_TILL);
  expect(entries.every((entry) => entry.state === 'applied')).toBe(true);
  expectLedgerMatchesJournal(store.ledger(), entries);

  const { requests, rejected429 } = store.stats();
  const share = rejected429 / requests;
  console.log(
    `${TILLS} tills: ${entries.length} entries, ${requests} requests (${rejected429} were 429, ` +
      `${(share * 100).toFixed(1)} %) in ${seconds.toFixed(1)} s; bound ${((requests - rejected429 - BUCKET) / DRAIN_PER_SECOND).toFixed(1)} s`,
  );
  expect(share).toBeLessThan(0.05);
}, 120_000);
