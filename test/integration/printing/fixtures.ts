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
      { direction: 'add', points: 500, reason: 'Mua hàng', refId: '#HD1001', state: 'applied' },
      { direction: 'subtract', points: 900, reason: 'Đổi quà: bình giữ nhiệt', refId: '#HD1001', state: 'waiting' },
      { direction: 'add', points: 1200, reason: 'Khuyến mãi sinh nhật', refId: '', state: 'needs_review' },
      { direction: 'subtract', points: 7000, reason: 'Đổi điểm vượt số dư', refId: '#HD1002', state: 'rejected' },
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

export const SHIFT_ADJUSTMENTS: ShiftAdjustment[] = [
  { at: at('08:15'), member: an, direction: 'add', points: 500, reason: 'Mua hàng', refId: '#HD1001', state: 'applied' },
  { at: at('08:16'), member: an, direction: 'subtract', points: 900, reason: 'Đổi quà', refId: '#HD1001', state: 'applied' },
  { at: at('09:40'), member: thu, direction: 'add', points: 150, reason: 'Mua hàng', refId: '#HD1002', state: 'applied' },
  { at: at('10:05'), member: thinh, direction: 'add', points: 128_650, reason: 'Mua hàng lớn', refId: '#HD1003', state: 'applied' },
  { at: at('11:30'), member: noName, direction: 'add', points: 300, reason: 'Mua hàng', refId: '#HD1004', state: 'waiting' },
  { at: at('11:31'), member: thu, direction: 'subtract', points: 100, reason: 'Đổi điểm, "giảm giá"', refId: '#HD1005', state: 'waiting' },
  { at: at('13:02'), member: thinh, direction: 'subtract', points: 50_000, reason: 'Đổi voucher', refId: '#HD1006', state: 'needs_review' },
  { at: at('14:45'), member: an, direction: 'subtract', points: 9_999, reason: 'Đổi điểm vượt số dư', refId: '#HD1007', state: 'rejected' },
];

export function shiftInput(paper: Paper, overrides: Partial<ShiftReportInput> = {}): ShiftReportInput {
  return {
    language: 'vi',
    timeZone: TIME_ZONE,
    printedAt: at('17:05'),
    store: { name: 'Cửa hàng Hoa Sen — Quận 1' },
    till: 'Quầy 2',
    shift: { openedAt: at('08:00'), closedAt: at('17:00') },
    adjustments: SHIFT_ADJUSTMENTS,
    paper,
    ...overrides,
  };
}
