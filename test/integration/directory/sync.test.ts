// The directory following the sandbox store over real HTTP into a real SQLite file: the initial sync,
// incremental syncs, refresh from a points PUT, the loop, failures, and wipe.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHaravanClient } from '../../../electron/haravan/client.ts';
import { LoyaltyError } from '../../../electron/haravan/errors.ts';
import { createScheduler } from '../../../electron/haravan/scheduler.ts';
import { createDirectory, type Directory } from '../../../electron/directory/directory.ts';
import type { SyncProgress } from '../../../electron/directory/progress.ts';
import { toMicros } from '../../../electron/haravan/timestamps.ts';
import { startSandbox, type SandboxStore } from '../../../electron/sandbox/server.ts';
import { expectNameIndexIntact, expectSameMembers, sandboxClient, temporaryDatabase } from './helpers.ts';

const MEMBERS = 2_500;
const PAGES = Math.ceil((MEMBERS + 1) / 50);
const DRAIN = 200;
const SHOP = 'sandbox-shop.myharavan.com';

let sandbox: SandboxStore;
let database: ReturnType<typeof temporaryDatabase>;
let directory: Directory;

beforeAll(async () => {
  sandbox = await startSandbox({ members: MEMBERS, bucketSize: 80, drainPerSecond: DRAIN });
  database = temporaryDatabase();
  directory = createDirectory(database.db);
});
afterAll(async () => {
  await sandbox.close();
  database.close();
});
afterEach(() => sandbox.clearFaults());

const requestsTo = async <T>(work: () => Promise<T>): Promise<{ result: T; requests: number }> => {
  const before = sandbox.stats().requests;
  const result = await work();
  return { result, requests: sandbox.stats().requests - before };
};

/** The next incremental sync's updated_at_min, as the directory persisted it (ms precision, inclusive). */
const incrementalFrom = (): number => {
  const row = database.db.prepare('SELECT incremental_from_us FROM directory_sync WHERE shop = ?').get(SHOP) as { incremental_from_us: number };
  return Math.floor(row.incremental_from_us / 1000) * 1000;
};
const updatedSince = (micros: number) => sandbox.profiles().filter((profile) => toMicros(profile.updated_at)! >= micros);

describe('the initial sync', () => {
  it('holds every member of the shop, field for field, and reports its progress on the way', async () => {
    const progress: SyncProgress[] = [];
    // Every page its own write, so that progress is told page by page.
    const sync = directory.createSync(SHOP, sandboxClient(sandbox, DRAIN), { commitEveryMs: 0, onProgress: (step) => progress.push(step) });
    expect(directory.status(SHOP)).toMatchObject({ size: 0, complete: false, lastFullSync: null, phase: 'idle' });

    const { result: report, requests } = await requestsTo(() => sync.syncNow());
    await sync.stop();

    expectSameMembers(directory, SHOP, sandbox);
    expectNameIndexIntact(database.db);
    expect(report).toMatchObject({ kind: 'initial', received: MEMBERS, written: MEMBERS });
    // Every page once, plus the dozen-odd tiny requests that estimate the total.
    expect(report.requests).toBe(requests);
    expect(requests - PAGES).toBeGreaterThan(0);
    expect(requests - PAGES).toBeLessThanOrEqual(20);

    expect(progress.map((step) => step.synced)).toEqual(Array.from({ length: PAGES }, (_, page) => Math.min(MEMBERS, (page + 1) * 50)));
    // The sandbox's ids grow evenly after its featured members, so the estimate from ids is close early on.
    for (const step of progress.slice(5, -1)) {
      expect(step.totalIsEstimate).toBe(true);
      expect(Math.abs(step.total! - MEMBERS) / MEMBERS).toBeLessThan(0.1);
    }
    // Once the pace is known (two writes), the time remaining follows from it.
    const timed = progress.slice(2, -1);
    for (const step of timed) expect(step.secondsRemaining).toBeCloseTo((step.total! - step.synced) / step.membersPerSecond!);
    expect(progress.at(-1)).toMatchObject({ synced: MEMBERS, total: MEMBERS, totalIsEstimate: false, secondsRemaining: 0 });

    const status = directory.status(SHOP);
    expect(status).toMatchObject({ size: MEMBERS, complete: true, phase: 'idle', lastError: null, lastIncrementalSync: null });
    expect(status.progress).toMatchObject({ synced: MEMBERS, total: MEMBERS, totalIsEstimate: false });
    expect(Date.parse(status.lastFullSync!)).toBeGreaterThan(0);
  });
});

