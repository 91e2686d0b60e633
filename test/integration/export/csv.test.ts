// Exports open safely in a spreadsheet: the journal CSV and the shift CSV, written by the one CSV writer,
// read back with a real parser in every way a spreadsheet might split them; no cell starts a formula,
// whatever a cashier typed or the store sent. Phones are masked unless a manager asked for them.
import { describe, expect, it } from 'vitest';
import { neutralised, toCsv } from '../../../electron/export/csv.ts';
import { journalCsv } from '../../../electron/journal/csv.ts';
import type { JournalEntry } from '../../../electron/journal/types.ts';
import { shiftReportCsv } from '../../../electron/printing/shift-report.ts';
import { AN, shiftMember } from '../printing/fixtures.ts';
import { READINGS, readCsv, startsFormula } from './read-csv.ts';

/** Text that runs as a formula in some spreadsheet when it starts a cell, as the review found them. */
const HOSTILE = [
  'Khách;=HYPERLINK("http://evil.example","Bấm vào đây")',
  '+1;=2+3',
  '=cmd|\' /C calc\'!A0',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '-2+3',
  '\t=1+1',
  'Dòng 1\r\n=1+1',
  'a,=1+1',
  'a\t@x',
  '＝１＋１',
  '  =1+1',
];

function entry(overrides: Partial<JournalEntry>): JournalEntry {
  return {
    id: '6f1c2b1e-1d2a-4c3b-9a8e-0c1d2e3f4a5b', seq: 1, memberId: 360101, memberPhone: '0909977921', memberName: 'Nguyễn Văn An',
    direction: 'subtract', points: 150, reason: 'Đổi điểm', refId: 'HD1', till: 'Quầy 1', createdAt: '2025-11-20T02:05:00.000Z',
    state: 'applied', attempts: 1, lastError: null, cardBalanceBefore: 6100, cardBalanceAfter: 5950, sentBalanceBefore: 6100,
    sentBalanceAfter: 5950, sentPointUsedBefore: null, sentUpdatedAtBefore: null, lastSentAt: null, attemptFromUs: null,
    attemptToUs: null, attemptEndedAt: null, settleWaitedMs: null, unansweredAttempts: 0, reviewReason: null, duplicateCheck: null,
    duplicateCheckBalance: null, duplicateCheckStamp: null, decidedStamp: null, reasonKind: null, moneyDong: null, reversesId: null, reversalKind: null,
    serverBalance: 5950, updatedAt: '2025-11-20T02:05:00.000Z', resolvedBy: null, resolutionNote: null, ...overrides,
  };
}

function expectNoFormula(csv: string, what: string): void {
  for (const reading of READINGS) {
    const cells = readCsv(csv, reading).flat();
    const running = cells.filter(startsFormula);
    expect(running, `${what}, read on ${JSON.stringify(reading.delimiter)} ${reading.quotes ? 'with' : 'without'} quotes`).toEqual([]);
  }
}

describe('the CSV writer', () => {
  it('quotes every cell, doubles quotes, keeps numbers as numbers and Vietnamese intact', () => {
    const csv = toCsv([
      ['Tên', 'Điểm'],
      ['Đổi quà "Tết", 2 hộp', -25],
      [null, 0],
    ]);
    expect(csv).toBe('\uFEFF"Tên","Điểm"\r\n"Đổi quà ""Tết"", 2 hộp","-25"\r\n"","0"\r\n');
    expect(readCsv(csv)).toEqual([
      ['Tên', 'Điểm'],
      ['Đổi quà "Tết", 2 hộp', '-25'],
      ['', '0'],
    ]);
  });

  it.each(HOSTILE)('neutralises %j wherever a separator could start a cell', (text) => {
    expectNoFormula(toCsv([[text, 'x']]), JSON.stringify(text));
    // What a person reads is still the text, with an apostrophe where it was defused.
    expect(neutralised(text).replaceAll("'", '')).toBe(text.replaceAll("'", ''));
  });

  it('leaves ordinary text alone', () => {
    expect(neutralised('Đổi điểm đơn #HD1234, quầy 2')).toBe('Đổi điểm đơn #HD1234, quầy 2');
    expect(neutralised('0909 *** 921')).toBe('0909 *** 921');
  });
});

describe('the journal export', () => {
  const hostile = HOSTILE.map((text, seq) => entry({ seq, reason: text, refId: text, memberName: text, till: text, resolutionNote: text }));

  it('has no cell that starts a formula, read any way', () => {
    expectNoFormula(journalCsv(hostile, { fullPhones: false }), 'journal');
    expectNoFormula(journalCsv(hostile, { fullPhones: true }), 'journal with full phones');
  });

  it('masks phones unless the full list was asked for', () => {
    const stored = ['0909977921', '+84912345678'];
    const rows = (fullPhones: boolean) => readCsv(journalCsv(stored.map((memberPhone) => entry({ memberPhone })), { fullPhones }));
    const column = rows(false)[0]!.indexOf('member_phone');
    expect(rows(false).slice(1).map((row) => row[column])).toEqual(['0909 *** 921', '0912 *** 678']);
    expect(rows(true).slice(1).map((row) => row[column])).toEqual(['0909977921', "'+84912345678"]);
  });
});

describe('the shift export', () => {
  it('has no cell that starts a formula, read any way, and keeps signed points as numbers', () => {
    const adjustments = HOSTILE.map((text, i) => ({
      at: new Date(Date.UTC(2025, 10, 29, 1, i)),
      member: { ...shiftMember(AN), name: text },
      direction: i % 2 ? ('add' as const) : ('subtract' as const),
      points: 10 + i,
      reason: text,
      refId: text,
      state: 'applied' as const,
    }));
    const csv = shiftReportCsv({ language: 'vi', timeZone: 'Asia/Ho_Chi_Minh', adjustments });
    expectNoFormula(csv, 'shift');
    const points = readCsv(csv).slice(1).map((row) => Number(row[5]));
    expect(points).toEqual(adjustments.map((a) => (a.direction === 'add' ? a.points : -a.points)));
  });
});
