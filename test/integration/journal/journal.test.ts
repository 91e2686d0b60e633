// The journal file itself: durable entries, constraints that refuse bad rows, the state machine in the
// database, manual resolution rules, the audit trail and the CSV export. Real SQLite files on disk.
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoyaltyError } from '../../../electron/haravan/errors.ts';
import { openJournal, type Journal } from '../../../electron/journal/journal.ts';
import { migrate, SCHEMA_VERSION } from '../../../electron/journal/schema.ts';
import { CSV_HEADER } from '../../../electron/journal/csv.ts';
import type { RecordInput } from '../../../electron/journal/types.ts';
import { readCsv } from '../export/read-csv.ts';
import { temporaryFolder } from './helpers.ts';

let folder: ReturnType<typeof temporaryFolder>;
let file: string;
let journal: Journal | undefined;

beforeEach(() => {
  folder = temporaryFolder();
  file = folder.path('journal.sqlite');
});
afterEach(() => {
  journal?.close();
  journal = undefined;
  folder.remove();
});

const open = () => (journal = openJournal(file, { till: 'Quầy 1' }));

const input = (overrides: Partial<RecordInput> = {}): RecordInput => ({
  member: { id: 360101, phone: '0909977921', name: 'Nguyễn Văn An' },
  direction: 'add',
  points: 25,
  reason: 'Tích điểm đơn #1001',
  refId: 'HD-1001',
  balanceBefore: 6100,
  ...overrides,
});

/** Another program opening the same file, as a person with the sqlite3 tool would. */
function rawDatabase(): DatabaseSync {
  journal?.close();
  journal = undefined;
  return new DatabaseSync(file);
}

describe('durability', () => {
  it('keeps a recorded entry across close and reopen, with its creation event', () => {
    const recorded = open().record(input());
    journal!.close();
    journal = undefined;
    const reopened = open();
    expect(reopened.get(recorded.id)).toEqual(recorded);
    expect(recorded).toMatchObject({
      seq: 1,
      memberId: 360101,
      memberName: 'Nguyễn Văn An',
      direction: 'add',
      points: 25,
      till: 'Quầy 1',
      state: 'pending',
      attempts: 0,
      cardBalanceBefore: 6100,
      cardBalanceAfter: 6125,
      sentBalanceBefore: null,
      lastError: null,
    });
    expect(recorded.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(recorded.createdAt)).not.toBeNaN();
    expect(reopened.history(recorded.id)).toEqual([
      expect.objectContaining({ from: null, to: 'pending', at: recorded.createdAt }),
    ]);
  });

  it('opens the file in WAL mode at the current schema version', () => {
    open();
    const db = rawDatabase();
    try {
      expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
      expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: SCHEMA_VERSION });
    } finally {
      db.close();
    }
  });

  it('refuses a second process or connection on the same file while one has it open', () => {
    open();
    expect(() => openJournal(file, { till: 'Quầy 2' })).toThrow(/open in another process/);
  });

  it('turns an entry left `sending` by a crash into `uncertain` when reopened', () => {
    const entry = open().record(input());
    journal!.beginSend(entry.id, { point_available: 6100 }, 0);
    journal!.close();
    journal = undefined;
    const reopened = open();
    expect(reopened.get(entry.id)).toMatchObject({ state: 'uncertain', attempts: 1, sentBalanceBefore: 6100, sentBalanceAfter: 6125 });
    expect(reopened.history(entry.id).map((event) => event.to)).toEqual(['pending', 'sending', 'uncertain']);
  });

  it('refuses a file written by a newer schema and migrates an empty one step by step', () => {
    const db = new DatabaseSync(file);
    const steps: string[] = [];
    migrate(db, [() => steps.push('v1'), () => steps.push('v2')]);
    expect(steps).toEqual(['v1', 'v2']);
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: 2 });
    migrate(db, [() => steps.push('again'), () => steps.push('again')]);
    expect(steps).toEqual(['v1', 'v2']);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    expect(() => open()).toThrow(/newer Loyalty Desk/);
    journal = undefined;
  });
});

