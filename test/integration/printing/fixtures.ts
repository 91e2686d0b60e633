// Sample slips and shift reports for the printing tests (vitest here, Playwright in test/e2e): the sandbox's
// featured members as the screen receives them, and adjustments in every state.

import { featuredMembers } from '../../../electron/sandbox/featured.ts';
import { phoneForScreen } from '../../../electron/haravan/phone.ts';
import type { MemberProfile } from '../../../electron/ipc/contract.ts';
import type { Paper } from '../../../electron/printing/paper.ts';
import type { SlipInput } from '../../../electron/printing/slip.ts';
import { fullName } from '../../../electron/printing/format.ts';
import type { ShiftAdjustment, ShiftMember, ShiftReportInput } from '../../../electron/printing/shift-report.ts';

export function featured(id: number): MemberProfile {
  const member = featuredMembers().find((m) => m.profile.id === id);
  if (!member) throw new Error(`no featured member ${id}`);
  const { profile } = member;
  return { ...profile, profile_card_number: profile.profile_card_number ?? '', ...phoneForScreen(profile.phone), syncedAt: profile.updated_at };
}

/** Nguyễn Văn An: 6.100 available, 900 used, 1.035.000 ₫ spent, card 100006037101, 0909 977 921. */
export const AN = featured(360101);
/** Đặng Thị Thu: zero points. */
export const THU = featured(360109);
/** The member without a name, 0911 222 333. */
export const NO_NAME = featured(360108);
/** Huỳnh Đức Thịnh: 128.650.000 ₫ spent. */
export const THINH = featured(360111);

/** 14:03 on 29 November 2025 in Ho Chi Minh City (UTC+7). */
export const PRINTED_AT = new Date('2025-11-29T07:03:00Z');
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Long enough to wrap on any paper, with unbroken runs that only `overflow-wrap: anywhere` can break. */
export const LONG_TEXT = {
  lastName: 'Tôn Nữ Hoàng Phương Thảo Nguyễn Trần Lê',
  firstName: 'Khánh-Linh-Ngọc-Bích-Thuỳ-Dương-Xuân-Thu-Hạ-Đông',
  reason: 'Đổi điểm lấy phiếu quà tặng KHUYENMAITHANG11NAM2025KHACHHANGTHANTHIETHANGVANGVIP và túi vải',
  refId: 'HD-2025-11-29-0000000000000000000000000000000000000000000000001',
};

export function slipInput(paper: Paper, overrides: Partial<SlipInput> = {}): SlipInput {
  return {
    language: 'vi',
    timeZone: TIME_ZONE,
    printedAt: PRINTED_AT,
    store: { name: 'Cửa hàng Hoa Sen — Quận 1', footer: 'Cảm ơn quý khách!\nHẹn gặp lại.' },
    member: AN,
    adjustments: [
      { direction: 'add', points: 500, reason: 'Mua hàng', refId: '#HD1001', state: 'applied', reasonKind: 'purchase', moneyDong: 5_000_000 },
      { direction: 'subtract', points: 900, reason: 'Đổi quà: bình giữ nhiệt', refId: '#HD1001', state: 'waiting', reasonKind: 'redeem', moneyDong: 900_000 },
      { direction: 'add', points: 1200, reason: 'Khuyến mãi sinh nhật', refId: '', state: 'needs_review', reasonKind: 'promotion', moneyDong: null },
      { direction: 'subtract', points: 7000, reason: 'Đổi điểm vượt số dư', refId: '#HD1002', state: 'rejected', reasonKind: 'redeem', moneyDong: 7_000_000 },
    ],
    paper,
    ...overrides,
  };
}

/** A member as the journal remembers it for the shift report. */
export function shiftMember(member: MemberProfile): ShiftMember {
  return { id: member.id, name: fullName(member), phoneMasked: member.phoneMasked };
}

function at(hhmm: string): Date {
  return new Date(`2025-11-29T${hhmm}:00+07:00`);
}

const [an, thu, thinh, noName] = [AN, THU, THINH, NO_NAME].map(shiftMember) as [ShiftMember, ShiftMember, ShiftMember, ShiftMember];

