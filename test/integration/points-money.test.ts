// Points as money through the main process's handlers, against the sandbox store: what a redemption is
// worth, points from a bill checked against main's own rules, no purchase points where Haravan awards them,
// a manager's reversal that reaches the store exactly once, the day's members and who opened the shift.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryTokenVault } from '../../electron/connection/token-vault.ts';
import { createDesk, type Desk } from '../../electron/desk.ts';
import { openJournal } from '../../electron/journal/journal.ts';
import { shopFile } from '../../electron/shop/session.ts';
import { startSandbox, type SandboxStore } from '../../electron/sandbox/server.ts';
import { memorySettingsStore, type Settings } from '../../electron/settings/settings.ts';
import { recordingPrinter } from '../harness/printer.ts';
import { deskCalls, MANAGER_PIN } from './desk-calls.ts';

let sandbox: SandboxStore;
let desk: Desk;
let dataDir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ members: 60, drainPerSecond: 40 });
});
afterAll(() => sandbox.close());

/** A desk on the sandbox; `kept` is the vault and settings a restarted till finds again. */
const deskWith = (settings: Partial<Settings> = {}, kept = { vault: memoryTokenVault(), settings: memorySettingsStore({ apiUrl: sandbox.url, ...settings }) }) =>
  createDesk({
    ...kept,
    dataDir,
    printer: recordingPrinter(),
    previewUrl: (id) => `preview/${id}`,
    journalTiming: { settleMs: 300, retryMs: 50 },
  });

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'loyalty-desk-money-'));
});
afterEach(async () => {
  await desk.close();
  sandbox.clearFaults();
  await rm(dataDir, { recursive: true, force: true });
});

const { value, refused, connectAsManager } = deskCalls(() => desk);

/** The everyday member (6.100 points in the sandbox's fixed members), found by phone as the cashier would. */
async function everyday() {
  const found = await value('lookup', { query: '0909 977 921' });
  return value('getMember', { memberId: found.members[0]!.id });
}

const ref = (() => {
  let n = 0;
  return (prefix: string) => `${prefix}-${Date.now()}-${++n}`;
})();

describe('money behind a change', () => {
  it('keeps a redemption’s discount at the point value, and a purchase’s bill with the points it earns', async () => {
    desk = deskWith({ pointValueDong: 500, earnDongPerPoint: 20_000, earnRounding: 'nearest', salesRecordedInHaravan: false });
    await connectAsManager(sandbox.tokens.readWrite);
    const member = await everyday();
    const redeemRef = ref('MONEY');
    await value('subtractPoints', { memberId: member.id, points: 40, reason: 'Đổi điểm', orderRef: redeemRef });
    // 250.000 ₫ at 20.000 ₫ a point is 12,5: rounded to the nearest, 13.
    const billRef = ref('BILL');
    await value('addPoints', { memberId: member.id, points: 13, reason: 'Mua hàng', orderRef: billRef, reasonKind: 'purchase', billDong: 250_000 });
    const entries = await value('listJournal', {});
    const redeemed = entries.find((e) => e.refId === redeemRef)!;
    const earned = entries.find((e) => e.refId === billRef)!;
    expect([redeemed.state, redeemed.reasonKind, redeemed.moneyDong]).toEqual(['applied', 'redeem', 20_000]);
    expect([earned.state, earned.reasonKind, earned.moneyDong, earned.points]).toEqual(['applied', 'purchase', 250_000, 13]);
    expect(sandbox.ledger().filter((row) => row.ref_id === billRef).map((row) => row.value)).toEqual([13]);
  });

  it('refuses points from a bill that the earn rate does not give, recording nothing', async () => {
    desk = deskWith({ salesRecordedInHaravan: false });
    await connectAsManager(sandbox.tokens.readWrite);
    const member = await everyday();
    const before = sandbox.ledger().length;
    const billRef = ref('STALE');
    // 105.000 ₫ at 10.000 ₫ a point, rounded down, earns 10, not 11 (as a screen with older rules might say).
    const error = await refused('addPoints', { memberId: member.id, points: 11, reason: 'Mua hàng', orderRef: billRef, reasonKind: 'purchase', billDong: 105_000 });
    expect(error).toMatchObject({ code: 'invalid_input', detail: 'rules_changed' });
    expect(await refused('addPoints', { memberId: member.id, points: 10, reason: 'KM', orderRef: billRef, reasonKind: 'promotion', billDong: 105_000 })).toMatchObject({
      detail: 'reason_kind',
    });
    expect((await value('listJournal', {})).filter((e) => e.refId === billRef)).toEqual([]);
    expect(sandbox.ledger()).toHaveLength(before);
  });

  it('never adds points for a purchase where Haravan records the sales, and says why; promotions still go', async () => {
    desk = deskWith({ salesRecordedInHaravan: true });
    await connectAsManager(sandbox.tokens.readWrite);
    const member = await everyday();
    const purchaseRef = ref('TWICE');
    const error = await refused('addPoints', { memberId: member.id, points: 10, reason: 'Mua hàng', orderRef: purchaseRef, reasonKind: 'purchase', billDong: 100_000 });
    expect(error).toMatchObject({ code: 'invalid_input', detail: 'sales_in_haravan' });
    expect(sandbox.ledger().filter((row) => row.ref_id === purchaseRef)).toEqual([]);
    const promoRef = ref('PROMO');
    await value('addPoints', { memberId: member.id, points: 10, reason: 'Khuyến mãi', orderRef: promoRef, reasonKind: 'promotion' });
    expect(sandbox.ledger().filter((row) => row.ref_id === promoRef)).toHaveLength(1);
  });
});

