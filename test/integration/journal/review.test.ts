// What an adversarial review of the journal found, each case as it was found and what the journal does now:
// a late application after a resend found applied by a read, a disk that fills while an answer is handled,
// a refusal after an unanswered attempt, a Retry-After of an hour, and a Haravan whose updated_at does not
// move with points. (A refused reversal and a discard while an attempt may land: adversary.test.ts.)

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Profile } from '../../../electron/haravan/types.ts';
import { openJournal, type Journal } from '../../../electron/journal/journal.ts';
import { createReplayer } from '../../../electron/journal/replay.ts';
import { reconcileEntry, sendEntry, snapshotOf } from '../../../electron/journal/send.ts';
import { POINTS_MOVE_UPDATED_AT } from '../../../electron/journal/verdict.ts';
import type { SandboxStore } from '../../../electron/sandbox/server.ts';
import { adjustment, cashier, clientOf, freshJournalPerTest, roomySandbox, SETTLE, temporaryFolder } from './helpers.ts';

let store: SandboxStore;
let journal: Journal;
let members: Profile[];
beforeAll(async () => {
  ({ store, members } = await roomySandbox());
});
afterAll(() => store.close());
const { alsoCheck } = freshJournalPerTest(() => store, (opened) => (journal = opened));

const freshMember = () => store.profile(members.shift()!.id)!;
const ledgerRows = (refId: string) => store.ledger().filter((row) => row.source === 'api' && row.ref_id === refId);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a resend found applied by a read', () => {
  it('after two unanswered attempts still gets its duplicate check: the first attempt landing late is caught', async () => {
    const member = freshMember();
    const entry = journal.record(adjustment(member, 'add', 25));
    store.addFault({ kind: 'apply-late', delayMs: SETTLE + 350, count: 1 });
    store.addFault({ kind: 'drop-after-apply', count: 1 });
    expect((await sendEntry(journal, clientOf(store), entry.id, cashier)).entry.state).toBe('uncertain');
    await sleep(SETTLE + 20);
    const replayer = createReplayer({ journal, client: clientOf(store), settleMs: SETTLE });
    await replayer.drain();
    expect(journal.get(entry.id)).toMatchObject({ state: 'applied', attempts: 2, unansweredAttempts: 2, duplicateCheck: 'due' });
    await sleep(SETTLE + 400);
    await replayer.drain();
    expect(ledgerRows(entry.refId)).toHaveLength(2);
    expect(journal.get(entry.id)!.duplicateCheck).toBe('suspected');
    expect(journal.suspectedDuplicates()).toBe(1);
  });
});

