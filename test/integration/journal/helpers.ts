// Shared by the journal's tests: temporary journal files, clients of a sandbox store, entries with unique
// ref_ids, and the check every test ends with: the store's ledger equals the journal.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { createHaravanClient, type HaravanClient } from '../../../electron/haravan/client.ts';
import { createScheduler } from '../../../electron/haravan/scheduler.ts';
import type { Profile } from '../../../electron/haravan/types.ts';
import { openJournal, type Journal } from '../../../electron/journal/journal.ts';
import { sendEntry } from '../../../electron/journal/send.ts';
import { POINTS_MOVE_UPDATED_AT } from '../../../electron/journal/verdict.ts';
import type { JournalEntry, RecordInput } from '../../../electron/journal/types.ts';
import { startSandbox, type LedgerEntry, type SandboxStore } from '../../../electron/sandbox/server.ts';

export function temporaryFolder(): { path: (name: string) => string; remove: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'loyalty-journal-'));
  return { path: (name) => join(folder, name), remove: () => rmSync(folder, { recursive: true, force: true }) };
}

export function clientOf(store: SandboxStore, token: string = store.tokens.readWrite, drainPerSecond = 40): HaravanClient {
  return createHaravanClient({
    token,
    baseURL: store.url,
    scheduler: createScheduler({ drainPerSecond }),
    retry: { backoffMs: 5 },
    timeoutMs: 3_000,
  });
}

let refCounter = 0;

/** A unique order reference, so that ledger rows and journal entries pair up one to one. */
export const uniqueRef = (label: string) => `${label}-${process.pid}-${++refCounter}`;

export function adjustment(
  profile: Profile,
  direction: RecordInput['direction'],
  points: number,
  label = 'HD',
): RecordInput {
  return {
    member: { id: profile.id, phone: profile.phone, name: `${profile.last_name} ${profile.first_name}`.trim() },
    direction,
    points,
    reason: direction === 'add' ? 'Tích điểm đơn hàng' : 'Đổi điểm đơn hàng',
    refId: uniqueRef(label),
    balanceBefore: profile.point_available,
  };
}

/** Enabled members with enough points for small redeems, distinct, in id order. */
export function enabledMembers(store: SandboxStore, count: number, minPoints = 100): Profile[] {
  const found = store.profiles().filter((p) => p.status === 'enabled' && p.point_available >= minPoints);
  if (found.length < count) throw new Error(`The sandbox has only ${found.length} members with ${minPoints} points`);
  return found.slice(0, count);
}

/**
 * The promise, checked: every applied entry is in the ledger exactly once (by its unique ref_id and direction,
 * with its member and points; a reversal shares its original's ref_id in the other direction), every entry
 * known not applied is absent, and the ledger holds no API adjustment that is not one of these entries. An
 * entry the journal flagged as maybe applied twice may be there twice: it is in front of a manager.
 */
export function expectLedgerMatchesJournal(ledger: LedgerEntry[], entries: JournalEntry[]): void {
  const key = (ref: string, direction: string) => `${ref}|${direction}`;
  const byRef = new Map<string, LedgerEntry[]>();
  for (const row of ledger.filter((row) => row.source === 'api')) {
    byRef.set(key(row.ref_id, row.direction), [...(byRef.get(key(row.ref_id, row.direction)) ?? []), row]);
  }
  const refs = new Set(entries.map((entry) => key(entry.refId, entry.direction)));
  expect([...byRef.keys()].filter((ref) => !refs.has(ref)), 'ledger rows that no journal entry explains').toEqual([]);
  for (const entry of entries) {
    const rows = byRef.get(key(entry.refId, entry.direction)) ?? [];
    const shape = rows.map((row) => [row.profileId, row.direction, row.value]);
    const once = [entry.memberId, entry.direction, entry.points];
    if (entry.state === 'applied' && entry.duplicateCheck === 'reversed') {
      expect(shape, `entry ${entry.refId} reversed as applied twice`).toEqual([once, once]);
    } else if (entry.state === 'applied' && entry.duplicateCheck === 'suspected') {
      expect([[once], [once, once]], `entry ${entry.refId} in front of a manager as maybe applied twice`).toContainEqual(shape);
    } else if (entry.state === 'applied') {
      expect(shape, `applied entry ${entry.refId}`).toEqual([once]);
    } else if (entry.state !== 'needs_review') {
      expect(shape, `${entry.state} entry ${entry.refId}`).toEqual([]);
    } else {
      expect(rows.length, `needs_review entry ${entry.refId}`).toBeLessThanOrEqual(1);
    }
  }
}