describe('a manager’s reversal', () => {
  it('reaches the store exactly once, linked to its original, and is never made twice', async () => {
    desk = deskWith();
    await connectAsManager(sandbox.tokens.readWrite);
    const member = await everyday();
    const orderRef = ref('REFUND');
    await value('subtractPoints', { memberId: member.id, points: 120, reason: 'Đổi điểm', orderRef });
    const original = (await value('listJournal', {})).find((e) => e.refId === orderRef)!;
    // Without the PIN, nothing.
    await value('lockSettings');
    expect(await refused('reverseEntry', { id: original.id, note: 'Khách trả hàng' })).toMatchObject({ code: 'pin_required' });
    await value('unlockSettings', { pin: MANAGER_PIN });
    const reversal = await value('reverseEntry', { id: original.id, note: 'Khách trả hàng' });
    expect([reversal.direction, reversal.points, reversal.reversesId, reversal.reversalKind, reversal.moneyDong]).toEqual(['add', 120, original.id, 'refund', 120_000]);
    await until(async () => (await value('listJournal', {})).find((e) => e.id === reversal.id)?.state === 'applied');
    // A second press, from the panel or the card: refused, and nothing more reaches the store.
    expect(await refused('reverseEntry', { id: original.id, note: 'again' })).toMatchObject({ detail: 'reversed' });
    expect(await refused('reverseEntry', { id: reversal.id, note: 'undo the undo' })).toMatchObject({ detail: 'is_reversal' });
    const rows = sandbox.ledger().filter((row) => row.ref_id === orderRef);
    expect(rows.map((row) => [row.direction, row.value])).toEqual([['subtract', 120], ['add', 120]]);
    const card = await value('getMember', { memberId: member.id });
    expect(card.point_available).toBe(member.point_available);
    const listed = card.recentChanges.filter((change) => change.id === original.id || change.id === reversal.id);
    expect(listed.map((change) => [change.direction, change.state, change.isReversal, change.reversal])).toEqual([
      ['add', 'applied', true, 'none'],
      ['subtract', 'applied', false, 'applied'],
    ]);
  });

  it('stays reversed once both are past the retention period: a change and its reversal are purged together', async () => {
    const kept = { vault: memoryTokenVault(), settings: memorySettingsStore({ apiUrl: sandbox.url }) };
    desk = deskWith({}, kept);
    await connectAsManager(sandbox.tokens.readWrite);
    const member = await everyday();
    const orderRef = ref('PURGE');
    await value('subtractPoints', { memberId: member.id, points: 30, reason: 'Đổi điểm', orderRef });
    const original = (await value('listJournal', {})).find((e) => e.refId === orderRef)!;
    const reversal = await value('reverseEntry', { id: original.id, note: 'Khách trả hàng' });
    expect(reversal.state).toBe('applied');
    // The daily purge, run on the shop's file while the till is closed.
    const file = shopFile(dataDir, desk.connection.shopKey()!);
    await desk.close();
    const purge = (before: string) => {
      const journal = openJournal(file, { till: 'Quầy 1' });
      try {
        return journal.purgeSettledBefore(before);
      } finally {
        journal.close();
      }
    };
    // Only the original is past the retention period: nothing goes, or the reversal would be forgotten first.
    expect(purge(reversal.createdAt)).toBe(0);
    // Both past it: both go at once, and there is nothing left to reverse again.
    expect(purge(new Date(Date.now() + 86_400_000).toISOString())).toBeGreaterThanOrEqual(2);
    desk = deskWith({}, kept);
    await value('unlockSettings', { pin: MANAGER_PIN });
    expect(await refused('reverseEntry', { id: original.id, note: 'again' })).toMatchObject({ code: 'invalid_input' });
    expect(sandbox.ledger().filter((row) => row.ref_id === orderRef).map((row) => row.direction)).toEqual(['subtract', 'add']);
  });

  it('after the store refuses a reversal, says so, and a manager tries again once it is discarded', async () => {
    desk = deskWith();
    await connectAsManager(sandbox.tokens.readWrite);
    const member = await everyday();
    const orderRef = ref('SPENT');
    await value('addPoints', { memberId: member.id, points: 50, reason: 'Khuyến mãi', orderRef, reasonKind: 'promotion' });
    const original = (await value('listJournal', {})).find((e) => e.refId === orderRef)!;
    // The customer spent everything at another till: taking the 50 back is refused by the store.
    const balance = sandbox.profile(member.id)!.point_available;
    sandbox.adjustDirectly(member.id, 'subtract', balance, 'Quầy khác');
    const refusedReversal = await value('reverseEntry', { id: original.id, note: 'Nhầm khách' });
    expect(refusedReversal.state).toBe('rejected');
    expect((await value('listJournal', {})).find((e) => e.id === original.id)?.reversal).toBe('refused');
    expect(await refused('reverseEntry', { id: original.id, note: 'again' })).toMatchObject({ detail: 'reversal_refused' });
    await value('discardEntry', { id: refusedReversal.id, reason: 'Khách đã tiêu hết điểm' });
    sandbox.adjustDirectly(member.id, 'add', 100, 'Quầy khác');
    const second = await value('reverseEntry', { id: original.id, note: 'Nhầm khách' });
    expect(second.state).toBe('applied');
    expect(sandbox.ledger().filter((row) => row.ref_id === orderRef && row.source === 'api').map((row) => [row.direction, row.value])).toEqual([
      ['add', 50],
      ['subtract', 50],
    ]);
  });

  it('refuses to reverse what the store has not applied', async () => {
    desk = deskWith();
    await connectAsManager(sandbox.tokens.readWrite);
    const member = await everyday();
    sandbox.addFault({ kind: 'server-error', status: 503, count: 1000, on: 'write' });
    const orderRef = ref('NOTYET');
    await desk.dispatch('subtractPoints', { memberId: member.id, points: 5, reason: 'Đổi điểm', orderRef });
    const entry = (await value('listJournal', {})).find((e) => e.refId === orderRef)!;
    expect(entry.state).not.toBe('applied');
    expect(entry.reversal).toBe('none');
    await value('unlockSettings', { pin: MANAGER_PIN });
    expect(await refused('reverseEntry', { id: entry.id, note: 'too early' })).toMatchObject({ code: 'invalid_input', detail: 'state' });
    expect((await value('listJournal', {})).filter((e) => e.reversesId === entry.id)).toEqual([]);
  });
});

