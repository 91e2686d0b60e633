// Replay against the sandbox store over real HTTP: entries recorded offline drain when the store is back,
// through 429 storms and a revoked token, member by member in creation order, one GET per member.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHaravanClient } from '../../../electron/haravan/client.ts';
import { createScheduler } from '../../../electron/haravan/scheduler.ts';
import type { Profile } from '../../../electron/haravan/types.ts';
import type { Journal } from '../../../electron/journal/journal.ts';
import { createReplayer } from '../../../electron/journal/replay.ts';
import { sendEntry, snapshotOf } from '../../../electron/journal/send.ts';
import type { JournalEntry } from '../../../electron/journal/types.ts';
import { startSandbox, type SandboxStore } from '../../../electron/sandbox/server.ts';
import { adjustment, clientOf, expectAllApplied, freshJournalPerTest } from './helpers.ts';

let store: SandboxStore;
let journal: Journal;
let unused: Profile[];

beforeAll(async () => {
  store = await startSandbox({ members: 200, bucketSize: 80, drainPerSecond: 400 });
  unused = store.profiles().filter((p) => p.status === 'enabled' && p.point_available >= 200);
});
afterAll(() => store.close());
freshJournalPerTest(() => store, (opened) => (journal = opened));

function takeMembers(count: number): Profile[] {
  if (unused.length < count) throw new Error('Out of test members');
  return unused.splice(0, count).map((member) => store.profile(member.id)!);
}

/** `perMember` entries for each member, interleaved across members as a day at the till would be. */
function recordDay(members: Profile[], perMember: number): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (let round = 0; round < perMember; round += 1) {
    for (const member of members) {
      const direction = round % 3 === 2 ? 'subtract' : 'add';
      entries.push(journal.record(adjustment(member, direction, 10 + round)));
    }
  }
  return entries;
}

const netChange = (entries: JournalEntry[], id: number) =>
  entries.filter((e) => e.memberId === id).reduce((sum, e) => sum + (e.direction === 'add' ? e.points : -e.points), 0);

describe('offline, then back online', () => {
  it('keeps what the cashier confirmed offline and drains it when the store is back, one GET per member', async () => {
    const members = takeMembers(6);
    await store.stop();
    const entries = recordDay(members, 5);
    const client = clientOf(store);
    // The cashier's own sends fail to connect: provably unsent, still pending.
    for (const entry of entries.slice(0, 3)) {
      expect((await sendEntry(journal, client, entry.id, { lane: 'interactive' })).entry.state).toBe('pending');
    }
    const replayer = createReplayer({ journal, client, settleMs: 0 });
    expect(await replayer.drain()).toMatchObject({ applied: 0, stoppedBecause: 'unreachable' });
    expect(journal.counts().pending).toBe(30);

    await store.start();
    const requests = store.stats().requests;
    expect(await replayer.drain()).toEqual({ applied: 30, rejected: 0, needsReview: 0, retryLater: false });
    expectAllApplied(journal);
    expect(store.stats().requests - requests).toBe(30 + 6);
    for (const member of members) {
      expect(store.profile(member.id)!.point_available).toBe(member.point_available + netChange(entries, member.id));
    }
  });

  it('the replay loop retries with backoff while offline and drains by itself when the store is back', async () => {
    const members = takeMembers(4);
    await store.stop();
    recordDay(members, 3);
    const changed: string[] = [];
    let unreachable = 0;
    const client = createHaravanClient({
      token: store.tokens.readWrite,
      baseURL: store.url,
      scheduler: createScheduler(),
      retry: { backoffMs: 5 },
      onOutcome: (outcome) => {
        if (outcome === 'unreachable') unreachable += 1;
      },
    });
    const replayer = createReplayer({ journal, client, settleMs: 0, retryMs: 20, maxRetryMs: 100, onChange: (e) => changed.push(e.id) });
    replayer.start();
    // Several drains have met the closed store (each GET tries 4 times).
    await vi.waitFor(() => expect(unreachable).toBeGreaterThanOrEqual(12), { timeout: 10_000, interval: 10 });
    expect(journal.counts().pending).toBe(12);
    await store.start();
    await vi.waitFor(() => expect(journal.counts().applied).toBe(12), { timeout: 15_000, interval: 20 });
    await replayer.stop();
    expectAllApplied(journal);
    expect(new Set(changed).size).toBe(12);
  });
});

