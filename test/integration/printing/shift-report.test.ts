// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { AdjustmentState } from '../../../electron/printing/adjustments.ts';
import { renderShiftReport, shiftReportCsv, shiftTotals, type ShiftAdjustment } from '../../../electron/printing/shift-report.ts';
import { readCsv } from '../export/read-csv.ts';
import { field, parse, textOf } from './dom.ts';
import { AN, NO_NAME, SHIFT_ADJUSTMENTS, THINH, THU, shiftInput, shiftMember } from './fixtures.ts';

const STATES: AdjustmentState[] = ['applied', 'waiting', 'needs_review', 'rejected'];

function sum(adjustments: readonly ShiftAdjustment[], state: AdjustmentState, direction: 'add' | 'subtract'): number {
  return adjustments.filter((a) => a.state === state && a.direction === direction).reduce((total, a) => total + a.points, 0);
}

/** A deterministic mix of adjustments (a small LCG), so totals are checked on more than the hand-made sample. */
function randomAdjustments(count: number, seed: number): ShiftAdjustment[] {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    // The high bits: an LCG's low bits repeat with a short period.
    return Math.floor(state / 2 ** 16) % n;
  };
  const members = [AN, THU, THINH, NO_NAME].map(shiftMember);
  return Array.from({ length: count }, (_, i) => ({
    at: new Date(Date.UTC(2025, 10, 29, 1, i)),
    member: members[next(members.length)]!,
    direction: next(2) === 0 ? 'add' : 'subtract',
    points: 1 + next(20_000),
    reason: `Lý do ${i}`,
    refId: `#HD${2000 + i}`,
    state: STATES[next(STATES.length)]!,
  }));
}

describe('shiftTotals', () => {
  it('adds points by state and direction, and counts distinct members', () => {
    const totals = shiftTotals(SHIFT_ADJUSTMENTS);
    expect(totals.byState.applied).toEqual({ added: 500 + 150 + 128_650, redeemed: 900, count: 4 });
    expect(totals.byState.waiting).toEqual({ added: 300, redeemed: 100, count: 2 });
    expect(totals.byState.needs_review).toEqual({ added: 0, redeemed: 50_000, count: 1 });
    expect(totals.byState.rejected).toEqual({ added: 0, redeemed: 9_999, count: 1 });
    expect(totals.membersServed).toBe(4);
  });

  it.each([1, 2, 3])('equals the sums of the input on a random shift (seed %i)', (seed) => {
    const adjustments = randomAdjustments(200, seed);
    const totals = shiftTotals(adjustments);
    for (const state of STATES) {
      expect(totals.byState[state].added).toBe(sum(adjustments, state, 'add'));
      expect(totals.byState[state].redeemed).toBe(sum(adjustments, state, 'subtract'));
      expect(totals.byState[state].count).toBe(adjustments.filter((a) => a.state === state).length);
    }
    expect(totals.membersServed).toBe(new Set(adjustments.map((a) => a.member.id)).size);
  });
});

