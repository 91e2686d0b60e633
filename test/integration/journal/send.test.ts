// sendEntry and reconciliation against the sandbox store over real HTTP, with its faults: every outcome of
// a points PUT, and the balance check that settles the ones whose outcome is unknown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../../electron/haravan/types.ts';
import type { Journal } from '../../../electron/journal/journal.ts';
import { createReplayer } from '../../../electron/journal/replay.ts';
import { reconcileEntry, sendEntry, snapshotOf } from '../../../electron/journal/send.ts';
import { startSandbox, type SandboxStore } from '../../../electron/sandbox/server.ts';
import { adjustment, clientOf, freshJournalPerTest } from './helpers.ts';

let store: SandboxStore;
let journal: Journal;
let members: Profile[];

beforeAll(async () => {
  store = await startSandbox({ members: 80, bucketSize: 10_000, drainPerSecond: 1_000 });
  members = store.profiles().filter((p) => p.status === 'enabled' && p.point_available >= 200);
});
afterAll(() => store.close());
freshJournalPerTest(() => store, (opened) => (journal = opened));

/** A member no other test touches, as the store has them now. */
function freshMember(): Profile {
  const member = members.shift();
  if (!member) throw new Error('Out of test members');
  return store.profile(member.id)!;
}

const balance = (id: number) => store.profile(id)!.point_available;
const ledgerRows = (refId: string) => store.ledger().filter((row) => row.ref_id === refId);
const instantly = { lane: 'interactive', settleMs: 0 } as const;

describe('a request that gets an answer', () => {
  it('applies an add, keeping the server balance from the PUT answer', async () => {
    const member = freshMember();
    const entry = journal.record(adjustment(member, 'add', 40));
    const requests = store.stats().requests;
    const outcome = await sendEntry(journal, clientOf(store), entry.id, instantly);
    expect(outcome.entry).toMatchObject({
      state: 'applied',
      attempts: 1,
      sentBalanceBefore: member.point_available,
      sentBalanceAfter: member.point_available + 40,
      serverBalance: member.point_available + 40,
    });
    expect(outcome.profile?.point_available).toBe(member.point_available + 40);
    // One GET for a fresh balance, one PUT.
    expect(store.stats().requests - requests).toBe(2);
    expect(journal.history(entry.id).map((event) => event.to)).toEqual(['pending', 'sending', 'applied']);
  });

  it('sends only the PUT when given a fresh balance', async () => {
    const member = freshMember();
    const entry = journal.record(adjustment(member, 'subtract', 30));
    const requests = store.stats().requests;
    const outcome = await sendEntry(journal, clientOf(store), entry.id, { ...instantly, before: snapshotOf(member) });
    expect(outcome.entry.state).toBe('applied');
    expect(store.stats().requests - requests).toBe(1);
    expect(balance(member.id)).toBe(member.point_available - 30);
  });

  it('marks a refused change rejected with the server’s words: a disabled member, a redeem beyond the balance', async () => {
    const disabled = store.profiles().find((p) => p.status === 'disabled')!;
    const first = journal.record(adjustment(disabled, 'add', 10));
    const refused = await sendEntry(journal, clientOf(store), first.id, instantly);
    expect(refused.entry).toMatchObject({ state: 'rejected', lastError: { code: 'validation' } });
    expect(refused.entry.lastError!.message).toContain('Profile is disabled');

    const member = freshMember();
    const tooMuch = journal.record(adjustment(member, 'subtract', member.point_available + 1));
    const beyond = await sendEntry(journal, clientOf(store), tooMuch.id, instantly);
    expect(beyond.error).toMatchObject({ code: 'validation' });
    expect(beyond.entry.state).toBe('rejected');
    expect(journal.discard(tooMuch.id, { by: 'Quản lý Hoa', reason: 'Khách không đủ điểm' }).state).toBe('discarded');
    expect(balance(member.id)).toBe(member.point_available);
  });

  it('sends an entry once when the cashier’s send and the replay race for it', async () => {
    const member = freshMember();
    const entry = journal.record(adjustment(member, 'add', 33));
    const [cashier, replay] = await Promise.all([
      sendEntry(journal, clientOf(store), entry.id, instantly),
      sendEntry(journal, clientOf(store), entry.id, { lane: 'background', settleMs: 0 }),
    ]);
    expect([cashier.profile, replay.profile].filter(Boolean)).toHaveLength(1);
    expect(journal.get(entry.id)).toMatchObject({ state: 'applied', attempts: 1 });
    expect(ledgerRows(entry.refId)).toHaveLength(1);
  });

  it('rejects an entry whose member no longer exists, without sending the PUT', async () => {
    const ghost = { ...freshMember(), id: 999_999 };
    const entry = journal.record(adjustment(ghost, 'add', 5));
    const outcome = await sendEntry(journal, clientOf(store), entry.id, instantly);
    expect(outcome.entry).toMatchObject({ state: 'rejected', attempts: 0, lastError: { code: 'not_found' } });
  });
});