describe('constraints', () => {
  it('refuses bad input before writing anything', () => {
    open();
    const refused = (bad: Partial<RecordInput>) => {
      try {
        journal!.record(input(bad));
      } catch (error) {
        expect(error).toBeInstanceOf(LoyaltyError);
        return (error as LoyaltyError).detail;
      }
      return 'accepted';
    };
    expect(refused({ points: 0 })).toBe('points');
    expect(refused({ points: -5 })).toBe('points');
    expect(refused({ points: 2.5 })).toBe('points');
    expect(refused({ reason: '   ' })).toBe('reason');
    expect(refused({ direction: 'multiply' as 'add' })).toBe('direction');
    expect(refused({ member: { id: 0, phone: '', name: '' } })).toBe('member');
    expect(refused({ balanceBefore: -1 })).toBe('balanceBefore');
    expect(journal!.list()).toEqual([]);
  });

  it('refuses bad rows, illegal transitions, changed content and deletions in the database itself', () => {
    const entry = open().record(input());
    const db = rawDatabase();
    try {
      const insert = (points: unknown, direction = 'add') => () =>
        db
          .prepare(
            `INSERT INTO entries (id, member_id, member_phone, member_name, direction, points, reason, ref_id, till,
              created_at, state, card_balance_before, card_balance_after, updated_at)
             VALUES (?, 1, '', '', ?, ?, 'r', '', 't', 'now', 'pending', 10, 10 + ?, 'now')`,
          )
          .run('00000000-0000-0000-0000-000000000000', direction, points as number, points as number);
      expect(insert(0)).toThrow(/CHECK constraint/);
      expect(insert(-3)).toThrow(/CHECK constraint/);
      expect(insert(1.5)).toThrow(/cannot store REAL value in INTEGER column|CHECK/);
      expect(insert(5, 'gift')).toThrow(/CHECK constraint/);
      expect(() => db.prepare(`UPDATE entries SET state = 'applied' WHERE id = ?`).run(entry.id)).toThrow(/illegal journal state transition/);
      expect(() => db.prepare(`UPDATE entries SET state = 'teleported' WHERE id = ?`).run(entry.id)).toThrow(/constraint|illegal/);
      expect(() => db.prepare('UPDATE entries SET points = 999 WHERE id = ?').run(entry.id)).toThrow(/never changes/);
      expect(() => db.prepare('DELETE FROM entries').run()).toThrow(/only settled journal entries are ever purged/);
      expect(() => db.prepare(`UPDATE events SET detail = 'edited'`).run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
    expect(open().get(entry.id)).toEqual(entry);
  });
});

describe('queries', () => {
  it('lists in creation order with filters, counts per state and sums unresolved redeems', () => {
    open();
    const a = journal!.record(input({ refId: 'A' }));
    const b = journal!.record(input({ refId: 'B', direction: 'subtract', points: 100 }));
    const c = journal!.record(input({ refId: 'C', member: { id: 360102, phone: '', name: '' }, direction: 'subtract', points: 7 }));
    const d = journal!.record(input({ refId: 'D', direction: 'subtract', points: 30 }));
    journal!.discard(d.id, { by: 'Quản lý Hoa', reason: 'Khách đổi ý' });
    expect(journal!.list().map((e) => e.refId)).toEqual(['A', 'B', 'C', 'D']);
    expect(journal!.list({ memberId: 360101, states: ['pending'] }).map((e) => e.id)).toEqual([a.id, b.id]);
    expect(journal!.list({ limit: 1 }).map((e) => e.id)).toEqual([a.id]);
    expect(journal!.list({ states: [] })).toEqual([]);
    expect(journal!.counts()).toEqual({ pending: 3, sending: 0, applied: 0, rejected: 0, uncertain: 0, needs_review: 0, discarded: 1 });
    expect(journal!.pendingRedeemsFor(360101)).toBe(100);
    expect(journal!.pendingRedeemsFor(c.memberId)).toBe(7);
    journal!.beginSend(b.id, { point_available: 6100 }, 0);
    expect(journal!.pendingRedeemsFor(360101)).toBe(100);
  });
});

describe('manual resolution', () => {
  it('discards only pending or rejected entries, keeping who and why', () => {
    const entry = open().record(input());
    expect(() => journal!.discard(entry.id, { by: '', reason: 'x' })).toThrow(/who decided/);
    const discarded = journal!.discard(entry.id, { by: 'Quản lý Hoa', reason: 'Nhập nhầm số điểm' });
    expect(discarded).toMatchObject({ state: 'discarded', resolvedBy: 'Quản lý Hoa', resolutionNote: 'Nhập nhầm số điểm' });
    expect(() => journal!.discard(entry.id, { by: 'Hoa', reason: 'again' })).toThrow(/Only pending or rejected/);
    expect(journal!.history(entry.id).at(-1)).toMatchObject({ from: 'pending', to: 'discarded', detail: 'discarded by Quản lý Hoa: Nhập nhầm số điểm' });
  });

  it('resolves only needs_review entries', () => {
    const entry = open().record(input());
    expect(() => journal!.resolve(entry.id, 'applied', { by: 'Hoa', reason: 'checked' })).toThrow(/Only needs_review/);
    expect(() => journal!.discard('no-such-entry', { by: 'Hoa', reason: 'x' })).toThrow(/No journal entry/);
  });
});

describe('CSV export', () => {
  it('writes every field with a BOM, Vietnamese intact, formulas neutralised and phones masked', () => {
    open();
    journal!.record(input({ reason: 'Đổi quà "Tết", 2 hộp\nbánh', refId: '=HYPERLINK("x")' }));
    journal!.record(input({ member: { id: 360102, phone: '+84912345678', name: 'Lê Thị Ngọc Hân' }, refId: 'HD-2' }));
    const csv = journal!.exportCsv();
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const records = readCsv(csv);
    expect(records[0]).toEqual(CSV_HEADER);
    expect(records).toHaveLength(3);
    const row = (index: number) => Object.fromEntries(CSV_HEADER.map((name, i) => [name, records[index]![i]]));
    expect(row(1)).toMatchObject({
      member_name: 'Nguyễn Văn An',
      reason: 'Đổi quà "Tết", 2 hộp\nbánh',
      ref_id: `'=HYPERLINK("x")`,
      state: 'pending',
      points: '25',
      card_balance_after: '6125',
      sent_balance_before: '',
      till: 'Quầy 1',
    });
    expect(row(2)).toMatchObject({ member_phone: '0912 *** 678', member_name: 'Lê Thị Ngọc Hân' });
    expect(records.every((record) => record.length === CSV_HEADER.length)).toBe(true);
  });
});