describe('renderShiftReport in Vietnamese', () => {
  const doc = parse(renderShiftReport(shiftInput('80mm')).html);

  it('prints the till and the shift times in the store zone', () => {
    expect(textOf(doc.body)).toContain('BÁO CÁO CA');
    expect(field(doc, 'till')).toBe('Quầy 2');
    expect(field(doc, 'opened_at')).toBe('08:00 29/11/2025');
    expect(field(doc, 'closed_at')).toBe('17:00 29/11/2025');
    expect(field(doc, 'printed_at')).toBe('17:05 29/11/2025');
  });

  it('prints totals that equal the input: applied and waiting, added and redeemed', () => {
    expect(field(doc, 'members_served')).toBe('4');
    expect(field(doc, 'applied.added')).toBe('+129.300');
    expect(field(doc, 'applied.redeemed')).toBe('-900');
    expect(field(doc, 'waiting.added')).toBe('+300');
    expect(field(doc, 'waiting.redeemed')).toBe('-100');
    expect(STATES.map((state) => field(doc, `${state}.count`))).toEqual(['4', '2', '1', '1']);
  });

  it('groups adjustments by state, oldest first, with member, points, reason, order and time', () => {
    const groups = [...doc.querySelectorAll('section[data-state]')].map((section) => ({
      state: section.getAttribute('data-state'),
      heading: textOf(section.querySelector('h2')!),
      entries: [...section.querySelectorAll('.entry')].map((entry) => [...entry.querySelectorAll('.label, .value, .meta')].map(textOf)),
    }));
    expect(groups).toEqual([
      {
        state: 'applied',
        heading: 'Đã áp dụng (4)',
        entries: [
          ['08:15 · Nguyễn Văn An', '+500', '0909 *** 921', 'Mua hàng · Đơn hàng: #HD1001'],
          ['08:16 · Nguyễn Văn An', '-900', '0909 *** 921', 'Đổi quà · Đơn hàng: #HD1001'],
          ['09:40 · Đặng Thị Thu', '+150', '0978 *** 666', 'Mua hàng · Đơn hàng: #HD1002'],
          ['10:05 · Huỳnh Đức Thịnh', '+128.650', '0988 *** 111', 'Mua hàng lớn · Đơn hàng: #HD1003'],
        ],
      },
      {
        state: 'waiting',
        heading: 'Đang chờ gửi (2)',
        entries: [
          // No name: the masked phone stands in for it, once.
          ['11:30 · 0911 *** 333', '+300', 'Mua hàng · Đơn hàng: #HD1004'],
          ['11:31 · Đặng Thị Thu', '-100', '0978 *** 666', 'Đổi điểm, "giảm giá" · Đơn hàng: #HD1005'],
        ],
      },
      {
        state: 'rejected',
        heading: 'Bị từ chối (1)',
        entries: [['14:45 · Nguyễn Văn An', '-9.999', '0909 *** 921', 'Đổi điểm vượt số dư · Đơn hàng: #HD1007']],
      },
      {
        state: 'needs_review',
        heading: 'Cần kiểm tra (1)',
        entries: [['13:02 · Huỳnh Đức Thịnh', '-50.000', '0988 *** 111', 'Đổi voucher · Đơn hàng: #HD1006']],
      },
    ]);
  });

  it('prints the same totals as the input on a random shift', () => {
    const adjustments = randomAdjustments(120, 7);
    const random = parse(renderShiftReport(shiftInput('58mm', { adjustments })).html);
    const signed = (n: number) => (n === 0 ? '0' : `${n > 0 ? '+' : '-'}${Math.abs(n).toLocaleString('vi-VN')}`);
    for (const state of ['applied', 'waiting'] as const) {
      expect(sum(adjustments, state, 'add')).toBeGreaterThan(0);
      expect(field(random, `${state}.added`)).toBe(signed(sum(adjustments, state, 'add')));
      expect(field(random, `${state}.redeemed`)).toBe(signed(-sum(adjustments, state, 'subtract')));
    }
    expect(random.querySelectorAll('.entry')).toHaveLength(120);
  });
});

describe('renderShiftReport', () => {
  it('speaks English', () => {
    const doc = parse(renderShiftReport(shiftInput('A4', { language: 'en' })).html);
    const text = textOf(doc.body);
    expect(text).toContain('SHIFT REPORT');
    expect(field(doc, 'opened_at')).toBe('29/11/2025, 08:00');
    expect(field(doc, 'applied.added')).toBe('+129,300');
    expect([...doc.querySelectorAll('section[data-state] h2')].map(textOf)).toEqual([
      'Applied (4)',
      'Waiting to send (2)',
      'Rejected (1)',
      'Needs review (1)',
    ]);
    expect([...doc.querySelectorAll('thead th')].slice(0, 5).map(textOf)).toEqual(['Time', 'Member', 'Reason', 'Order', 'Points']);
  });

  it('prints A4 as tables, one row per adjustment', () => {
    const doc = parse(renderShiftReport(shiftInput('A4')).html);
    const applied = doc.querySelector('section[data-state="applied"]')!;
    const rows = [...applied.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map(textOf));
    expect(rows[3]).toEqual(['10:05', 'Huỳnh Đức Thịnh0988 *** 111', 'Mua hàng lớn', '#HD1003', '+128.650']);
  });

  it('keeps hostile text as text', () => {
    const hostile = { id: 1, name: '<script>x()</script>', phoneMasked: '0909 *** 921' };
    const doc = parse(
      renderShiftReport(
        shiftInput('58mm', {
          till: '<b>Quầy</b>',
          adjustments: [{ at: new Date(), member: hostile, direction: 'add', points: 1, reason: '<img src=x>', refId: '', state: 'applied' }],
        }),
      ).html,
    );
    expect(doc.querySelectorAll('script, img, b')).toHaveLength(0);
    expect(field(doc, 'till')).toBe('<b>Quầy</b>');
    expect(textOf(doc.querySelector('.entry')!)).toContain('<script>x()</script>');
  });

  it('says so when the shift had no adjustments', () => {
    const doc = parse(renderShiftReport(shiftInput('58mm', { adjustments: [] })).html);
    expect(textOf(doc.body)).toContain('Ca này không có thay đổi điểm.');
    expect(field(doc, 'members_served')).toBe('0');
    expect(doc.querySelectorAll('section[data-state]')).toHaveLength(0);
  });
});