/** A shift's changes in every state, with what they were for and the money behind them (10.000 ₫ a point earned, 1.000 ₫ a point off). */
export const SHIFT_ADJUSTMENTS: ShiftAdjustment[] = [
  { at: at('08:15'), member: an, direction: 'add', points: 500, reason: 'Mua hàng', refId: '#HD1001', state: 'applied', reasonKind: 'purchase', moneyDong: 5_000_000 },
  { at: at('08:16'), member: an, direction: 'subtract', points: 900, reason: 'Đổi quà', refId: '#HD1001', state: 'applied', reasonKind: 'redeem', moneyDong: 900_000 },
  { at: at('09:40'), member: thu, direction: 'add', points: 150, reason: 'Mua hàng', refId: '#HD1002', state: 'applied', reasonKind: 'purchase', moneyDong: 1_500_000 },
  { at: at('10:05'), member: thinh, direction: 'add', points: 128_650, reason: 'Mua hàng lớn', refId: '#HD1003', state: 'applied', reasonKind: 'purchase', moneyDong: 1_286_500_000 },
  { at: at('11:30'), member: noName, direction: 'add', points: 300, reason: 'Mua hàng', refId: '#HD1004', state: 'waiting', reasonKind: 'purchase', moneyDong: 3_000_000 },
  { at: at('11:31'), member: thu, direction: 'subtract', points: 100, reason: 'Đổi điểm, "giảm giá"', refId: '#HD1005', state: 'waiting', reasonKind: 'redeem', moneyDong: 100_000 },
  { at: at('13:02'), member: thinh, direction: 'subtract', points: 50_000, reason: 'Đổi voucher', refId: '#HD1006', state: 'needs_review', reasonKind: 'redeem', moneyDong: 50_000_000 },
  { at: at('14:45'), member: an, direction: 'subtract', points: 9_999, reason: 'Đổi điểm vượt số dư', refId: '#HD1007', state: 'rejected', reasonKind: 'redeem', moneyDong: 9_999_000 },
];

/**
 * A manager's reversals later in the shift, each with its note as the reason: of An's redemption (applied),
 * of Thu's purchase sent twice (waiting), and of a change the journal no longer holds (applied).
 */
export const SHIFT_REVERSALS: ShiftAdjustment[] = [
  {
    at: at('15:10'), member: an, direction: 'add', points: 900, reason: 'Khách trả quà, hoàn điểm', refId: '#HD1001', state: 'applied',
    isReversal: true, reasonKind: null, moneyDong: 900_000, reversalKind: 'refund',
    reverses: { at: at('08:16'), direction: 'subtract', points: 900, reason: 'Đổi quà', reasonKind: 'redeem', refId: '#HD1001' },
  },
  {
    at: at('15:20'), member: thu, direction: 'subtract', points: 150, reason: 'Cửa hàng cộng hai lần', refId: '#HD1002', state: 'waiting',
    isReversal: true, reasonKind: null, moneyDong: 1_500_000, reversalKind: 'duplicate',
    reverses: { at: at('09:40'), direction: 'add', points: 150, reason: 'Mua hàng', reasonKind: 'purchase', refId: '#HD1002' },
  },
  {
    at: at('15:30'), member: noName, direction: 'subtract', points: 20, reason: 'Nhập nhầm hôm trước', refId: '', state: 'applied',
    isReversal: true, reasonKind: null, moneyDong: null, reversalKind: 'refund', reverses: null,
  },
];

/** Applied changes of the other kinds: a promotion, a correction, and one from before kinds were kept. */
export const SHIFT_OTHER_KINDS: ShiftAdjustment[] = [
  { at: at('16:00'), member: an, direction: 'add', points: 50, reason: 'Sinh nhật', refId: '', state: 'applied', reasonKind: 'promotion', moneyDong: null },
  { at: at('16:05'), member: thu, direction: 'add', points: 5, reason: 'Sửa sai', refId: '', state: 'applied', reasonKind: 'correction', moneyDong: null },
  { at: at('16:10'), member: thinh, direction: 'add', points: 7, reason: 'Ghi cũ', refId: '', state: 'applied' },
];

export const SHIFT_WITH_REVERSALS: ShiftAdjustment[] = [...SHIFT_ADJUSTMENTS, ...SHIFT_REVERSALS, ...SHIFT_OTHER_KINDS];

export function shiftInput(paper: Paper, overrides: Partial<ShiftReportInput> = {}): ShiftReportInput {
  return {
    language: 'vi',
    timeZone: TIME_ZONE,
    printedAt: at('17:05'),
    store: { name: 'Cửa hàng Hoa Sen — Quận 1' },
    till: 'Quầy 2',
    operator: 'Trần Thị Lan',
    shift: { openedAt: at('08:00'), closedAt: at('17:00') },
    adjustments: SHIFT_ADJUSTMENTS,
    paper,
    ...overrides,
  };
}
