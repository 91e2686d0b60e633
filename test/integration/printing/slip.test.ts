// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { PrintedAdjustment } from '../../../electron/printing/adjustments.ts';
import { redeemedThisVisit, renderSlip } from '../../../electron/printing/slip.ts';
import { PAPERS } from '../../../electron/printing/paper.ts';
import { field, parse, textOf } from './dom.ts';
import { AN, NO_NAME, PRINTED_AT, THINH, slipInput } from './fixtures.ts';

describe('renderSlip in Vietnamese', () => {
  const doc = parse(renderSlip(slipInput('58mm')).html);
  const text = textOf(doc.body);

  it('prints the store, the title and the time in the store zone', () => {
    expect(doc.documentElement.lang).toBe('vi');
    expect(textOf(doc.querySelector('.store')!)).toBe('Cửa hàng Hoa Sen — Quận 1');
    expect(text).toContain('PHIẾU ĐIỂM THÀNH VIÊN');
    // 07:03 UTC is 14:03 in Ho Chi Minh City.
    expect(field(doc, 'printed_at')).toBe('14:03 29/11/2025');
  });

  it('prints the member with a masked phone, card, level and balances in Vietnamese formats', () => {
    expect(field(doc, 'name')).toBe('Nguyễn Văn An');
    expect(field(doc, 'phone')).toBe('0909 *** 921');
    expect(text).not.toContain('977');
    expect(field(doc, 'card')).toBe('100006037101');
    expect(field(doc, 'level')).toBe('Thành viên');
    expect(field(doc, 'point_available')).toBe('6.100');
    expect(field(doc, 'point_incoming')).toBe('0');
    expect(field(doc, 'point_used')).toBe('900');
    expect(field(doc, 'total_spent')).toBe('1.035.000 ₫');
  });

  it('prints the card as a Code 128 barcode', () => {
    const svg = doc.querySelector('svg.barcode');
    expect(svg?.getAttribute('aria-label')).toBe('100006037101');
    expect(svg?.querySelectorAll('rect')).toHaveLength(28);
  });

  it("prints this visit's adjustments with sign, reason, order and state in words", () => {
    const entries = [...doc.querySelectorAll('.entry')].map((entry) =>
      ['.label', '.value', '.meta'].map((part) => textOf(entry.querySelector(part)!)),
    );
    expect(entries).toEqual([
      ['Mua hàng', '+500', 'Đơn hàng: #HD1001 · Đã áp dụng'],
      ['Đổi quà: bình giữ nhiệt', '-900', 'Đơn hàng: #HD1001 · Đang chờ gửi'],
      ['Khuyến mãi sinh nhật', '+1.200', 'Cần kiểm tra'],
      ['Đổi điểm vượt số dư', '-7.000', 'Đơn hàng: #HD1002 · Bị từ chối'],
    ]);
    expect(text).toContain('Số điểm ở trên chưa gồm các thay đổi đang chờ gửi hoặc cần kiểm tra.');
  });

  it('ends with the footer, line breaks kept', () => {
    const footer = doc.querySelector('.footer');
    expect(footer?.textContent).toBe('Cảm ơn quý khách!\nHẹn gặp lại.');
  });
});

describe('renderSlip in English', () => {
  const doc = parse(renderSlip(slipInput('80mm', { language: 'en', store: { name: 'Lotus Store', footer: '' } })).html);
  const text = textOf(doc.body);

  it('uses English words and formats, still whole đồng', () => {
    expect(doc.documentElement.lang).toBe('en');
    expect(text).toContain('LOYALTY SUMMARY');
    expect(field(doc, 'printed_at')).toBe('29/11/2025, 14:03');
    expect(field(doc, 'point_available')).toBe('6,100');
    expect(field(doc, 'total_spent')).toBe('₫1,035,000');
    const states = [...doc.querySelectorAll('.entry .meta')].map(textOf);
    expect(states).toEqual(['Order: #HD1001 · Applied', 'Order: #HD1001 · Waiting to send', 'Needs review', 'Order: #HD1002 · Rejected']);
    expect(doc.querySelector('.footer')).toBeNull();
  });
});

