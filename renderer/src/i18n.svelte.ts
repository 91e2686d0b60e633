// Every string a person sees, in Vietnamese (the default) and English. English is the reference
// catalogue; Vietnamese must have every key (the type says so).

import type { LoyaltyErrorCode } from '../../electron/haravan/errors.ts';
import type { Language } from '../../electron/settings/settings.ts';

const en = {
  appName: 'Loyalty Desk',
  trainingBadge: 'TRAINING — points are not real',
  statusConnected: 'Connected · token ending {hint}',
  statusTraining: 'Training store',
  statusNotConnected: 'No store connected',
  onboardingTitle: 'Connect your store',
  onboardingIntro: 'Paste the token of a Haravan private app with the loy.read_profiles and loy.write_profiles scopes.',
  tokenLabel: 'Haravan private-app token',
  connect: 'Connect',
  connecting: 'Checking the token…',
  orTraining: 'Or practise first',
  startTraining: 'Start training mode',
  trainingIntro: 'A practice store with sample members. Nothing reaches Haravan.',
  leaveTraining: 'Leave training mode',
  disconnect: 'Disconnect store',
  tokenThisRunOnly: 'This computer cannot encrypt the token, so it is not saved: you will be asked for it at each start.',
  searchLabel: 'Phone number',
  searchPlaceholder: 'Type or scan a phone number',
  search: 'Search',
  searching: 'Searching…',
  noMember: 'No member with {phone}',
  membersFound: '{count} members on {phone}',
  pointsAvailable: 'Points available',
  level: 'Level',
  noName: 'No name',
  language: 'Tiếng Việt',
  'error.unauthorized': 'The store refused the token. It may be wrong or revoked: connect again with a new token.',
  'error.missing_scope': 'The token lacks a loyalty permission (loy.read_profiles / loy.write_profiles). Ask the store owner to add it.',
  'error.not_found': 'That member no longer exists in the store.',
  'error.validation': 'The store refused this: {detail}',
  'error.rate_limited': 'The store is busy (too many requests). Wait a moment and try again.',
  'error.offline': 'Cannot reach the store. Check the internet connection.',
  'error.server': 'The store had a problem answering. Try again in a moment.',
  'error.uncertain': 'The change may or may not have been applied. Do not repeat it by hand: it will be checked.',
  'error.invalid_input': 'That input cannot be used: {detail}',
  'error.not_connected': 'No store is connected.',
  'error.internal': 'Something went wrong in the app. Try again; if it keeps happening, restart the app.',
  'problem.empty': 'Type a phone number first.',
  'problem.not_digits': 'A phone number has only digits (spaces, dots and + are fine).',
  'problem.too_short': 'This phone number is too short.',
  'problem.too_long': 'This phone number is too long.',
  'problem.unknown_prefix': 'This is not a Vietnamese phone number.',
  'problem.token': 'That does not look like a Haravan token.',
};

export type MessageKey = keyof typeof en;

const vi: Record<MessageKey, string> = {
  appName: 'Loyalty Desk',
  trainingBadge: 'CHẾ ĐỘ TẬP — điểm không có thật',
  statusConnected: 'Đã kết nối · token kết thúc {hint}',
  statusTraining: 'Cửa hàng tập',
  statusNotConnected: 'Chưa kết nối cửa hàng',
  onboardingTitle: 'Kết nối cửa hàng',
  onboardingIntro: 'Dán token của ứng dụng riêng (private app) Haravan có quyền loy.read_profiles và loy.write_profiles.',
  tokenLabel: 'Token ứng dụng riêng Haravan',
  connect: 'Kết nối',
  connecting: 'Đang kiểm tra token…',
  orTraining: 'Hoặc tập trước',
  startTraining: 'Bắt đầu chế độ tập',
  trainingIntro: 'Cửa hàng tập với khách hàng mẫu. Không có gì được gửi đến Haravan.',
  leaveTraining: 'Thoát chế độ tập',
  disconnect: 'Ngắt kết nối cửa hàng',
  tokenThisRunOnly: 'Máy này không mã hoá được token nên token không được lưu: mỗi lần mở ứng dụng sẽ hỏi lại.',
  searchLabel: 'Số điện thoại',
  searchPlaceholder: 'Nhập hoặc quét số điện thoại',
  search: 'Tìm',
  searching: 'Đang tìm…',
  noMember: 'Không có thành viên nào với số {phone}',
  membersFound: '{count} thành viên dùng số {phone}',
  pointsAvailable: 'Điểm khả dụng',
  level: 'Hạng',
  noName: 'Chưa có tên',
  language: 'English',
  'error.unauthorized': 'Cửa hàng từ chối token. Token có thể sai hoặc đã bị thu hồi: hãy kết nối lại bằng token mới.',
  'error.missing_scope': 'Token thiếu quyền khách hàng thân thiết (loy.read_profiles / loy.write_profiles). Nhờ chủ cửa hàng cấp thêm quyền.',
  'error.not_found': 'Thành viên này không còn trên cửa hàng.',
  'error.validation': 'Cửa hàng từ chối: {detail}',
  'error.rate_limited': 'Cửa hàng đang bận (quá nhiều yêu cầu). Đợi một lát rồi thử lại.',
  'error.offline': 'Không kết nối được cửa hàng. Kiểm tra kết nối internet.',
  'error.server': 'Cửa hàng gặp sự cố khi trả lời. Thử lại sau giây lát.',
  'error.uncertain': 'Thay đổi có thể đã hoặc chưa được áp dụng. Đừng làm lại bằng tay: hệ thống sẽ kiểm tra.',
  'error.invalid_input': 'Không dùng được dữ liệu đã nhập: {detail}',
  'error.not_connected': 'Chưa kết nối cửa hàng.',
  'error.internal': 'Ứng dụng gặp lỗi. Hãy thử lại; nếu vẫn lỗi, khởi động lại ứng dụng.',
  'problem.empty': 'Hãy nhập số điện thoại.',
  'problem.not_digits': 'Số điện thoại chỉ gồm chữ số (được phép có khoảng trắng, dấu chấm và dấu +).',
  'problem.too_short': 'Số điện thoại quá ngắn.',
  'problem.too_long': 'Số điện thoại quá dài.',
  'problem.unknown_prefix': 'Đây không phải số điện thoại Việt Nam.',
  'problem.token': 'Đây không giống token Haravan.',
};

const catalogues: Record<Language, Record<MessageKey, string>> = { vi, en };

export const locale = $state<{ language: Language }>({ language: 'vi' });

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale.language][key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

export function errorText(error: { code: LoyaltyErrorCode; detail?: string }): string {
  if (error.code === 'invalid_input' && error.detail && `problem.${error.detail}` in en) {
    return t(`problem.${error.detail}` as MessageKey);
  }
  return t(`error.${error.code}`, { detail: error.detail ?? '' });
}

export const intlLocale = () => (locale.language === 'vi' ? 'vi-VN' : 'en');