describe('a disk that fills while an answer is handled', () => {
  it('leaves no entry sending: once space is back the replayer recovers it and settles it once', async () => {
    const member = freshMember();
    const entry = journal.record(adjustment(member, 'add', 8));
    const later = journal.record(adjustment(member, 'add', 3));
    const db = journal.database;
    store.addFault({ kind: 'latency', ms: 300 });
    const client = clientOf(store);
    const sending = sendEntry(journal, client, entry.id, { ...cashier, before: snapshotOf(member) });
    await vi.waitFor(() => expect(journal.get(entry.id)!.state).toBe('sending'));
    // No page may be added to the journal's file: every write fails as on a full disk (SQLITE_FULL).
    db.exec('CREATE TABLE IF NOT EXISTS filler (x BLOB)');
    const pages = (db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
    db.exec(`PRAGMA max_page_count = ${pages}`);
    const fill = (sql: string) => {
      try {
        for (;;) db.prepare(sql).run();
      } catch (error) {
        expect((error as Error).message).toMatch(/full/);
      }
    };
    fill('INSERT INTO filler VALUES (randomblob(900))');
    fill(`INSERT INTO events (entry_id, from_state, to_state, at, detail) VALUES ('${later.id}', 'pending', 'pending', 'x', 'filler')`);
    await expect(sending).rejects.toThrow(/full/);
    expect(journal.get(entry.id)!.state).toBe('sending');
    store.clearFaults();
    db.exec('PRAGMA max_page_count = 1073741823');
    db.exec('DELETE FROM filler');
    const replayer = createReplayer({ journal, client, settleMs: SETTLE, retryMs: 20, maxRetryMs: 150 });
    replayer.start();
    try {
      await vi.waitFor(() => expect([journal.get(entry.id)!.state, journal.get(later.id)!.state]).toEqual(['applied', 'applied']), { timeout: 5_000 });
    } finally {
      await replayer.stop();
    }
    expect(ledgerRows(entry.refId)).toHaveLength(1);
  });
});

describe('a refusal after an unanswered attempt', () => {
  it('is put to a manager, not taken as "refused": the earlier attempt may be why', async () => {
    const window = 1_000;
    const member = freshMember();
    const entry = journal.record(adjustment(member, 'subtract', member.point_available));
    store.addFault({ kind: 'latency', ms: 250 });
    store.addFault({ kind: 'apply-late', delayMs: 1_380, count: 1 });
    await sendEntry(journal, clientOf(store), entry.id, { lane: 'interactive', settleMs: window, before: snapshotOf(member) });
    const replayer = createReplayer({ journal, client: clientOf(store), settleMs: window, retryMs: 20, maxRetryMs: 150 });
    replayer.start();
    try {
      await vi.waitFor(() => expect(['applied', 'needs_review']).toContain(journal.get(entry.id)!.state), { timeout: 5_000 });
      await sleep(600);
    } finally {
      await replayer.stop();
    }
    expect(ledgerRows(entry.refId)).toHaveLength(1);
    const settled = journal.get(entry.id)!;
    expect(settled.state).not.toBe('rejected');
    if (settled.state === 'needs_review') expect(['refused_after_unanswered', 'changed_elsewhere']).toContain(settled.reviewReason);
  });
});

describe('a Retry-After of an hour', () => {
  it('does not hold the cashier: the change is kept, not sent, and sent by the replayer', async () => {
    const member = freshMember();
    const entry = journal.record(adjustment(member, 'add', 5));
    store.addFault({ kind: 'rate-limit', count: 1, retryAfterSeconds: 3600 });
    const client = clientOf(store);
    const started = performance.now();
    const outcome = await sendEntry(journal, client, entry.id, { ...cashier, before: snapshotOf(member) });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(outcome).toMatchObject({ entry: { state: 'pending' }, error: { code: 'rate_limited' } });
    client.close();
    await createReplayer({ journal, client: clientOf(store), settleMs: SETTLE }).drain();
    expect(journal.get(entry.id)!.state).toBe('applied');
    expect(ledgerRows(entry.refId)).toHaveLength(1);
  });
});

describe('a Haravan whose updated_at does not move with points', () => {
  /** A journal of its own, that has learnt nothing of the shop yet. */
  async function withNewJournal(use: (fresh: Journal) => Promise<void>): Promise<void> {
    const folder = temporaryFolder();
    const fresh = openJournal(folder.path('new.sqlite'), { till: 'Quầy mới' });
    try {
      await use(fresh);
    } finally {
      alsoCheck(fresh.list());
      fresh.close();
      folder.remove();
    }
  }

  it('is learnt from the first applied change, and from then on nothing is decided from a profile', () =>
    withNewJournal(async (fresh) => {
      store.addFault({ kind: 'points-keep-updated-at' });
      const first = fresh.record(adjustment(freshMember(), 'add', 3));
      expect((await sendEntry(fresh, clientOf(store), first.id, cashier)).entry.state).toBe('applied');
      expect(fresh.fact(POINTS_MOVE_UPDATED_AT)).toBe('no');

      // Our add is applied but its answer lost; meanwhile the same points go by other means (an order's
      // points at the store): the balance is back where it was, as if ours had never landed.
      const member = freshMember();
      const entry = fresh.record(adjustment(member, 'add', 10));
      store.addFault({ kind: 'drop-after-apply', count: 1 });
      store.addFault({ kind: 'server-error', status: 503, count: 4, on: 'read' });
      expect((await sendEntry(fresh, clientOf(store), entry.id, { ...cashier, before: snapshotOf(member) })).entry.state).toBe('uncertain');
      store.adjustDirectly(member.id, 'subtract', 10, 'Đơn hàng tại cửa hàng');
      await sleep(SETTLE + 50);
      await createReplayer({ journal: fresh, client: clientOf(store), settleMs: SETTLE }).drain();
      expect(fresh.get(entry.id)).toMatchObject({ state: 'needs_review', reviewReason: 'no_change_time', attempts: 1 });
      expect(ledgerRows(entry.refId)).toHaveLength(1);
    }));

  it('is not learnt from another writer’s change: its new updated_at may be owed to another edit', () =>
    withNewJournal(async (fresh) => {
      const member = freshMember();
      const entry = fresh.record(adjustment(member, 'add', 6));
      store.addFault({ kind: 'drop-before-apply', count: 1, on: 'write' });
      store.addFault({ kind: 'server-error', status: 503, count: 4, on: 'read' });
      expect((await sendEntry(fresh, clientOf(store), entry.id, { ...cashier, before: snapshotOf(member) })).entry.state).toBe('uncertain');
      store.adjustDirectly(member.id, 'add', 6, 'Quầy 2');
      await sleep(SETTLE + 50);
      await createReplayer({ journal: fresh, client: clientOf(store), settleMs: SETTLE }).drain();
      expect(fresh.fact(POINTS_MOVE_UPDATED_AT)).toBeUndefined();
      expect(fresh.get(entry.id)).toMatchObject({ state: 'needs_review', reviewReason: 'no_change_time' });
      expect(ledgerRows(entry.refId)).toHaveLength(0);
    }));

  it('until learnt, an unanswered first change goes to a manager rather than to a guess', () =>
    withNewJournal(async (fresh) => {
      const member = freshMember();
      const entry = fresh.record(adjustment(member, 'add', 4));
      store.addFault({ kind: 'drop-before-apply', count: 1, on: 'write' });
      const outcome = await sendEntry(fresh, clientOf(store), entry.id, { ...cashier, before: snapshotOf(member) });
      expect(outcome.entry).toMatchObject({ state: 'needs_review', reviewReason: 'no_change_time' });
      await sleep(SETTLE + 50);
      await createReplayer({ journal: fresh, client: clientOf(store), settleMs: SETTLE }).drain();
      expect(fresh.fact(POINTS_MOVE_UPDATED_AT)).toBeUndefined();
      expect(fresh.get(entry.id)).toMatchObject({ state: 'needs_review', reviewReason: 'no_change_time' });
      expect(ledgerRows(entry.refId)).toHaveLength(0);
    }));
});
