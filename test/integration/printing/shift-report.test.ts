// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { AdjustmentState } from '../../../electron/printing/adjustments.ts';
import { renderShiftReport, shiftReportCsv, shiftTotals, type ShiftAdjustment } from '../../../electron/printing/shift-report.ts';
import { readCsv } from '../export/read-csv.ts';
import { field, parse, textOf } from './dom.ts';
import { AN, NO_NAME, SHIFT_ADJUSTMENTS, SHIFT_REVERSALS, SHIFT_WITH_REVERSALS, THINH, THU, shiftInput, shiftMember } from './fixtures.ts';

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
    expect(totals.byState.applied).toEqual({ added: 500 + 150 + 128_650, redeemed: 900, count: 4, redeemedDong: 900_000 });
    expect(totals.byState.waiting).toEqual({ added: 300, redeemed: 100, count: 2, redeemedDong: 100_000 });
    expect(totals.byState.needs_review).toEqual({ added: 0, redeemed: 50_000, count: 1, redeemedDong: 50_000_000 });
    expect(totals.byState.rejected).toEqual({ added: 0, redeemed: 9_999, count: 1, redeemedDong: 9_999_000 });
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
          ['08:15 · Nguyễn Văn An', '+500', '0909 *** 921', 'Mua hàng · Hoá đơn 5.000.000 ₫ · Đơn hàng: #HD1001'],
          ['08:16 · Nguyễn Văn An', '-900', '0909 *** 921', 'Đổi quà · Giảm 900.000 ₫ · Đơn hàng: #HD1001'],
          ['09:40 · Đặng Thị Thu', '+150', '0978 *** 666', 'Mua hàng · Hoá đơn 1.500.000 ₫ · Đơn hàng: #HD1002'],
          ['10:05 · Huỳnh Đức Thịnh', '+128.650', '0988 *** 111', 'Mua hàng lớn · Hoá đơn 1.286.500.000 ₫ · Đơn hàng: #HD1003'],
        ],
      },
      {
        state: 'waiting',
        heading: 'Đang chờ gửi (2)',
        entries: [
          // No name: the masked phone stands in for it, once.
          ['11:30 · 0911 *** 333', '+300', 'Mua hàng · Hoá đơn 3.000.000 ₫ · Đơn hàng: #HD1004'],
          ['11:31 · Đặng Thị Thu', '-100', '0978 *** 666', 'Đổi điểm, "giảm giá" · Giảm 100.000 ₫ · Đơn hàng: #HD1005'],
        ],
      },
      {
        state: 'rejected',
        heading: 'Bị từ chối (1)',
        entries: [['14:45 · Nguyễn Văn An', '-9.999', '0909 *** 921', 'Đổi điểm vượt số dư · Giảm 9.999.000 ₫ · Đơn hàng: #HD1007']],
      },
      {
        state: 'needs_review',
        heading: 'Cần kiểm tra (1)',
        entries: [['13:02 · Huỳnh Đức Thịnh', '-50.000', '0988 *** 111', 'Đổi voucher · Giảm 50.000.000 ₫ · Đơn hàng: #HD1006']],
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
    expect(rows[3]).toEqual(['10:05', 'Huỳnh Đức Thịnh0988 *** 111', 'Mua hàng lớnHoá đơn 1.286.500.000 ₫', '#HD1003', '+128.650']);
    expect(field(doc, 'money')).toBe('Hoá đơn 5.000.000 ₫');
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
    expect(records[0]).toEqual([
      'Trạng thái', 'Giờ', 'Mã thành viên', 'Thành viên', 'Điện thoại', 'Điểm', 'Lý do', 'Đơn hàng',
      'Người mở ca', 'Loại', 'Số tiền (đồng)', 'Đảo ngược',
    ]);
    expect(records).toHaveLength(SHIFT_ADJUSTMENTS.length + 1);
    expect(records.every((r) => r.length === 12)).toBe(true);
    expect(records[1]).toEqual([
      'Đã áp dụng', '2025-11-29 08:15:00', '360101', 'Nguyễn Văn An', '0909 *** 921', '500', 'Mua hàng', '#HD1001',
      'Trần Thị Lan', 'Mua hàng', '5000000', '',
    ]);
    expect(records[5]).toEqual([
      'Đang chờ gửi', '2025-11-29 11:30:00', '360108', '', '0911 *** 333', '300', 'Mua hàng', '#HD1004', 'Trần Thị Lan', 'Mua hàng', '3000000', '',
    ]);
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
      '', 'Other', '', '',
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
    expect(records.slice(1).every((record) => record[0] === 'CHẾ ĐỘ TẬP — điểm tập, không có giá trị' && record.length === 13)).toBe(true);
    expect(parse(renderShiftReport(shiftInput('80mm')).html).querySelector('[data-field="training"]')).toBeNull();
  });
});