describe('incremental syncs', () => {
  it('pick up what changed in Haravan (an edit, a disabled member, points changed at another till) and nothing else', async () => {
    const [edited, disabled, credited, debited] = sandbox.profiles().filter((p) => p.status === 'enabled' && p.point_available >= 100).slice(20, 24);
    sandbox.updateProfile(edited!.id, { first_name: 'Khang', last_name: 'Trịnh Minh', phone: '+84 356 111 999', email: 'KHANG@example.com' });
    sandbox.updateProfile(disabled!.id, { status: 'disabled' });
    sandbox.adjustDirectly(credited!.id, 'add', 250, 'Tích điểm ở quầy 2');
    sandbox.adjustDirectly(debited!.id, 'subtract', 100, 'Đổi điểm ở quầy 3');

    // The first incremental sync starts before the highest updated_at the initial sync saw, by the time it took
    // (overlapMs 0 here): the changes, plus at most the member or two stamped at that boundary.
    const expected = updatedSince(incrementalFrom());
    const changedIds = [edited!.id, disabled!.id, credited!.id, debited!.id];
    expect(expected.map((p) => p.id)).toEqual(expect.arrayContaining(changedIds));
    expect(expected.length - changedIds.length).toBeLessThanOrEqual(2);

    const sync = directory.createSync(SHOP, sandboxClient(sandbox, DRAIN), { overlapMs: 0 });
    const { result: report, requests } = await requestsTo(() => sync.syncNow());
    expect(report).toEqual({ kind: 'incremental', requests: 1, received: expected.length, written: expected.length });
    expect(requests).toBe(1);
    expectSameMembers(directory, SHOP, sandbox);
    expect(directory.findById(SHOP, disabled!.id)!.status).toBe('disabled');
    expect(directory.searchByName(SHOP, 'trinh minh khang').map((m) => m.id)).toEqual([edited!.id]);
    expect(directory.findByPhone(SHOP, '0356111999').map((m) => m.id)).toEqual([edited!.id]);

    // Nothing changed since: the next sync only meets the last change again (the inclusive boundary).
    const again = updatedSince(incrementalFrom());
    expect(again.length).toBeLessThanOrEqual(changedIds.length);
    const { result: second } = await requestsTo(() => sync.syncNow());
    expect(second).toEqual({ kind: 'incremental', requests: 1, received: again.length, written: again.length });
    await sync.stop();
    expectSameMembers(directory, SHOP, sandbox);
    expectNameIndexIntact(database.db);
    expect(directory.status(SHOP).lastIncrementalSync).not.toBeNull();
  });

  it('page through many changes with since_id and move the mark only at the end', async () => {
    const changed = sandbox.profiles().filter((p) => p.status === 'enabled').slice(100, 220);
    for (const profile of changed) sandbox.adjustDirectly(profile.id, 'add', 10, 'Khuyến mãi');
    const expected = updatedSince(incrementalFrom());
    const sync = directory.createSync(SHOP, sandboxClient(sandbox, DRAIN), { overlapMs: 0 });
    const report = await sync.syncNow();
    await sync.stop();
    expect(report).toMatchObject({ received: expected.length, requests: Math.ceil((expected.length + 1) / 50) });
    expectSameMembers(directory, SHOP, sandbox);
  });

  it('refresh writes a points PUT answer at once, keeps the card number it lacks, and an older copy never overwrites it', async () => {
    const writer = createHaravanClient({ token: sandbox.tokens.readWrite, baseURL: sandbox.url, scheduler: createScheduler({ drainPerSecond: DRAIN }) });
    const member = sandbox.profiles().find((p) => p.status === 'enabled' && p.profile_card_number)!;
    const before = directory.findById(SHOP, member.id)!;
    const answer = await writer.adjustPoints(member.id, 'add', { value: 300, reason: 'Đơn #2001', ref_id: '2001' });
    // The seed's PUT example answers without profile_card_number.
    const { profile_card_number: _omitted, ...withoutCard } = answer;

    directory.refresh(SHOP, withoutCard);
    const after = directory.findById(SHOP, member.id)!;
    expect(after.point_available).toBe(before.point_available + 300);
    expect(after.profile_card_number).toBe(member.profile_card_number);
    expect(Date.parse(after.syncedAt)).toBeGreaterThanOrEqual(Date.parse(before.syncedAt));

    // A page fetched before the PUT arrives late: the newer balance stays.
    directory.refresh(SHOP, member);
    expect(directory.findById(SHOP, member.id)!.point_available).toBe(before.point_available + 300);
  });
});

