// Every word printed on a slip, a shift report or its CSV, in Vietnamese (the default) and English.
// English is the reference catalogue; Vietnamese must have every key (the type says so).

import type { Language } from '../settings/settings.ts';

const en = {
  slipTitle: 'LOYALTY SUMMARY',
  printedAt: 'Printed',
  phone: 'Phone',
  cardNumber: 'Card no.',
  level: 'Level',
  pointsAvailable: 'Points available',
  pointsPending: 'Points pending',
  pointsUsed: 'Points used',
  totalSpent: 'Total spent',
  thisVisit: "This visit's adjustments",
  noAdjustmentsThisVisit: 'No point changes this visit.',
  balanceExcludesPending: 'Balances above do not yet include changes that are waiting or need review.',
  pointsAvailableExpected: 'Points available (expected)',
  expectedIncludesWaiting: 'Expected: includes changes still waiting to be sent to the store.',
  trainingMark: 'TRAINING — practice points, not valid',
  noName: 'No name',
  points: 'Points',
  reason: 'Reason',
  order: 'Order',
  status: 'Status',
  'state.applied': 'Applied',
  'state.waiting': 'Waiting to send',
  'state.needs_review': 'Needs review',
  'state.rejected': 'Rejected',
  shiftTitle: 'SHIFT REPORT',
  till: 'Till',
  shiftOpened: 'Opened',
  shiftClosed: 'Closed',
  summary: 'Summary',
  membersServed: 'Members served',
  appliedTotals: 'Applied',
  waitingTotals: 'Waiting to send',
  pointsAdded: 'Points added',
  pointsRedeemed: 'Points redeemed',
  adjustmentCount: 'Adjustments',
  noAdjustmentsThisShift: 'No point changes this shift.',
  time: 'Time',
  member: 'Member',
  memberId: 'Member ID',
  mode: 'Mode',
};

export type PrintMessageKey = keyof typeof en;

const vi: Record<PrintMessageKey, string> = {
  slipTitle: 'PHIẾU ĐIỂM THÀNH VIÊN',
  printedAt: 'In lúc',
  phone: 'Điện thoại',
  cardNumber: 'Số thẻ',
  level: 'Hạng',
  pointsAvailable: 'Điểm khả dụng',
  pointsPending: 'Điểm đang chờ',
  pointsUsed: 'Điểm đã dùng',
  totalSpent: 'Tổng chi tiêu',
  thisVisit: 'Điều chỉnh điểm lần này',
  noAdjustmentsThisVisit: 'Lần này không thay đổi điểm.',
  balanceExcludesPending: 'Số điểm ở trên chưa gồm các thay đổi đang chờ gửi hoặc cần kiểm tra.',
  pointsAvailableExpected: 'Điểm khả dụng (dự kiến)',
  expectedIncludesWaiting: 'Dự kiến: đã gồm các thay đổi đang chờ gửi đến cửa hàng.',
  trainingMark: 'CHẾ ĐỘ TẬP — điểm tập, không có giá trị',
  noName: 'Chưa có tên',
  points: 'Điểm',
  reason: 'Lý do',
  order: 'Đơn hàng',
  status: 'Trạng thái',
  'state.applied': 'Đã áp dụng',
  'state.waiting': 'Đang chờ gửi',
  'state.needs_review': 'Cần kiểm tra',
  'state.rejected': 'Bị từ chối',
  shiftTitle: 'BÁO CÁO CA',
  till: 'Quầy',
  shiftOpened: 'Mở ca',
  shiftClosed: 'Đóng ca',
  summary: 'Tổng kết',
  membersServed: 'Số khách đã phục vụ',
  appliedTotals: 'Đã áp dụng',
  waitingTotals: 'Đang chờ gửi',
  pointsAdded: 'Điểm cộng',
  pointsRedeemed: 'Điểm đổi',
  adjustmentCount: 'Số lượt điều chỉnh',
  noAdjustmentsThisShift: 'Ca này không có thay đổi điểm.',
  time: 'Giờ',
  member: 'Thành viên',
  memberId: 'Mã thành viên',
  mode: 'Chế độ',
};

const catalogues: Record<Language, Record<PrintMessageKey, string>> = { vi, en };

export type Translate = (key: PrintMessageKey) => string;

export function translatorFor(language: Language): Translate {
  const catalogue = catalogues[language];
  return (key) => catalogue[key];
}
