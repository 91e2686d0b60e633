// The chaos test: hundreds of adjustments on a few members, replayed by a child process (a till) into the
// sandbox store while everything goes wrong at once: the faults of issue 9 chosen at random (connections
// dropped before and after applying, changes applied late, a portal's HTML 200, a 204, 5xx, 429 storms,
// reads that fail), SIGKILL at random moments, a second writer changing the same members, the till's wall
// clock set days off, and Haravan's clock set off from the till's. Then a manager settles what the journal
// sent to review, by the store's ledger (as a manager reads Haravan's point history), and the ledger must
// equal the journal: nothing lost, nothing doubled, no verdict silently wrong.
//
// What no reader of a profile can decide is left out by construction and said in the README: the second
// writer never makes the same change as this till (its amounts are above 1,000 points, the till's below
// 100), and Haravan applies a late change within two settle windows.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { openJournal } from '../../../electron/journal/journal.ts';
import type { JournalEntry } from '../../../electron/journal/types.ts';
import { chance, intBetween, mulberry32 } from '../../../electron/sandbox/prng.ts';
import { startSandbox, type Fault, type SandboxStore } from '../../../electron/sandbox/server.ts';
import { startReplayChild } from './children.ts';
import { adjustment, enabledMembers, expectLedgerMatchesJournal, learnTheShop, temporaryFolder } from './helpers.ts';

const LIVES = process.env['CI'] ? 30 : 18;
const SEED = Number(process.env['JOURNAL_CHAOS_SEED'] ?? 9_009);
const MEMBERS = 6;
const ENTRIES = 300;
const SETTLE_MS = 300;
/** Haravan's clock, set off from the till's for the whole run. */
const STORE_CLOCK_OFFSET_MS = 41_000;

let store: SandboxStore;
let folder: ReturnType<typeof temporaryFolder>;