describe('what the screen is told and sends', () => {
  it('refuses a redemption whose discount the screen showed at another point value', async () => {
    desk = deskWith({ pointValueDong: 500 });
    await connectAsManager(sandbox.tokens.readWrite);
    const member = await everyday();
    const orderRef = ref('STALE-VALUE');
    expect(await refused('subtractPoints', { memberId: member.id, points: 10, reason: 'Đổi điểm', orderRef, discountDong: 10_000 })).toMatchObject({
      detail: 'rules_changed',
    });
    await value('subtractPoints', { memberId: member.id, points: 10, reason: 'Đổi điểm', orderRef, discountDong: 5000 });
    expect(sandbox.ledger().filter((row) => row.ref_id === orderRef)).toHaveLength(1);
  });

  it('requires an addition to say what it is for', async () => {
    desk = deskWith();
    await connectAsManager(sandbox.tokens.readWrite);
    const member = await everyday();
    expect(await refused('addPoints', { memberId: member.id, points: 10, reason: 'Mua hàng', orderRef: 'NOKIND' })).toMatchObject({ code: 'invalid_input' });
  });

  it('while the seal is broken, shows the screen the rules main acts on, not the file’s', async () => {
    const store = memorySettingsStore({ apiUrl: sandbox.url });
    desk = createDesk({ vault: memoryTokenVault(), settings: store, dataDir, printer: recordingPrinter(), previewUrl: (id) => `preview/${id}` });
    await connectAsManager(sandbox.tokens.readWrite);
    await value('updateSettings', { pointValueDong: 500, salesRecordedInHaravan: false });
    expect(await value('getSettings')).toMatchObject({ pointValueDong: 500, salesRecordedInHaravan: false });
    // Someone edits the file by hand.
    store.write({ ...store.read(), pointValueDong: 1_000_000, pinAbovePoints: 1_000_000_000 });
    const shown = await value('getSettings');
    expect([shown.pointValueDong, shown.salesRecordedInHaravan, shown.pinAbovePoints]).toEqual([1000, true, 10_000]);
  });
});

