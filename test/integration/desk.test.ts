// The main process's handlers as the screen reaches them — through dispatch, with contract validation —
// against a real sandbox store over HTTP.

import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryTokenVault } from '../../electron/connection/token-vault.ts';
import { createDesk, type Desk } from '../../electron/desk.ts';
import { RECENT_READ_MS } from '../../electron/members/members.ts';
import { startSandbox, type SandboxStore } from '../../electron/sandbox/server.ts';
import { memorySettingsStore } from '../../electron/settings/settings.ts';
import type { JournalTiming } from '../../electron/shop/session.ts';
import { recordingPrinter } from '../harness/printer.ts';
import { deskCalls, MANAGER_PIN } from './desk-calls.ts';

let sandbox: SandboxStore;
let desk: Desk;
let dataDir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ members: 200, drainPerSecond: 40 });
});
afterAll(() => sandbox.close());
/** A desk on the sandbox with this test's data folder; `journalTiming` shortens the journal's windows. */
const deskFor = (journalTiming?: JournalTiming) =>
  createDesk({
    vault: memoryTokenVault(),
    settings: memorySettingsStore({ apiUrl: sandbox.url }),
    dataDir,
    printer: recordingPrinter(),
    previewUrl: (id) => `preview/${id}`,
    journalTiming,
  });

beforeEach(async () => {
  // A fresh data folder each time: the journal and directory of the shop live there.
  dataDir = await mkdtemp(join(tmpdir(), 'loyalty-desk-test-'));
  desk = deskFor();
});
afterEach(async () => {
  await desk.close();
  sandbox.clearFaults();
  await rm(dataDir, { recursive: true, force: true });
});

const { value, refused, connectAsManager } = deskCalls(() => desk);

const connect = () => connectAsManager(sandbox.tokens.readWrite);