beforeAll(async () => {
  store = await startSandbox({ members: 40, bucketSize: 10_000, drainPerSecond: 1_000 });
  folder = temporaryFolder();
});
afterAll(async () => {
  await store.close();
  folder.remove();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function randomFaults(random: () => number): Fault[] {
  const faults: Fault[] = [];
  const count = () => intBetween(random, 1, 3);
  if (chance(random, 0.4)) faults.push({ kind: 'drop-before-apply', count: count(), on: 'write' });
  if (chance(random, 0.4)) faults.push({ kind: 'drop-after-apply', count: count() });
  // Late within the settle window (the journal waits it out), or after it (a resend follows: the double is caught).
  if (chance(random, 0.4)) {
    const delayMs = chance(random, 0.5) ? intBetween(random, 20, SETTLE_MS) : intBetween(random, SETTLE_MS + 50, Math.floor(1.8 * SETTLE_MS));
    faults.push({ kind: 'apply-late', count: 1, delayMs });
  }
  if (chance(random, 0.25)) faults.push({ kind: 'html-200', count: 1, on: 'write' });
  if (chance(random, 0.25)) faults.push({ kind: 'empty-204', count: 1 });
  if (chance(random, 0.25)) faults.push({ kind: 'server-error', status: chance(random, 0.5) ? 502 : 503, count: count(), on: 'write' });
  if (chance(random, 0.3)) faults.push({ kind: 'server-error', status: 503, count: intBetween(random, 2, 8), on: 'read' });
  if (chance(random, 0.2)) faults.push({ kind: 'rate-limit', count: intBetween(random, 2, 6), retryAfterSeconds: 0.05 });
  return faults;
}

/** What the manager did and saw, across the run. */
interface ManagerLog {
  reviews: Record<string, number>;
  doublesReversed: number;
  doublesDismissed: number;
}

/**
 * A manager settles what waits for one, by Haravan's point history (here, the store's ledger): a review is
 * applied if the change is there, else sent again (with the balance as it is now); a suspected double with
 * two applications is reversed once, otherwise dismissed.
 */
function managerSettles(file: string, log: ManagerLog): void {
  const journal = openJournal(file, { till: 'Quầy 1' });
  try {
    const note = { by: 'Quản lý Hoa', reason: 'Đã xem lịch sử điểm' };
    for (const entry of journal.list({ states: ['needs_review'] })) {
      log.reviews[entry.reviewReason ?? 'none'] = (log.reviews[entry.reviewReason ?? 'none'] ?? 0) + 1;
      const applied = ledgerRows(entry) > 0;
      journal.resolve(entry.id, applied ? 'applied' : 'resend', note, { settleMs: SETTLE_MS, balanceNow: store.profile(entry.memberId)! });
    }
    for (const entry of journal.list({ states: [], orSuspectedDuplicates: true })) {
      if (ledgerRows(entry) > 1) {
        log.doublesReversed += 1;
        journal.reverse(entry.id, 'duplicate', note, store.profile(entry.memberId)!.point_available);
      } else {
        log.doublesDismissed += 1;
        journal.dismissDuplicate(entry.id, note);
      }
    }
  } finally {
    journal.close();
  }
}

const ledgerRows = (entry: JournalEntry) =>
  store.ledger().filter((row) => row.source === 'api' && row.ref_id === entry.refId && row.direction === entry.direction).length;

it(`${ENTRIES} adjustments through random faults, SIGKILLs, a second writer and clocks set off: nothing lost, doubled or silently wrong`, async () => {
  await chaos({ secondWriter: true, seed: SEED, lives: LIVES });
}, 240_000);

it('the same without a second writer: what the journal cannot decide comes from the other writer', async () => {
  const log = await chaos({ secondWriter: false, seed: SEED + 1, lives: Math.round(LIVES / 2) });
  expect(log.reviews).toEqual({});
}, 240_000);

async function chaos(options: { secondWriter: boolean; seed: number; lives: number }): Promise<ManagerLog> {
  const { seed: SEED, lives: LIVES } = options;
  const random = mulberry32(SEED);
  const file = folder.path(`chaos-${SEED}.sqlite`);
  const members = enabledMembers(store, MEMBERS, 500);
  const journal = openJournal(file, { till: 'Quầy 1' });
  // A till that has been selling for a while: it knows how the shop's Haravan marks changes.
  await learnTheShop(journal, store);
  const ledgerAtStart = store.ledger().length;
  for (let index = 0; index < ENTRIES; index += 1) {
    const member = store.profile(members[index % MEMBERS]!.id)!;
    journal.record(adjustment(member, chance(random, 0.3) ? 'subtract' : 'add', intBetween(random, 1, 60), 'CHAOS'));
  }
  journal.close();

  // Another till (or Haravan's own order awards) changing the same members all along.
  let secondWriterChanges = 0;
  let writing = options.secondWriter;
  const secondWriter = (async () => {
    while (writing) {
      await sleep(intBetween(random, 100, 400));
      const member = members[intBetween(random, 0, MEMBERS - 1)]!;
      try {
        store.adjustDirectly(member.id, chance(random, 0.7) ? 'add' : 'subtract', intBetween(random, 1_001, 1_999), 'Quầy 2');
        secondWriterChanges += 1;
      } catch {
        // Not enough points for that subtraction: the other till was refused, as Haravan would.
      }
    }
  })();

  const log: ManagerLog = { reviews: {}, doublesReversed: 0, doublesDismissed: 0 };
  const started = performance.now();
  let kills = 0;
  const storeClock = () => store.addFault({ kind: 'clock-offset', ms: STORE_CLOCK_OFFSET_MS });
  const life = async (faults: Fault[], killAfterMs: number | undefined) => {
    store.clearFaults();
    store.addFault({ kind: 'latency', ms: 15 });
    storeClock();
    for (const fault of faults) store.addFault(fault);
    const child = startReplayChild({
      journal: file,
      url: store.url,
      token: store.tokens.readWrite,
      settleMs: SETTLE_MS,
      concurrency: killAfterMs === undefined ? 6 : 2,
      drainPerSecond: 1_000,
      wallClockOffsetMs: chance(random, 0.5) ? 0 : (chance(random, 0.5) ? 1 : -1) * intBetween(random, 60_000, 2 * 86_400_000),
      compileCache: folder.path('compile-cache'),
    });
    await child.ready;
    const finished = killAfterMs === undefined ? await child.exited : await Promise.race([child.exited, sleep(killAfterMs)]);
    if (finished) return expect(finished, finished.stderr).toMatchObject({ code: 0 });
    child.process.kill('SIGKILL');
    await child.exited;
    kills += 1;
  };
  for (let round = 0; round < LIVES; round += 1) {
    await life(randomFaults(random), intBetween(random, 20, 400));
    managerSettles(file, log);
  }
  writing = false;
  await secondWriter;
  const stoppedFailingAt = performance.now();
  let calmLives = 0;
  for (; calmLives < 6; calmLives += 1) {
    await life([], undefined);
    const calm = openJournal(file, { till: 'Quầy 1' });
    const counts = calm.counts();
    const open = counts.pending + counts.uncertain + counts.needs_review + calm.suspectedDuplicates();
    calm.close();
    if (open === 0) break;
    managerSettles(file, log);
  }
  const settledAfterMs = performance.now() - stoppedFailingAt;

  const final = openJournal(file, { till: 'Quầy 1' });
  try {
    const entries = final.list();
    const byJournal = entries.filter((entry) => entry.resolvedBy === null && entry.reversesId === null);
    const lost = byJournal.filter((entry) => entry.state === 'applied' && ledgerRows(entry) === 0);
    const doubled = entries.filter((entry) => ledgerRows(entry) > 1 && entry.duplicateCheck === null);
    const wronglyRefused = entries.filter((entry) => entry.state !== 'applied' && ledgerRows(entry) > 0);
    const unanswered = entries.filter((entry) => entry.unansweredAttempts > 0).length;
    const reviewCount = Object.values(log.reviews).reduce((sum, n) => sum + n, 0);
    console.log(
      `chaos test (seed ${SEED}): ${entries.length} entries on ${MEMBERS} members, ${LIVES} lives of which ${kills} ended by SIGKILL, ` +
        `${secondWriterChanges} changes by a second writer; ${unanswered} entries had an unanswered attempt; ` +
        `lost ${lost.length}, doubled ${doubled.length}, silently wrong ${lost.length + doubled.length + wronglyRefused.length}; ` +
        `sent to a manager's review ${reviewCount} times ${JSON.stringify(log.reviews)}; maybe applied twice ` +
        `${log.doublesReversed + log.doublesDismissed} (reversed ${log.doublesReversed}, found once ${log.doublesDismissed}); ` +
        `settled ${(settledAfterMs / 1000).toFixed(1)} s after the faults and the second writer stopped, ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s in all`,
    );
    expect(kills).toBeGreaterThanOrEqual(LIVES / 2);
    expect(lost.map((entry) => entry.refId), 'applied without a ledger row').toEqual([]);
    expect(doubled.map((entry) => entry.refId), 'in the ledger twice, unflagged').toEqual([]);
    expect(wronglyRefused.map((entry) => entry.refId), 'not applied, yet in the ledger').toEqual([]);
    expect(final.counts()).toMatchObject({ pending: 0, sending: 0, uncertain: 0, needs_review: 0 });
    expectLedgerMatchesJournal(store.ledger().slice(ledgerAtStart), entries);
  } finally {
    final.close();
  }
  return log;
}