describe('renderSlip edge cases', () => {
  it('keeps hostile text as text', () => {
    const input = slipInput('58mm', {
      member: { ...AN, last_name: '<script>alert("x")</script>', first_name: '&amp;' },
      store: { name: '<img src=x onerror=alert(1)>', footer: '</main><b>bold</b>' },
      adjustments: [{ direction: 'add', points: 5, reason: '<iframe src="//evil">', refId: '"><svg onload=alert(1)>', state: 'applied' }],
    });
    const { html } = renderSlip(input);
    const doc = parse(html);
    expect(doc.querySelectorAll('script, img, iframe, b')).toHaveLength(0);
    expect(doc.querySelectorAll('svg')).toHaveLength(1);
    expect(field(doc, 'name')).toBe('<script>alert("x")</script> &amp;');
    expect(textOf(doc.querySelector('.store')!)).toBe('<img src=x onerror=alert(1)>');
    expect(textOf(doc.querySelector('.entry')!)).toContain('<iframe src="//evil">');
    expect(html).not.toMatch(/<script|<img|<iframe|<svg onload/i);
  });

  it('names a member without a name by the masked phone, and prints no separate phone line', () => {
    const doc = parse(renderSlip(slipInput('58mm', { member: NO_NAME })).html);
    expect(field(doc, 'name')).toBe('0911 *** 333');
    expect(field(doc, 'phone')).toBeUndefined();
  });

  it('leaves out the card and barcode when the member has none, and the level when empty', () => {
    const doc = parse(renderSlip(slipInput('58mm', { member: { ...AN, profile_card_number: '', level_name: '' } })).html);
    expect(field(doc, 'card')).toBeUndefined();
    expect(field(doc, 'level')).toBeUndefined();
    expect(doc.querySelector('svg')).toBeNull();
  });

  it('prints the card number but no barcode when Code 128 cannot carry it', () => {
    const doc = parse(renderSlip(slipInput('58mm', { member: { ...AN, profile_card_number: 'THẺ-01' } })).html);
    expect(field(doc, 'card')).toBe('THẺ-01');
    expect(doc.querySelector('svg')).toBeNull();
  });

  it('says so when nothing changed this visit, without the pending note', () => {
    const doc = parse(renderSlip(slipInput('58mm', { member: THINH, adjustments: [] })).html);
    expect(textOf(doc.body)).toContain('Lần này không thay đổi điểm.');
    expect(doc.querySelector('.note')).toBeNull();
    expect(field(doc, 'total_spent')).toBe('128.650.000 ₫');
  });

  it('lays out thermal rolls as stacked entries and A4 as a table', () => {
    const a4 = parse(renderSlip(slipInput('A4')).html);
    const rows = [...a4.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map(textOf));
    expect(rows[0]).toEqual(['Mua hàng', '#HD1001', 'Đã áp dụng', 'Hoá đơn 5.000.000 ₫', '+500']);
    expect(rows[2]).toEqual(['Khuyến mãi sinh nhật', '', 'Cần kiểm tra', '', '+1.200']);
    expect(a4.querySelectorAll('.entry')).toHaveLength(0);
    expect(parse(renderSlip(slipInput('80mm')).html).querySelectorAll('table')).toHaveLength(0);
  });
});