describe('the sync loop', () => {
  it('a sync asked for while one runs is one more after it, shared by all who ask meanwhile', async () => {
    // Many changes, so that the pass running takes several pages; the one to find is made as it runs.
    for (const profile of sandbox.profiles().filter((p) => p.status === 'enabled').slice(300, 450)) {
      sandbox.adjustDirectly(profile.id, 'add', 5, 'Khuyến mãi');
    }
    const sync = directory.createSync(SHOP, sandboxClient(sandbox, DRAIN), { overlapMs: 0 });
    sandbox.addFault({ kind: 'latency', ms: 60 });
    const before = sandbox.stats().requests;
    const running = sync.syncNow();
    // Its first page is read: the change below is behind it.
    await vi.waitFor(() => expect(sandbox.stats().requests).toBeGreaterThan(before + 1));
    const member = sandbox.profiles()[3]!;
    sandbox.updateProfile(member.id, { level_name: 'Bạch kim' });
    const asked = [sync.syncNow(), sync.syncNow()];
    expect(asked[0]).toBe(asked[1]);
    await running;
    const report = await asked[0]!;
    expect(report.kind).toBe('incremental');
    expect(directory.findById(SHOP, member.id)!.level_name).toBe('Bạch kim');
    await sync.stop();
  });

  it('syncs again every interval until stopped', async () => {
    const sync = directory.createSync(SHOP, sandboxClient(sandbox, DRAIN), { intervalMs: 20 });
    sync.start();
    const member = sandbox.profiles()[7]!;
    sandbox.updateProfile(member.id, { level_name: 'Kim cương' });
    await vi.waitFor(() => expect(directory.findById(SHOP, member.id)!.level_name).toBe('Kim cương'), { timeout: 5_000 });
    await sync.stop();
    expect(directory.status(SHOP).phase).toBe('idle');
    await expect(sync.syncNow()).rejects.toMatchObject({ code: 'not_connected' });
  });

  it('reports a failed pass (the store unreachable) and clears it once a pass succeeds', async () => {
    const sync = directory.createSync(SHOP, sandboxClient(sandbox, DRAIN));
    await sandbox.stop();
    try {
      const failure = await sync.syncNow().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(LoyaltyError);
      expect((failure as LoyaltyError).code).toBe('offline');
      expect(directory.status(SHOP).lastError).toMatchObject({ code: 'offline' });
    } finally {
      await sandbox.start();
    }
    await sync.syncNow();
    expect(directory.status(SHOP).lastError).toBeNull();
    await sync.stop();
  });
});

describe('wipe', () => {
  it('forgets one shop entirely and leaves the others', async () => {
    const other = 'other-shop.myharavan.com';
    directory.refresh(other, { ...sandbox.profiles()[0]!, id: 42 });
    const sync = directory.createSync(SHOP, sandboxClient(sandbox, DRAIN), { intervalMs: 60_000 });
    sync.start();

    await directory.wipe(SHOP);
    expect(directory.status(SHOP)).toMatchObject({ size: 0, complete: false, lastFullSync: null, lastIncrementalSync: null, phase: 'idle' });
    expect(directory.search(SHOP, 'nguyen van an').members).toEqual([]);
    expect(directory.findByPhone(SHOP, '0909 977 921')).toEqual([]);
    expect(directory.status(other).size).toBe(1);
    expect(directory.findByPhone(other, '0909 977 921').map((m) => m.id)).toEqual([42]);
    expectNameIndexIntact(database.db);

    // A new sync of the wiped shop starts from the beginning.
    const fresh = directory.createSync(SHOP, sandboxClient(sandbox, DRAIN));
    expect((await fresh.syncNow()).kind).toBe('initial');
    await fresh.stop();
    expectSameMembers(directory, SHOP, sandbox);
  });
});