describe('who opened the shift', () => {
  it('is printed under the till, and left out for a shift from before names were asked', () => {
    expect(field(parse(renderShiftReport(shiftInput('58mm')).html), 'operator')).toBe('Trần Thị Lan');
    const en = parse(renderShiftReport(shiftInput('A4', { language: 'en' })).html);
    expect(textOf(en.querySelector('[data-field="operator"]')!.closest('.row')!)).toBe('Opened byTrần Thị Lan');
    for (const operator of ['', '   ', undefined]) {
      const doc = parse(renderShiftReport(shiftInput('80mm', { operator })).html);
      expect(doc.querySelector('[data-field="operator"]')).toBeNull();
      expect(textOf(doc.body)).not.toContain('Người mở ca');
    }
  });

  it('stays text when it is hostile, on paper and in the CSV', () => {
    const operator = '<img src=x onerror=alert(1)>';
    const doc = parse(renderShiftReport(shiftInput('58mm', { operator })).html);
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect(field(doc, 'operator')).toBe(operator);
    const records = readCsv(shiftReportCsv({ ...shiftInput('A4'), operator: '=cmd|"/c calc"!A1' }));
    expect(records.slice(1).every((r) => r[8] === `'=cmd|"/c calc"!A1`)).toBe(true);
  });
});

describe('the money and the reasons on the shift report', () => {
  const doc = parse(renderShiftReport(shiftInput('80mm', { adjustments: SHIFT_WITH_REVERSALS })).html);

  it('sums the money of redemptions applied and, apart, waiting; reversals are not redemptions', () => {
    expect(field(doc, 'applied.redeemed_money')).toBe('900.000 ₫');
    expect(field(doc, 'waiting.redeemed_money')).toBe('100.000 ₫');
    const totals = shiftTotals(SHIFT_WITH_REVERSALS);
    expect(totals.byState.applied.redeemedDong).toBe(900_000);
    expect(totals.byState.waiting.redeemedDong).toBe(100_000);
  });

  it('totals applied changes by reason: count, signed points and money, in a fixed order', () => {
    const rows = [...doc.querySelectorAll('[data-section="by_reason"] [data-kind]')].map((row) => row.getAttribute('data-kind'));
    expect(rows).toEqual(['redeem', 'purchase', 'promotion', 'correction', 'reversal', 'other']);
    const kind = (name: string) => [field(doc, `reason.${name}.count`), field(doc, `reason.${name}.points`), field(doc, `reason.${name}.money`)];
    expect(kind('redeem')).toEqual(['1', '-900', '900.000 ₫']);
    expect(kind('purchase')).toEqual(['3', '+129.300', '1.293.000.000 ₫']);
    expect(kind('promotion')).toEqual(['1', '+50', undefined]);
    expect(kind('correction')).toEqual(['1', '+5', undefined]);
    // The applied reversals: An's redemption given back (with its discount) and the one whose original is gone.
    expect(kind('reversal')).toEqual(['2', '+880', '900.000 ₫']);
    expect(kind('other')).toEqual(['1', '+7', undefined]);
    expect(textOf(doc.querySelector('[data-section="by_reason"] h2')!)).toBe('Đã áp dụng, theo loại');
    expect(textOf(doc.querySelector('[data-kind="redeem"]')!)).toBe('Đổi điểm (1)-900');
  });

  it('equals the applied points by state: the rows by reason add up to applied added less redeemed', () => {
    const totals = shiftTotals(SHIFT_WITH_REVERSALS);
    const byReason = Object.values(totals.byReason);
    expect(byReason.reduce((sum, r) => sum + r.signedPoints, 0)).toBe(totals.byState.applied.added - totals.byState.applied.redeemed);
    expect(byReason.reduce((sum, r) => sum + r.count, 0)).toBe(totals.byState.applied.count);
  });

  it('leaves out the kinds that had no applied change, and the section when nothing was applied', () => {
    const waiting = SHIFT_ADJUSTMENTS.filter((a) => a.state === 'waiting');
    expect(parse(renderShiftReport(shiftInput('58mm', { adjustments: waiting })).html).querySelector('[data-section="by_reason"]')).toBeNull();
    const only = parse(renderShiftReport(shiftInput('58mm')).html);
    expect([...only.querySelectorAll('[data-section="by_reason"] [data-kind]')].map((row) => row.getAttribute('data-kind'))).toEqual(['redeem', 'purchase']);
    expect(only.querySelector('[data-section="reversals"]')).toBeNull();
  });

  it('speaks English', () => {
    const en = parse(renderShiftReport(shiftInput('A4', { language: 'en', adjustments: SHIFT_WITH_REVERSALS })).html);
    expect(field(en, 'applied.redeemed_money')).toBe('₫900,000');
    expect(field(en, 'reason.purchase.money')).toBe('₫1,293,000,000');
    expect([...en.querySelectorAll('[data-section="by_reason"] [data-kind]')].map((row) => textOf(row.querySelector('.label')!))).toEqual([
      'Redeem (1)', 'Purchase (3)', 'Promotion (1)', 'Correction (1)', 'Reversal (2)', 'Other (1)',
    ]);
  });
});