describe('a request that provably did not apply', () => {
  it('stays pending while the store is unreachable, and applies once it is back', async () => {
    const member = freshMember();
    const entry = journal.record(adjustment(member, 'add', 15));
    await store.stop();
    const offline = await sendEntry(journal, clientOf(store), entry.id, instantly);
    expect(offline.entry).toMatchObject({ state: 'pending', attempts: 0, lastError: { code: 'offline' } });
    // Known balance, no GET: the PUT itself fails to connect and is provably unsent.
    const unsent = await sendEntry(journal, clientOf(store), entry.id, { ...instantly, before: snapshotOf(member) });
    expect(unsent.entry).toMatchObject({ state: 'pending', attempts: 1, lastError: { code: 'offline' } });
    await store.start();
    const online = await sendEntry(journal, clientOf(store), entry.id, instantly);
    expect(online.entry).toMatchObject({ state: 'applied', attempts: 2 });
    expect(ledgerRows(entry.refId)).toHaveLength(1);
  });

  it('pauses all sending on a revoked token, dropping nothing, until resumed', async () => {
    const token = store.issueToken(['loy.read_profiles', 'loy.write_profiles']);
    const revokedClient = clientOf(store, token);
    const member = freshMember();
    const first = journal.record(adjustment(member, 'add', 11));
    const second = journal.record(adjustment(freshMember(), 'add', 12));
    store.revokeToken(token);
    const refused = await sendEntry(journal, revokedClient, first.id, { ...instantly, before: snapshotOf(member) });
    expect(refused.entry).toMatchObject({ state: 'pending', lastError: { code: 'unauthorized' } });
    expect(journal.sendingPausedBy()).toMatchObject({ code: 'unauthorized' });
    const requests = store.stats().requests;
    const held = await sendEntry(journal, clientOf(store), second.id, instantly);
    expect(held).toMatchObject({ entry: { state: 'pending' }, error: { code: 'unauthorized' } });
    expect(store.stats().requests).toBe(requests);
    journal.resumeSending();
    expect((await sendEntry(journal, clientOf(store), first.id, instantly)).entry.state).toBe('applied');
    expect((await sendEntry(journal, clientOf(store), second.id, instantly)).entry.state).toBe('applied');
    // The token never reaches the journal, its history or its export.
    const kept = JSON.stringify([journal.list(), journal.history(first.id), journal.exportCsv()]);
    expect(kept).not.toContain(token);
  });
});

describe('a request whose outcome is unknown', () => {
  it('drop after apply: uncertain, the GET shows the balance after it → applied, never resent', async () => {
    const member = freshMember();
    const entry = journal.record(adjustment(member, 'add', 20));
    store.addFault({ kind: 'drop-after-apply', count: 1 });
    const outcome = await sendEntry(journal, clientOf(store), entry.id, instantly);
    expect(outcome.entry).toMatchObject({ state: 'applied', attempts: 1, serverBalance: member.point_available + 20 });
    expect(outcome.error).toMatchObject({ code: 'uncertain' });
    expect(journal.history(entry.id).map((event) => event.to)).toEqual(['pending', 'sending', 'uncertain', 'applied']);
    expect(ledgerRows(entry.refId)).toHaveLength(1);
  });

  it('drop before apply: uncertain, the GET shows the balance before it → pending, then sent once more', async () => {
    const member = freshMember();
    const entry = journal.record(adjustment(member, 'subtract', 25));
    store.addFault({ kind: 'drop-before-apply', count: 1, on: 'write' });
    const outcome = await sendEntry(journal, clientOf(store), entry.id, instantly);
    expect(outcome.entry).toMatchObject({ state: 'pending', attempts: 1, serverBalance: member.point_available });
    expect(ledgerRows(entry.refId)).toHaveLength(0);
    const report = await createReplayer({ journal, client: clientOf(store), settleMs: 0 }).drain();
    expect(report).toMatchObject({ applied: 1, retryLater: false });
    expect(journal.get(entry.id)).toMatchObject({ state: 'applied', attempts: 2 });
    expect(ledgerRows(entry.refId)).toHaveLength(1);
  });

  it('5xx on the PUT: uncertain, reconciled by the balance, resent once', async () => {
    const member = freshMember();
    const entry = journal.record(adjustment(member, 'add', 9));
    store.addFault({ kind: 'server-error', status: 502, count: 1, on: 'write' });
    const outcome = await sendEntry(journal, clientOf(store), entry.id, instantly);
    expect(outcome.entry.state).toBe('pending');
    expect(journal.history(entry.id).find((event) => event.to === 'uncertain')?.detail).toMatch(/server error 502/);
    await createReplayer({ journal, client: clientOf(store), settleMs: 0 }).drain();
    expect(journal.get(entry.id)).toMatchObject({ state: 'applied', attempts: 2 });
    expect(ledgerRows(entry.refId)).toHaveLength(1);
  });

  it('does not trust "unchanged" until a late application is ruled out', async () => {
    const member = freshMember();
    const entry = journal.record(adjustment(member, 'add', 8));
    store.addFault({ kind: 'drop-before-apply', count: 1, on: 'write' });
    const outcome = await sendEntry(journal, clientOf(store), entry.id, { lane: 'interactive' });
    expect(outcome.entry.state).toBe('uncertain');
    expect(outcome.error?.message).toMatch(/late application/);
    const replayer = createReplayer({ journal, client: clientOf(store), settleMs: 60_000 });
    const report = await replayer.drain();
    expect(report).toMatchObject({ applied: 0, retryLater: false });
    // Due again when the window ends, not "some time later".
    expect(report.nextInMs).toBeGreaterThan(59_000);
    expect(report.nextInMs).toBeLessThanOrEqual(60_000);
    expect(journal.get(entry.id)).toMatchObject({ state: 'uncertain', attempts: 1 });
    expect(ledgerRows(entry.refId)).toHaveLength(0);
    await createReplayer({ journal, client: clientOf(store), settleMs: 0 }).drain();
    expect(journal.get(entry.id)).toMatchObject({ state: 'applied', attempts: 2 });
  });

  it('stays uncertain while the balance cannot be read, and reconciles later', async () => {
    const member = freshMember();
    const entry = journal.record(adjustment(member, 'add', 7));
    store.addFault({ kind: 'drop-after-apply', count: 1 });
    store.addFault({ kind: 'server-error', status: 503, count: 4, on: 'read' });
    const outcome = await sendEntry(journal, clientOf(store), entry.id, { ...instantly, before: snapshotOf(member) });
    expect(outcome.entry).toMatchObject({ state: 'uncertain', lastError: { code: 'server' } });
    const later = await reconcileEntry(journal, clientOf(store), entry.id, { lane: 'background', settleMs: 0 });
    expect(later.entry).toMatchObject({ state: 'applied', attempts: 1 });
    expect(ledgerRows(entry.refId)).toHaveLength(1);
  });
});