describe('the printable document', () => {
  it.each(PAPERS)('on %s is self-contained with print CSS for the paper', (paper) => {
    const { html, paper: spec } = renderSlip(slipInput(paper));
    expect(spec.id).toBe(paper);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    // Nothing to fetch, nothing to run.
    expect(html).not.toMatch(/<script|<link|\bsrc=|\bhref=|url\(|@import/i);
    expect(html).toContain('overflow-wrap: anywhere');
    if (paper === 'A4') {
      expect(html).toContain('@page { size: A4; margin: 14mm 12mm; }');
      expect(spec).toMatchObject({ widthMm: 210, heightMm: 297 });
    } else {
      expect(html).toContain('@page { margin: 0; }');
      expect(html).toContain(`.sheet { width: ${spec.printableWidthMm}mm;`);
      expect(spec.heightMm).toBeNull();
    }
  });
});

describe('renderSlip with changes waiting and in Training mode', () => {
  it('prints the expected balance the screen shows, marked as expected', () => {
    const doc = parse(renderSlip(slipInput('80mm', { expectedBalance: 5200 })).html);
    expect(textOf(doc.querySelector('[data-field="point_available"]')!.closest('.row')!)).toBe('Điểm khả dụng (dự kiến)5.200');
    expect(textOf(doc.body)).toContain('Dự kiến: đã gồm các thay đổi đang chờ gửi đến cửa hàng.');
    expect(textOf(doc.body)).not.toContain('Số điểm ở trên chưa gồm');
  });

  it('is boxed with the training mark at its top and its end; a real slip has none', () => {
    for (const paper of PAPERS) {
      const doc = parse(renderSlip(slipInput(paper, { training: true })).html);
      const marks = [...doc.querySelectorAll('[data-field="training"]')].map((mark) => textOf(mark));
      expect(marks).toEqual(['CHẾ ĐỘ TẬP — điểm tập, không có giá trị', 'CHẾ ĐỘ TẬP — điểm tập, không có giá trị']);
      expect(doc.querySelector('.sheet')!.firstElementChild!.getAttribute('data-field')).toBe('training');
      expect(doc.querySelector('.sheet')!.lastElementChild!.getAttribute('data-field')).toBe('training');
    }
    expect(parse(renderSlip(slipInput('80mm')).html).querySelector('[data-field="training"]')).toBeNull();
  });
});

/**
 * A visit with money: a redemption applied and one waiting, a bill, a redemption refused, and the manager's
 * reversal of the applied redemption (the points given back, its discount carried).
 */
const MONEY_VISIT: PrintedAdjustment[] = [
  { direction: 'subtract', points: 100, reason: 'Đổi điểm', refId: '#HD2001', state: 'applied', reasonKind: 'redeem', moneyDong: 100_000 },
  { direction: 'add', points: 10, reason: 'Mua hàng', refId: '#HD2001', state: 'applied', reasonKind: 'purchase', moneyDong: 105_000 },
  { direction: 'subtract', points: 50, reason: 'Đổi điểm', refId: '#HD2002', state: 'waiting', reasonKind: 'redeem', moneyDong: 50_000 },
  { direction: 'subtract', points: 9_000, reason: 'Đổi điểm', refId: '#HD2003', state: 'rejected', reasonKind: 'redeem', moneyDong: 9_000_000 },
  { direction: 'add', points: 100, reason: 'Khách trả hàng', refId: '#HD2001', state: 'applied', reasonKind: null, moneyDong: 100_000, isReversal: true },
  { direction: 'add', points: 5, reason: 'Sửa sai', refId: '', state: 'applied', reasonKind: 'correction', moneyDong: null },
];

describe('renderSlip with the money behind each change', () => {
  const entries = (doc: Document) =>
    [...doc.querySelectorAll('.entry')].map((entry) => ({
      points: textOf(entry.querySelector('.value')!),
      money: entry.querySelector('[data-field="money"]') ? textOf(entry.querySelector('[data-field="money"]')!) : undefined,
      reversal: entry.querySelector('[data-field="reversal"]') !== null,
    }));

  it.each(['58mm', '80mm'] as const)('on %s prints a discount, a bill and a reversal beside their points, in Vietnamese', (paper) => {
    const doc = parse(renderSlip(slipInput(paper, { adjustments: MONEY_VISIT })).html);
    expect(entries(doc)).toEqual([
      { points: '-100', money: 'Giảm 100.000 ₫', reversal: false },
      { points: '+10', money: 'Hoá đơn 105.000 ₫', reversal: false },
      { points: '-50', money: 'Giảm 50.000 ₫', reversal: false },
      { points: '-9.000', money: 'Giảm 9.000.000 ₫', reversal: false },
      // Giving back a redemption's points carries its discount.
      { points: '+100', money: 'Giảm 100.000 ₫', reversal: true },
      { points: '+5', money: undefined, reversal: false },
    ]);
    expect(textOf(doc.querySelectorAll('.entry')[4]!.querySelector('.meta')!)).toBe('Đảo ngược · Đơn hàng: #HD2001 · Đã áp dụng');
    // Applied and waiting redemptions; the refused one is not counted, the reversal is its own line.
    expect(field(doc, 'redeemed_this_visit')).toBe('Đã đổi lần này: 150 điểm = 150.000 ₫');
  });

  it('prints the money in a column on A4, in English', () => {
    const doc = parse(renderSlip(slipInput('A4', { language: 'en', adjustments: MONEY_VISIT })).html);
    expect([...doc.querySelectorAll('thead th')].map(textOf)).toEqual(['Reason', 'Order', 'Status', 'Money', 'Points']);
    const rows = [...doc.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map(textOf));
    expect(rows).toEqual([
      ['Đổi điểm', '#HD2001', 'Applied', 'Discount ₫100,000', '-100'],
      ['Mua hàng', '#HD2001', 'Applied', 'Bill ₫105,000', '+10'],
      ['Đổi điểm', '#HD2002', 'Waiting to send', 'Discount ₫50,000', '-50'],
      ['Đổi điểm', '#HD2003', 'Rejected', 'Discount ₫9,000,000', '-9,000'],
      ['Reversal · Khách trả hàng', '#HD2001', 'Applied', 'Discount ₫100,000', '+100'],
      ['Sửa sai', '', 'Applied', '', '+5'],
    ]);
    expect(doc.querySelectorAll('tbody tr[data-reversal="true"]')).toHaveLength(1);
    expect(field(doc, 'redeemed_this_visit')).toBe('Redeemed this visit: 150 points = ₫150,000');
  });

  it('prints the default visit with its bill and the waiting redemption counted', () => {
    const doc = parse(renderSlip(slipInput('58mm')).html);
    expect([...doc.querySelectorAll('[data-field="money"]')].map(textOf)).toEqual(['Hoá đơn 5.000.000 ₫', 'Giảm 900.000 ₫', 'Giảm 7.000.000 ₫']);
    expect(field(doc, 'redeemed_this_visit')).toBe('Đã đổi lần này: 900 điểm = 900.000 ₫');
  });

  it('prints no money and no redeemed line when nothing has a money value', () => {
    const adjustments: PrintedAdjustment[] = [
      { direction: 'subtract', points: 100, reason: 'Đổi điểm', refId: '', state: 'applied', reasonKind: 'redeem', moneyDong: null },
      { direction: 'subtract', points: 100, reason: 'Đổi điểm', refId: '', state: 'applied', reasonKind: 'redeem', moneyDong: 0 },
      { direction: 'add', points: 5, reason: 'Cũ', refId: '', state: 'applied' },
    ];
    const doc = parse(renderSlip(slipInput('80mm', { adjustments })).html);
    expect(doc.querySelector('[data-field="money"]')).toBeNull();
    expect(field(doc, 'redeemed_this_visit')).toBeUndefined();
    expect(redeemedThisVisit(adjustments)).toEqual({ points: 0, dong: 0 });
  });

  it('counts only redemptions applied or waiting, whatever the order of the list', () => {
    const states = ['applied', 'waiting', 'needs_review', 'rejected'] as const;
    const adjustments: PrintedAdjustment[] = states.flatMap((state, i) => [
      { direction: 'subtract' as const, points: 10 + i, reason: 'r', refId: '', state, reasonKind: 'redeem' as const, moneyDong: (10 + i) * 1000 },
      { direction: 'add' as const, points: 10 + i, reason: 'r', refId: '', state, isReversal: true, moneyDong: (10 + i) * 1000 },
    ]);
    expect(redeemedThisVisit(adjustments)).toEqual({ points: 21, dong: 21_000 });
    expect(redeemedThisVisit([...adjustments].reverse())).toEqual({ points: 21, dong: 21_000 });
  });

  it('keeps a hostile reason on a money line as text', () => {
    const doc = parse(
      renderSlip(
        slipInput('A4', {
          adjustments: [
            { direction: 'add', points: 1, reason: '<img src=x onerror=alert(1)>', refId: '<b>x</b>', state: 'applied', isReversal: true, moneyDong: 1000 },
          ],
        }),
      ).html,
    );
    expect(doc.querySelectorAll('img, b')).toHaveLength(0);
    expect(textOf(doc.querySelector('tbody tr')!)).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('a reprinted slip', () => {
  const reprintedAt = new Date('2025-11-29T08:30:00Z');

  it.each(['58mm', '80mm', 'A4'] as const)('on %s carries a reprint mark at the top and the same figures as the first print', (paper) => {
    const first = slipInput(paper);
    const firstDoc = parse(renderSlip(first).html);
    const doc = parse(renderSlip({ ...first, printedAt: reprintedAt, reprint: { firstPrintedAt: first.printedAt } }).html);
    expect(field(doc, 'reprint')).toBe('BẢN IN LẠI — in lần đầu lúc 14:03 29/11/2025');
    expect(doc.querySelector('.sheet')!.firstElementChild!.getAttribute('data-field')).toBe('reprint');
    expect(field(doc, 'printed_at')).toBe('15:30 29/11/2025');
    for (const name of ['name', 'phone', 'card', 'level', 'point_available', 'point_incoming', 'point_used', 'total_spent', 'redeemed_this_visit']) {
      expect(field(doc, name)).toBe(field(firstDoc, name));
    }
    const list = (d: Document) => textOf(d.querySelector('section:has(h2) h2')!.parentElement!);
    expect(list(doc)).toBe(list(firstDoc));
    expect(firstDoc.querySelector('[data-field="reprint"]')).toBeNull();
  });

  it('says so in English, and stays inside the training marks in Training mode', () => {
    const input = slipInput('80mm', { language: 'en', training: true, printedAt: reprintedAt, reprint: { firstPrintedAt: PRINTED_AT } });
    const doc = parse(renderSlip(input).html);
    expect(field(doc, 'reprint')).toBe('REPRINT — first printed 29/11/2025, 14:03');
    const sheet = doc.querySelector('.sheet')!;
    expect(sheet.firstElementChild!.getAttribute('data-field')).toBe('training');
    expect(sheet.children[1]!.getAttribute('data-field')).toBe('reprint');
    expect(sheet.lastElementChild!.getAttribute('data-field')).toBe('training');
  });
});