describe('the reversals of the shift', () => {
  it('on a roll lists each with its time, member, the change it reverses, its state and the note', () => {
    const doc = parse(renderShiftReport(shiftInput('58mm', { adjustments: SHIFT_WITH_REVERSALS })).html);
    const section = doc.querySelector('[data-section="reversals"]')!;
    expect(textOf(section.querySelector('h2')!)).toBe('Đảo ngược (3)');
    const entries = [...section.querySelectorAll('.entry')].map((entry) => [...entry.querySelectorAll('.label, .value, .meta')].map(textOf));
    expect(entries).toEqual([
      [
        '15:10 · Nguyễn Văn An', '+900', '0909 *** 921',
        'Thay đổi gốc: -900 · Đổi quà · Đơn hàng: #HD1001 · 08:16 29/11/2025', 'Đã áp dụng · hoàn trả · Ghi chú: Khách trả quà, hoàn điểm',
      ],
      [
        '15:20 · Đặng Thị Thu', '-150', '0978 *** 666',
        'Thay đổi gốc: +150 · Mua hàng · Đơn hàng: #HD1002 · 09:40 29/11/2025', 'Đang chờ gửi · gửi hai lần · Ghi chú: Cửa hàng cộng hai lần',
      ],
      ['15:30 · 0911 *** 333', '-20', 'Thay đổi gốc: +20 · không còn trong nhật ký', 'Đã áp dụng · hoàn trả · Ghi chú: Nhập nhầm hôm trước'],
    ]);
    // In its state's list too, marked as a reversal, with the money its original carried.
    const applied = doc.querySelector('section[data-state="applied"]')!;
    const marked = [...applied.querySelectorAll('.entry')].filter((entry) => entry.querySelector('[data-field="reversal"]'));
    expect(marked.map((entry) => textOf([...entry.querySelectorAll('.meta')].at(-1)!))).toEqual([
      'Đảo ngược · Khách trả quà, hoàn điểm · Giảm 900.000 ₫ · Đơn hàng: #HD1001',
      'Đảo ngược · Nhập nhầm hôm trước',
    ]);
  });

  it('on A4 is a table, in English', () => {
    const doc = parse(renderShiftReport(shiftInput('A4', { language: 'en', adjustments: SHIFT_WITH_REVERSALS })).html);
    const section = doc.querySelector('[data-section="reversals"]')!;
    expect(textOf(section.querySelector('h2')!)).toBe('Reversals (3)');
    expect([...section.querySelectorAll('thead th')].map(textOf)).toEqual(['Time', 'Member', 'Original change', 'Note', 'Status', 'Points']);
    const rows = [...section.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map(textOf));
    expect(rows[0]).toEqual([
      '15:10', 'Nguyễn Văn An0909 *** 921', '-900 · Đổi quà · Order: #HD1001 · 29/11/2025, 08:16', 'Khách trả quà, hoàn điểm', 'Appliedrefund', '+900',
    ]);
    expect(rows[2]).toEqual(['15:30', '0911 *** 333', '+20 · no longer in the journal', 'Nhập nhầm hôm trước', 'Appliedrefund', '-20']);
  });

  it('keeps hostile notes, reasons and names as text', () => {
    const hostile: ShiftAdjustment = {
      ...SHIFT_REVERSALS[0]!,
      member: { id: 9, name: '<script>x()</script>', phoneMasked: '' },
      reason: '<img src=x onerror=alert(1)>',
      reverses: { ...SHIFT_REVERSALS[0]!.reverses!, reason: '<iframe src="//evil">', refId: '"><b>' },
    };
    for (const paper of ['58mm', 'A4'] as const) {
      const doc = parse(renderShiftReport(shiftInput(paper, { adjustments: [hostile] })).html);
      expect(doc.querySelectorAll('script, img, iframe, b')).toHaveLength(0);
      const section = doc.querySelector('[data-section="reversals"]')!;
      expect(textOf(section.querySelector('[data-field="note"]')!)).toBe('<img src=x onerror=alert(1)>');
      expect(textOf(section.querySelector('[data-field="original"]')!)).toContain('<iframe src="//evil">');
      expect(textOf(section)).toContain('<script>x()</script>');
    }
  });
});