describe('shiftReportCsv', () => {
  const csv = shiftReportCsv(shiftInput('A4'));

  it('is UTF-8 with a BOM, CRLF records, a header and one record per adjustment, oldest first', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const records = readCsv(csv);
    expect(records[0]).toEqual(['Trạng thái', 'Giờ', 'Mã thành viên', 'Thành viên', 'Điện thoại', 'Điểm', 'Lý do', 'Đơn hàng']);
    expect(records).toHaveLength(SHIFT_ADJUSTMENTS.length + 1);
    expect(records.every((r) => r.length === 8)).toBe(true);
    expect(records[1]).toEqual(['Đã áp dụng', '2025-11-29 08:15:00', '360101', 'Nguyễn Văn An', '0909 *** 921', '500', 'Mua hàng', '#HD1001']);
    expect(records[5]).toEqual(['Đang chờ gửi', '2025-11-29 11:30:00', '360108', '', '0911 *** 333', '300', 'Mua hàng', '#HD1004']);
    expect(records.slice(1).map((r) => r[1])).toEqual([...records.slice(1).map((r) => r[1]!)].sort());
  });

  it('quotes commas and quotes', () => {
    expect(csv).toContain(',"Đổi điểm, ""giảm giá""",');
  });

  it('signs points so a column sum per state equals the report totals', () => {
    const records = readCsv(csv).slice(1);
    const applied = records.filter((r) => r[0] === 'Đã áp dụng').reduce((total, r) => total + Number(r[5]), 0);
    const totals = shiftTotals(SHIFT_ADJUSTMENTS).byState.applied;
    expect(applied).toBe(totals.added - totals.redeemed);
  });

  it('keeps line breaks inside a quoted field and defuses spreadsheet formulas', () => {
    const adjustments: ShiftAdjustment[] = [
      {
        at: new Date('2025-11-29T17:30:00Z'),
        member: shiftMember(AN),
        direction: 'add',
        points: 1,
        reason: '=HYPERLINK("http://x")',
        refId: 'dòng 1\r\ndòng 2',
        state: 'waiting',
      },
    ];
    const records = readCsv(shiftReportCsv({ language: 'en', timeZone: 'Asia/Ho_Chi_Minh', adjustments }));
    expect(records[0]![0]).toBe('Status');
    // 17:30 UTC on the 29th is already the 30th in Ho Chi Minh City.
    expect(records[1]).toEqual([
      'Waiting to send', '2025-11-30 00:30:00', '360101', 'Nguyễn Văn An', '0909 *** 921', '1', `'=HYPERLINK("http://x")`, 'dòng 1\r\ndòng 2',
    ]);
  });
});

describe('a shift report made in Training mode', () => {
  it('is boxed with the training mark on paper, and every CSV row carries it', () => {
    const doc = parse(renderShiftReport(shiftInput('80mm', { training: true })).html);
    expect([...doc.querySelectorAll('[data-field="training"]')].map((mark) => textOf(mark))).toEqual([
      'CHẾ ĐỘ TẬP — điểm tập, không có giá trị',
      'CHẾ ĐỘ TẬP — điểm tập, không có giá trị',
    ]);
    const records = readCsv(shiftReportCsv({ ...shiftInput('A4'), training: true }));
    expect(records[0]![0]).toBe('Chế độ');
    expect(records.slice(1).every((record) => record[0] === 'CHẾ ĐỘ TẬP — điểm tập, không có giá trị' && record.length === 9)).toBe(true);
    expect(parse(renderShiftReport(shiftInput('80mm')).html).querySelector('[data-field="training"]')).toBeNull();
  });
});