/** Connected, with the member directory's first sync finished. */
async function connectAndSync() {
  await connect();
  await until(async () => (await value('getDirectoryStatus')).complete);
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('connecting a store', () => {
  it('explains a wrong token and keeps nothing', async () => {
    expect(await refused('connectStore', { token: 'wrong-token-1234', pin: MANAGER_PIN, storeName: 'Hoa Sen' })).toMatchObject({ code: 'unauthorized' });
    expect(await value('getStatus')).toMatchObject({ mode: 'none' });
    expect((await value('getSettings')).storeName).toBe('');
  });

  it('keeps the store name asked with the first token once the token is accepted', async () => {
    await value('connectStore', { token: sandbox.tokens.readWrite, pin: MANAGER_PIN, storeName: '  Hoa Sen — Quận 1 ' });
    expect((await value('getSettings')).storeName).toBe('Hoa Sen — Quận 1');
  });

  it('refuses a read-only token: it could not change points', async () => {
    const requests = sandbox.ledger().length;
    expect(await refused('connectStore', { token: sandbox.tokens.readOnly, pin: MANAGER_PIN })).toMatchObject({ code: 'missing_scope', detail: 'loy.write_profiles' });
    expect(await value('getStatus')).toMatchObject({ mode: 'none' });
    expect(sandbox.ledger()).toHaveLength(requests);
  });

  it('connects with a read-write token and shows only its last four characters', async () => {
    const status = await connect();
    expect(status).toMatchObject({ mode: 'store', tokenHint: `…${sandbox.tokens.readWrite.slice(-4)}`, health: 'online' });
    expect(JSON.stringify(status)).not.toContain(sandbox.tokens.readWrite);
  });
});

describe('lookup', () => {
  beforeEach(connectAndSync);

  it.each(['0909977921', '0909 977 921', '0909.977.921', '+84 909977921', '84909977921'])('finds the member on %s', async (typed) => {
    const result = await value('lookup', { query: typed });
    expect(result.query).toEqual({ kind: 'phone', national: '0909977921', display: '0909 977 921' });
    expect(result.members.map((m) => m.id)).toEqual(sandbox.profiles().filter((p) => p.phone === '0909977921').map((p) => p.id));
  });

  it('finds members stored as +84…, 84… and in the pre-2018 form', async () => {
    const plus = await value('lookup', { query: '0912 345 678' });
    expect(plus.members.map((m) => [m.phone, m.phoneDisplay, m.phoneMasked])).toEqual([['+84912345678', '0912 345 678', '0912 *** 678']]);
    const bare = await value('lookup', { query: '0987654321' });
    expect(bare.members.map((m) => m.phone)).toEqual(['84987654321']);
    const legacy = await value('lookup', { query: '0389 977 921' });
    expect(legacy.members.map((m) => [m.phone, m.phoneDisplay])).toEqual([['01689977921', '0389 977 921']]);
  });

  it('lists every member sharing a phone', async () => {
    const shared = sandbox.profiles().filter((p) => p.phone === '0903123456');
    expect(shared.length).toBe(2);
    const result = await value('lookup', { query: '0903 123 456' });
    expect(result.members.map((m) => m.id)).toEqual(shared.map((p) => p.id));
  });

  it('finds a member by card number, and a card given since the last sync after syncing', async () => {
    const member = sandbox.profiles().find((p) => p.profile_card_number === '100006037105')!;
    const result = await value('lookup', { query: '100006037105' });
    expect(result.query).toEqual({ kind: 'card', cardNumber: '100006037105' });
    expect(result.members.map((m) => [m.id, m.point_available])).toEqual([[member.id, member.point_available]]);
    const newest = sandbox.profiles().at(-1)!;
    sandbox.updateProfile(newest.id, { profile_card_number: '999000111222' });
    expect((await value('lookup', { query: '999000111222' })).members).toEqual([]);
    // A sync already under way may have read past the change: the one asked for after it brings it.
    await value('syncDirectory');
    await until(async () => (await value('lookup', { query: '999000111222' })).members.length > 0);
    expect((await value('lookup', { query: '999000111222' })).members.map((m) => m.id)).toEqual([newest.id]);
    expect((await value('lookup', { query: '100006037199' })).members).toEqual([]);
  });

  it('finds members by name without diacritics, offline too', async () => {
    const an = sandbox.profiles().find((p) => p.profile_card_number === '100006037101')!;
    await sandbox.stop();
    try {
      const result = await value('lookup', { query: 'nguyen van an' });
      expect(result.query).toEqual({ kind: 'name', text: 'nguyen van an' });
      expect(result.members.map((m) => m.id)).toContain(an.id);
      const member = await value('getMember', { memberId: an.id });
      expect(member).toMatchObject({ live: false, point_available: an.point_available, tags: [] });
    } finally {
      await sandbox.start();
    }
  });

  it('says plainly when nobody has the number, as understood', async () => {
    const result = await value('lookup', { query: '+84 977 000 000' });
    expect(result).toEqual({ query: { kind: 'phone', national: '0977000000', display: '0977 000 000' }, members: [], more: false, directoryIncomplete: false, storeUnreachable: false });
  });

  it('finds a member added since the last sync online by phone', async () => {
    const newest = sandbox.profiles().at(-1)!;
    sandbox.updateProfile(newest.id, { phone: '0866 123 987' });
    const result = await value('lookup', { query: '0866123987' });
    expect(result.members).toEqual([]);
    sandbox.updateProfile(newest.id, { phone: '0866123987' });
    expect((await value('lookup', { query: '0866 123 987' })).members.map((m) => m.id)).toEqual([newest.id]);
  });

  it.each([
    ['', 'empty'],
    ['12345', 'too_short'],
    ['0209977921', 'unknown_prefix'],
    ['+84 90 99', 'too_short'],
  ])('refuses %j before any request (%s)', async (typed, problem) => {
    const before = sandbox.stats().requests;
    expect(await refused('lookup', { query: typed })).toMatchObject({ code: 'invalid_input', detail: problem });
    expect(sandbox.stats().requests).toBe(before);
  });

  it('opens a member with tags and attributes', async () => {
    const rich = sandbox.profiles().find((p) => p.profile_card_number === '100006037110')!;
    const member = await value('getMember', { memberId: rich.id });
    expect(member.tags).toEqual(sandbox.tags(rich.id).split(','));
    expect(member.attributes).toEqual(rich.attributes);
    expect(member.point_available).toBe(rich.point_available);
  });
});

describe('points', () => {
  beforeEach(connectAndSync);

  it('adds and redeems exactly once, answering with the new balance', async () => {
    const member = sandbox.profiles().find((p) => p.phone === '0909977921')!;
    const added = await value('addPoints', { memberId: member.id, points: 40, reason: 'Mua hàng', orderRef: 'HD-77', reasonKind: 'promotion' });
    expect(added).toMatchObject({ state: 'applied', member: { point_available: member.point_available + 40 } });
    const redeemed = await value('subtractPoints', { memberId: member.id, points: 15, reason: ' Đổi điểm đơn #HD-78 ', orderRef: 'HD-78' });
    expect(redeemed.member.point_available).toBe(member.point_available + 25);
    const ledger = sandbox.ledger().filter((e) => e.profileId === member.id).slice(-2);
    expect(ledger.map((e) => [e.direction, e.value, e.reason, e.ref_id])).toEqual([
      ['add', 40, 'Mua hàng', 'HD-77'],
      ['subtract', 15, 'Đổi điểm đơn #HD-78', 'HD-78'],
    ]);
  });

  it.each([0, -3, 2.5])('refuses %d points at the boundary', async (points) => {
    expect(await refused('addPoints', { memberId: 360101, points, reason: 'x', orderRef: '', reasonKind: 'promotion' })).toMatchObject({ code: 'invalid_input', detail: 'points' });
  });

  it('refuses a redemption over the last known balance before recording it', async () => {
    const member = sandbox.profiles().find((p) => p.phone === '0909977921')!;
    const error = await refused('subtractPoints', { memberId: member.id, points: member.point_available + 1, reason: 'Đổi điểm', orderRef: '' });
    expect(error).toMatchObject({ code: 'invalid_input', detail: 'over_known_balance' });
    expect(await value('listJournal', {})).toEqual([]);
  });

  it('shows the server’s words when another till spent the points meanwhile, and keeps the rejection', async () => {
    const member = sandbox.profiles().find((p) => p.phone === '0909977921')!;
    sandbox.adjustDirectly(member.id, 'subtract', member.point_available - 5, 'Quầy khác');
    const error = await refused('subtractPoints', { memberId: member.id, points: 50, reason: 'Đổi điểm', orderRef: 'HD-9' });
    expect(error).toMatchObject({ code: 'validation', detail: 'point is greater than point_available' });
    const [entry] = await value('listJournal', {});
    expect(entry).toMatchObject({ state: 'rejected', points: 50, refId: 'HD-9', memberPhoneMasked: '0909 *** 921' });
    expect((await value('getStatus')).journal.rejected).toBe(1);
  });
});

describe('offline, through the journal', () => {
  beforeEach(connectAndSync);

  it('queues adds and redeems within the limits, then sends each exactly once when the store is back', async () => {
    const member = sandbox.profiles().find((p) => p.profile_card_number === '100006037111')!;
    await value('updateSettings', { offlineRedeemCapPoints: 300 });
    await sandbox.stop();
    try {
      expect(await value('getMember', { memberId: member.id })).toMatchObject({ live: false });
      const added = await value('addPoints', { memberId: member.id, points: 30, reason: 'Mua hàng', orderRef: 'OFF-1', reasonKind: 'promotion' });
      expect(added).toMatchObject({ state: 'queued', member: { point_available: member.point_available + 30 } });
      expect(await refused('subtractPoints', { memberId: member.id, points: 301, reason: 'Đổi điểm', orderRef: 'OFF-2' })).toMatchObject({
        code: 'invalid_input',
        detail: 'over_offline_cap',
      });
      expect(await value('subtractPoints', { memberId: member.id, points: 200, reason: 'Đổi điểm', orderRef: 'OFF-3' })).toMatchObject({ state: 'queued' });
      // The card, opened again, carries what waits: the screen shows it as expected.
      expect(await value('getMember', { memberId: member.id })).toMatchObject({ live: false, point_available: member.point_available, waiting: { count: 2, points: -170 } });
      expect(await value('getStatus')).toMatchObject({ pendingAdjustments: 2, journal: { pending: 2 } });
    } finally {
      await sandbox.start();
    }
    await value('retryJournal');
    await until(async () => (await value('getStatus')).pendingAdjustments === 0);
    const ledger = sandbox.ledger().filter((e) => e.profileId === member.id && e.ref_id.startsWith('OFF-'));
    expect(ledger.map((e) => [e.direction, e.value, e.ref_id])).toEqual([
      ['add', 30, 'OFF-1'],
      ['subtract', 200, 'OFF-3'],
    ]);
    const applied = await value('listJournal', { states: ['applied'] });
    expect(applied.map((e) => e.refId).sort()).toEqual(['OFF-1', 'OFF-3']);
    const exported = await value('exportJournal');
    expect(readFileSync(exported.file, 'utf8')).toContain('OFF-3');
  });
});

describe('the cashier’s send and what is left to the journal', () => {
  let timed: Desk;
  const timedCalls = deskCalls(() => timed);
  beforeEach(async () => {
    await desk.close();
    // The same desk with the journal's windows shortened to fractions of a second.
    timed = deskFor({ settleMs: 300, retryMs: 50, maxRetryMs: 250, probeMs: 150 });
    desk = timed;
    await timedCalls.connectAsManager(sandbox.tokens.readWrite);
    await until(async () => (await timedCalls.value('getDirectoryStatus')).complete);
  });

  it('a redeem whose answer never came is settled by the journal on its own, once', async () => {
    const member = sandbox.profiles().find((p) => p.profile_card_number === '100006037111')!;
    // A till that has applied a change before knows that the shop's Haravan marks points changes.
    const other = sandbox.profiles().findLast((p) => p.status === 'enabled')!;
    expect((await timedCalls.value('addPoints', { memberId: other.id, points: 1, reason: 'Tích điểm', orderRef: 'FIRST-1', reasonKind: 'promotion' })).state).toBe('applied');
    sandbox.addFault({ kind: 'drop-before-apply', count: 1, on: 'write' });
    const error = await timedCalls.refused('subtractPoints', { memberId: member.id, points: 40, reason: 'Đổi điểm', orderRef: 'UNC-1' });
    expect(error).toMatchObject({ code: 'uncertain' });
    // Nobody presses anything: the entry is resent after the settle window and applied once.
    await until(async () => (await timedCalls.value('getStatus')).pendingAdjustments === 0);
    expect(sandbox.ledger().filter((row) => row.ref_id === 'UNC-1')).toHaveLength(1);
    expect((await timedCalls.value('listJournal', {})).find((entry) => entry.refId === 'UNC-1')).toMatchObject({ state: 'applied', attempts: 2, lastError: null });
  });

  it('a new till’s very first change, unanswered, goes to a manager: it cannot yet read the store’s marks', async () => {
    const member = sandbox.profiles().find((p) => p.profile_card_number === '100006037111')!;
    sandbox.addFault({ kind: 'drop-before-apply', count: 1, on: 'write' });
    expect(await timedCalls.refused('subtractPoints', { memberId: member.id, points: 40, reason: 'Đổi điểm', orderRef: 'NEW-1' })).toMatchObject({ code: 'uncertain' });
    await until(async () => (await timedCalls.value('getStatus')).journal.needs_review === 1);
    expect((await timedCalls.value('listJournal', {}))[0]).toMatchObject({ state: 'needs_review', reviewReason: 'no_change_time', attempts: 1 });
    expect(sandbox.ledger().filter((row) => row.ref_id === 'NEW-1')).toHaveLength(0);
  });

  it('says where sending stopped when the address is not a store, and goes on once it is', async () => {
    const member = sandbox.profiles().find((p) => p.profile_card_number === '100006037111')!;
    sandbox.addFault({ kind: 'wrong-address' });
    const outcome = await timedCalls.value('addPoints', { memberId: member.id, points: 5, reason: 'Mua hàng', orderRef: 'WRONG-1', reasonKind: 'promotion' });
    expect(outcome.state).toBe('queued');
    expect(await timedCalls.value('getStatus')).toMatchObject({ journalPausedBy: 'wrong_address', pendingAdjustments: 1, journal: { rejected: 0 } });
    sandbox.clearFaults();
    await until(async () => (await timedCalls.value('getStatus')).pendingAdjustments === 0);
    expect(await timedCalls.value('getStatus')).toMatchObject({ journalPausedBy: null });
    expect(sandbox.ledger().filter((row) => row.ref_id === 'WRONG-1')).toHaveLength(1);
  });
});

describe('a refused token', () => {
  it('pauses sending; a new token of the same shop sends what was waiting, once', async () => {
    const tokenA = sandbox.issueToken(['loy.read_profiles', 'loy.write_profiles']);
    await connectAsManager(tokenA);
    await until(async () => (await value('getDirectoryStatus')).complete);
    const member = sandbox.profiles().find((p) => p.profile_card_number === '100006037111')!;
    const first = await value('addPoints', { memberId: member.id, points: 11, reason: 'Mua hàng', orderRef: 'TOK-1', reasonKind: 'promotion' });
    expect(first.state).toBe('applied');
    sandbox.revokeToken(tokenA);
    const second = await value('addPoints', { memberId: member.id, points: 12, reason: 'Mua hàng', orderRef: 'TOK-2', reasonKind: 'promotion' });
    expect(second).toMatchObject({ state: 'queued', member: { point_available: first.member.point_available + 12 } });
    expect(await value('getStatus')).toMatchObject({ journalPausedBy: 'token_refused', pendingAdjustments: 1 });
    await connectAsManager(sandbox.issueToken(['loy.read_profiles', 'loy.write_profiles']));
    await until(async () => (await value('getStatus')).pendingAdjustments === 0);
    expect(await value('getStatus')).toMatchObject({ journalPausedBy: null });
    expect(sandbox.ledger().filter((e) => e.ref_id.startsWith('TOK-')).map((e) => e.ref_id)).toEqual(['TOK-1', 'TOK-2']);
  });
});

describe('status line health', () => {
  beforeEach(connect);

  it('says slowed by the rate limit after a 429, and offline when the store is unreachable', async () => {
    sandbox.addFault({ kind: 'rate-limit', count: 1, retryAfterSeconds: 0.01 });
    await value('getMember', { memberId: 360101 });
    expect((await value('getStatus')).health).toBe('rate_limited');
    await sandbox.stop();
    // Moments later the member would not be read again: later, the store is asked and found unreachable.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + RECENT_READ_MS + 1_000 });
    try {
      expect(await value('getMember', { memberId: 360101 })).toMatchObject({ live: false, id: 360101 });
      expect((await value('getStatus')).health).toBe('offline');
    } finally {
      vi.useRealTimers();
      await sandbox.start();
    }
  });
});

describe('settings', () => {
  it('refuses a bad value with the field named, and changes nothing', async () => {
    expect(await refused('updateSettings', { pointValueDong: -1 })).toMatchObject({ code: 'invalid_input', detail: 'pointValueDong' });
    expect(await refused('updateSettings', { apiUrl: 'https://user:secret@example.com' })).toMatchObject({ code: 'invalid_input', detail: 'apiUrl' });
    expect(await refused('updateSettings', { apiUrl: 'http://apis.example.com' })).toMatchObject({ code: 'invalid_input', detail: 'apiUrl' });
    expect(await refused('updateSettings', { apiUrl: `https://a.example/${'x'.repeat(100_000)}` })).toMatchObject({ code: 'invalid_input', detail: 'apiUrl' });
    expect(await refused('updateSettings', { timeZone: 'Mars/Olympus' })).toMatchObject({ code: 'invalid_input', detail: 'timeZone' });
    expect(await value('getSettings')).toMatchObject({ pointValueDong: 1000, apiUrl: sandbox.url, timeZone: 'Asia/Ho_Chi_Minh' });
  });
});