describe('the day at this till', () => {
  it('lists the members served today, the latest first, across a restart', async () => {
    const kept = { vault: memoryTokenVault(), settings: memorySettingsStore({ apiUrl: sandbox.url }) };
    desk = deskWith({}, kept);
    await connectAsManager(sandbox.tokens.readWrite);
    const phones = ['0909 977 921', '0912 345 678', '0978 555 666'];
    const ids: number[] = [];
    for (const phone of phones) {
      const found = await value('lookup', { query: phone });
      ids.push(found.members[0]!.id);
      await value('getMember', { memberId: found.members[0]!.id });
    }
    // The first comes back to the till.
    await value('getMember', { memberId: ids[0]! });
    expect((await value('recentMembers')).map((member) => member.id)).toEqual([ids[0], ids[2], ids[1]]);
    await desk.close();
    desk = deskWith({}, kept);
    expect((await value('recentMembers')).map((member) => member.id)).toEqual([ids[0], ids[2], ids[1]]);
  });

  it('names who opened the shift, and refuses a shift opened by nobody', async () => {
    desk = deskWith();
    await connectAsManager(sandbox.tokens.readWrite);
    expect(await refused('openShift', { operator: '   ' })).toMatchObject({ code: 'invalid_input' });
    const shift = await value('openShift', { operator: '  Ngọc Hân ' });
    expect(shift.operator).toBe('Ngọc Hân');
  });
});

describe('a journal from the version before', () => {
  it('opens with its entries, which have neither a kind nor money', async () => {
    const file = join(dataDir, 'old.db');
    const { DatabaseSync } = await import('node:sqlite');
    const { MIGRATIONS } = await import('../../electron/journal/schema.ts');
    const old = new DatabaseSync(file);
    for (const [version, step] of MIGRATIONS.slice(0, 3).entries()) {
      step(old);
      old.exec(`PRAGMA user_version = ${version + 1}`);
    }
    old.exec(`INSERT INTO entries (id, member_id, member_phone, member_name, direction, points, reason, ref_id, till, created_at, state,
      card_balance_before, card_balance_after, updated_at) VALUES ('00000000-0000-4000-8000-000000000001', 7, '', '', 'add', 5, 'x', '', 'Quầy 1',
      '2026-01-01T00:00:00.000Z', 'pending', 0, 5, '2026-01-01T00:00:00.000Z')`);
    old.close();
    const journal = openJournal(file, { till: 'Quầy 1' });
    try {
      expect(journal.list().map((e) => [e.points, e.reasonKind, e.moneyDong])).toEqual([[5, null, null]]);
      const next = journal.record({ member: { id: 7, phone: '', name: '' }, direction: 'subtract', points: 2, reason: 'y', refId: '', balanceBefore: 5, reasonKind: 'redeem', moneyDong: 2000 });
      expect([next.reasonKind, next.moneyDong]).toEqual(['redeem', 2000]);
      expect(() => journal.database.exec(`UPDATE entries SET money_dong = 1 WHERE id = '${next.id}'`)).toThrow(/never changes/);
      // The card's list of a member's changes is read through an index, not by scanning the journal.
      const plan = journal.database.prepare('EXPLAIN QUERY PLAN SELECT * FROM entries WHERE member_id = ? ORDER BY seq').all(7) as { detail: string }[];
      expect(plan.map((step) => step.detail).join(' ')).toMatch(/USING INDEX entries_by_member/);
    } finally {
      journal.close();
    }
  });
});

describe('shifts from another version', () => {
  it('gain an operator from the version before, and are refused from a newer one', async () => {
    const { DatabaseSync } = await import('node:sqlite');
    const { createShifts } = await import('../../electron/shift/shifts.ts');
    const old = new DatabaseSync(':memory:');
    old.exec(`CREATE TABLE schema_versions (module TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT;
      CREATE TABLE shifts (id INTEGER PRIMARY KEY, till TEXT NOT NULL, opened_at TEXT NOT NULL, closed_at TEXT) STRICT;
      INSERT INTO schema_versions VALUES ('shifts', 1); INSERT INTO shifts (till, opened_at) VALUES ('Quầy 1', '2026-01-01T00:00:00.000Z');`);
    expect(createShifts(old).current('Quầy 1')).toMatchObject({ operator: '', openedAt: '2026-01-01T00:00:00.000Z' });
    old.exec(`UPDATE schema_versions SET version = 9 WHERE module = 'shifts'`);
    expect(() => createShifts(old)).toThrow(/newer Loyalty Desk/);
    old.close();
  });
});

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