describe('another till changes the balance before reconciliation', () => {
  /** An uncertain entry the store did (or did not) apply, then a change by another till, then the check. */
  async function uncertainThenChangedElsewhere(fault: 'drop-after-apply' | 'drop-before-apply') {
    const member = freshMember();
    const entry = journal.record(adjustment(member, 'add', 50));
    const later = journal.record(adjustment(member, 'add', 5));
    store.addFault(fault === 'drop-after-apply' ? { kind: fault, count: 1 } : { kind: fault, count: 1, on: 'write' });
    store.addFault({ kind: 'server-error', status: 500, count: 4, on: 'read' });
    const sent = await sendEntry(journal, clientOf(store), entry.id, { ...instantly, before: snapshotOf(member) });
    expect(sent.entry.state).toBe('uncertain');
    store.adjustDirectly(member.id, 'add', 3, 'Quầy 2 tích điểm');
    const report = await createReplayer({ journal, client: clientOf(store), settleMs: 0 }).drain();
    expect(report).toMatchObject({ needsReview: 1, applied: 0 });
    return { member, entry: journal.get(entry.id)!, later: journal.get(later.id)! };
  }

  it('needs review with both figures; the member’s later entries wait; resolved as applied', async () => {
    const { member, entry, later } = await uncertainThenChangedElsewhere('drop-after-apply');
    expect(entry).toMatchObject({
      state: 'needs_review',
      sentBalanceBefore: member.point_available,
      sentBalanceAfter: member.point_available + 50,
      serverBalance: member.point_available + 53,
    });
    expect(entry.reviewReason).toBe('changed_elsewhere');
    expect(journal.history(entry.id).at(-1)?.detail).toMatch(/Haravan shows \d+ \(before it \d+, after it \d+\): the balance changed elsewhere/);
    expect(later.state).toBe('pending');
    const cashier = await sendEntry(journal, clientOf(store), later.id, instantly);
    expect(cashier.waitingFor?.id).toBe(entry.id);

    journal.resolve(entry.id, 'applied', { by: 'Quản lý Hoa', reason: 'Đã thấy trong lịch sử điểm Haravan' });
    expect(journal.get(entry.id)).toMatchObject({ state: 'applied', resolvedBy: 'Quản lý Hoa' });
    await createReplayer({ journal, client: clientOf(store), settleMs: 0 }).drain();
    expect(journal.get(later.id)!.state).toBe('applied');
    expect(balance(member.id)).toBe(member.point_available + 58);
  });

  it('needs review; resolved to resend, it is sent once', async () => {
    const { member, entry } = await uncertainThenChangedElsewhere('drop-before-apply');
    expect(entry).toMatchObject({ state: 'needs_review', serverBalance: member.point_available + 3 });
    expect(ledgerRows(entry.refId)).toHaveLength(0);
    journal.resolve(entry.id, 'resend', { by: 'Quản lý Hoa', reason: 'Không có trong lịch sử điểm' });
    await createReplayer({ journal, client: clientOf(store), settleMs: 0 }).drain();
    expect(journal.get(entry.id)).toMatchObject({ state: 'applied', attempts: 2 });
    expect(ledgerRows(entry.refId)).toHaveLength(1);
    expect(balance(member.id)).toBe(member.point_available + 58);
  });
});