const learntOf = new WeakMap<SandboxStore, string>();

/**
 * What a till learns from its first applied change: that this shop's Haravan moves updated_at with points,
 * without which no verdict is drawn from a profile. Learnt for real, once per store, by a scratch journal that
 * adds one point to the sandbox's last member (tests take members from the front), and handed on, so that the
 * journal under test holds none of it. The first call per store writes to the ledger: make it before taking
 * the ledger's length.
 */
export async function learnTheShop(journal: Journal, store: SandboxStore): Promise<void> {
  let learnt = learntOf.get(store);
  if (learnt === undefined) {
    const member = store.profiles().findLast((profile) => profile.status === 'enabled');
    if (!member) throw new Error('The sandbox has no enabled member to learn from');
    const folder = temporaryFolder();
    const scratch = openJournal(folder.path('learn.sqlite'), { till: 'learn' });
    try {
      const entry = scratch.record(adjustment(member, 'add', 1, 'LEARN'));
      expect((await sendEntry(scratch, clientOf(store), entry.id, { lane: 'interactive' })).entry.state).toBe('applied');
      learnt = scratch.fact(POINTS_MOVE_UPDATED_AT);
    } finally {
      scratch.close();
      folder.remove();
    }
    expect(learnt, 'the sandbox moves updated_at with points').toBe('yes');
    learntOf.set(store, learnt!);
  }
  journal.learn(POINTS_MOVE_UPDATED_AT, learnt!);
}

export function expectAllApplied(journal: Journal): void {
  const counts = journal.counts();
  expect(counts).toEqual({ ...counts, pending: 0, sending: 0, uncertain: 0, needs_review: 0, rejected: 0 });
}

/**
 * A fresh journal for each test (handed to `use`) that has learnt the shop, and after each test the promise checked: the store's ledger
 * since the test began equals that journal, together with the entries of any other journal the test opened
 * and handed to `alsoCheck`. Faults are cleared and a stopped store restarted for the next test.
 */
export function freshJournalPerTest(store: () => SandboxStore, use: (journal: Journal) => void): { alsoCheck: (entries: JournalEntry[]) => void } {
  let folder: ReturnType<typeof temporaryFolder>;
  let journal: Journal;
  let ledgerAtStart: number;
  let others: JournalEntry[] = [];
  beforeEach(async () => {
    folder = temporaryFolder();
    journal = openJournal(folder.path('journal.sqlite'), { till: 'Quầy 1' });
    await learnTheShop(journal, store());
    ledgerAtStart = store().ledger().length;
    others = [];
    use(journal);
  });
  afterEach(async () => {
    expectLedgerMatchesJournal(store().ledger().slice(ledgerAtStart), [...journal.list(), ...others]);
    journal.close();
    folder.remove();
    store().clearFaults();
    await store().start();
  });
  return { alsoCheck: (entries) => others.push(...entries) };
}

/** Short enough for tests, long enough that each test can tell "waited" from "did not wait". */
export const SETTLE = 400;
/** How a cashier's send goes in these tests: first in line, with the short settle window. */
export const cashier = { lane: 'interactive', settleMs: SETTLE } as const;

/** A sandbox store whose bucket never holds a test back, and its enabled members with 200 points or more. */
export async function roomySandbox(): Promise<{ store: SandboxStore; members: Profile[] }> {
  const store = await startSandbox({ members: 120, bucketSize: 10_000, drainPerSecond: 1_000 });
  return { store, members: store.profiles().filter((profile) => profile.status === 'enabled' && profile.point_available >= 200) };
}