describe('rate limits', () => {
  it('survives 429 storms: nothing lost, nothing doubled', async () => {
    const members = takeMembers(8);
    const entries = recordDay(members, 4);
    const replayer = createReplayer({ journal, client: clientOf(store, undefined, 400), settleMs: 0 });
    store.addFault({ kind: 'rate-limit', count: 25, retryAfterSeconds: 0.02 });
    const before429 = store.stats().rejected429;
    let report = await replayer.drain();
    store.addFault({ kind: 'rate-limit', count: 20, retryAfterSeconds: 0.01 });
    for (let pass = 0; pass < 10 && journal.counts().pending > 0; pass += 1) report = await replayer.drain();
    expect(report.stoppedBecause).toBeUndefined();
    expect(store.stats().rejected429 - before429).toBeGreaterThanOrEqual(25);
    expectAllApplied(journal);
    expect(entries).toHaveLength(32);
  });
});

describe('a revoked token', () => {
  it('pauses replay midway with nothing dropped; a new token drains the rest', async () => {
    const members = takeMembers(5);
    recordDay(members, 4);
    const token = store.issueToken(['loy.read_profiles', 'loy.write_profiles']);
    let applied = 0;
    const replayer = createReplayer({
      journal,
      client: clientOf(store, token),
      settleMs: 0,
      onChange: (entry) => {
        if (entry.state === 'applied' && ++applied === 6) store.revokeToken(token);
      },
    });
    const report = await replayer.drain();
    expect(report.stoppedBecause).toBe('paused');
    expect(journal.sendingPausedBy()).toMatchObject({ code: 'unauthorized' });
    const counts = journal.counts();
    expect(counts.applied).toBeGreaterThanOrEqual(6);
    expect(counts.applied).toBeLessThan(20);
    expect(counts.pending + counts.applied).toBe(20);

    const requests = store.stats().requests;
    expect(await replayer.drain()).toMatchObject({ applied: 0, stoppedBecause: 'paused' });
    expect(store.stats().requests).toBe(requests);

    replayer.useClient(clientOf(store, store.issueToken(['loy.read_profiles', 'loy.write_profiles'])));
    expect(journal.sendingPausedBy()).toBeUndefined();
    await replayer.drain();
    expectAllApplied(journal);
  });
});

describe('per-member order', () => {
  it('never sends past an unresolved entry of the same member, while other members drain', async () => {
    const [held, free] = takeMembers(2) as [Profile, Profile];
    const first = journal.record(adjustment(held, 'add', 30));
    const next = journal.record(adjustment(held, 'subtract', 40));
    const others = [journal.record(adjustment(free, 'add', 1)), journal.record(adjustment(free, 'add', 2))];
    // The first entry's outcome is unknown and the balance cannot be read yet.
    store.addFault({ kind: 'drop-after-apply', count: 1 });
    store.addFault({ kind: 'server-error', status: 503, count: 4, on: 'read' });
    const cashier = await sendEntry(journal, clientOf(store), first.id, { lane: 'interactive', before: snapshotOf(held), settleMs: 0 });
    expect(cashier.entry.state).toBe('uncertain');

    const waiting = await sendEntry(journal, clientOf(store), next.id, { lane: 'interactive', settleMs: 0 });
    expect(waiting).toMatchObject({ entry: { state: 'pending', attempts: 0 }, waitingFor: { id: first.id } });
    expect(journal.pendingRedeemsFor(held.id)).toBe(40);

    store.addFault({ kind: 'server-error', status: 503, count: 4, on: 'read' });
    const replayer = createReplayer({ journal, client: clientOf(store), settleMs: 0, concurrency: 1 });
    const report = await replayer.drain();
    expect(report).toMatchObject({ applied: 2, retryLater: true });
    expect(journal.get(next.id)).toMatchObject({ state: 'pending', attempts: 0 });
    expect(others.map((e) => journal.get(e.id)!.state)).toEqual(['applied', 'applied']);

    expect(await replayer.drain()).toMatchObject({ applied: 2, retryLater: false });
    expect(journal.get(first.id)).toMatchObject({ state: 'applied', attempts: 1 });
    expect(journal.get(next.id)).toMatchObject({ state: 'applied', attempts: 1, sentBalanceBefore: held.point_available + 30 });
    // Ledger order is creation order for the member.
    const rows = store.ledger().filter((row) => row.profileId === held.id).map((row) => row.ref_id);
    expect(rows.slice(-2)).toEqual([first.refId, next.refId]);
  });
});