describe('the shift CSV with money, kinds and reversals', () => {
  const records = readCsv(shiftReportCsv(shiftInput('A4', { adjustments: SHIFT_WITH_REVERSALS })));
  const byTime = (time: string) => records.find((r) => r[1] === `2025-11-29 ${time}:00`)!;

  it('adds the operator, the kind in words, the money in whole đồng and the change a reversal reverses', () => {
    expect(records).toHaveLength(SHIFT_WITH_REVERSALS.length + 1);
    expect(records.every((r) => r.length === 12)).toBe(true);
    expect(byTime('08:16').slice(8)).toEqual(['Trần Thị Lan', 'Đổi điểm', '900000', '']);
    expect(byTime('10:05').slice(8)).toEqual(['Trần Thị Lan', 'Mua hàng', '1286500000', '']);
    expect(byTime('15:10').slice(5)).toEqual(['900', 'Khách trả quà, hoàn điểm', '#HD1001', 'Trần Thị Lan', 'Đảo ngược', '900000', '2025-11-29 08:16:00 -900']);
    expect(byTime('15:20').slice(8)).toEqual(['Trần Thị Lan', 'Đảo ngược', '1500000', '2025-11-29 09:40:00 150']);
    // The original is no longer in the journal: nothing to say where it was.
    expect(byTime('15:30').slice(8)).toEqual(['Trần Thị Lan', 'Đảo ngược', '', '']);
    expect(byTime('16:00').slice(9, 11)).toEqual(['Khuyến mãi', '']);
    expect(byTime('16:05')[9]).toBe('Điều chỉnh');
    expect(byTime('16:10')[9]).toBe('Khác');
  });

  it('lets a spreadsheet sum the money of applied redemptions to the report’s figure', () => {
    const redeemed = records.filter((r) => r[0] === 'Đã áp dụng' && r[9] === 'Đổi điểm').reduce((sum, r) => sum + Number(r[10]), 0);
    expect(redeemed).toBe(shiftTotals(SHIFT_WITH_REVERSALS).byState.applied.redeemedDong);
  });

  it('speaks English, and keeps the training column first in Training mode', () => {
    const en = readCsv(shiftReportCsv({ ...shiftInput('A4', { language: 'en', adjustments: SHIFT_WITH_REVERSALS }), training: true }));
    expect(en[0]).toEqual([
      'Mode', 'Status', 'Time', 'Member ID', 'Member', 'Phone', 'Points', 'Reason', 'Order', 'Opened by', 'Reason kind', 'Money (VND)', 'Reverses',
    ]);
    expect(en.slice(1).every((r) => r[0] === 'TRAINING — practice points, not valid' && r.length === 13)).toBe(true);
    expect(en.find((r) => r[2] === '2025-11-29 15:10:00')!.slice(10)).toEqual(['Reversal', '900000', '2025-11-29 08:16:00 -900']);
  });
});
