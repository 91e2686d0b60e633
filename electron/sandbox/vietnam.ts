// Vocabulary for seed data: Vietnamese names, mobile prefixes, places, tags and membership levels.

/** Family names, weighted roughly by how common they are. */
export const FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 5], ['Huỳnh', 4], ['Phan', 4], ['Vũ', 3.9],
  ['Võ', 3], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5],
  ['Trương', 0.8], ['Đinh', 0.6], ['Lâm', 0.5], ['Mai', 0.4], ['Tạ', 0.3], ['Cao', 0.3], ['Châu', 0.2],
];

export const MIDDLE_NAMES = {
  male: ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Gia', 'Hoàng', 'Anh', 'Tuấn', 'Xuân', 'Đình'],
  female: ['Thị', 'Ngọc', 'Thanh', 'Kim', 'Minh', 'Thu', 'Phương', 'Bảo', 'Hồng', 'Mỹ', 'Thị Ngọc', 'Khánh'],
} as const;

export const GIVEN_NAMES = {
  male: [
    'An', 'Anh', 'Bảo', 'Bình', 'Cường', 'Dũng', 'Duy', 'Đạt', 'Hải', 'Hiếu', 'Hoàng', 'Hùng', 'Huy', 'Khang',
    'Khánh', 'Khôi', 'Kiên', 'Lâm', 'Long', 'Minh', 'Nam', 'Nghĩa', 'Nhân', 'Phát', 'Phong', 'Phúc', 'Quân',
    'Quang', 'Sơn', 'Tài', 'Thắng', 'Thành', 'Thịnh', 'Toàn', 'Trí', 'Trung', 'Tuấn', 'Việt', 'Vinh', 'Vũ',
  ],
  female: [
    'Anh', 'Châu', 'Chi', 'Diệp', 'Dung', 'Giang', 'Hà', 'Hân', 'Hằng', 'Hạnh', 'Hiền', 'Hoa', 'Hương', 'Huyền',
    'Lan', 'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Nhung', 'Như', 'Oanh', 'Phương', 'Quyên', 'Quỳnh', 'Tâm',
    'Thảo', 'Thư', 'Thủy', 'Trang', 'Trâm', 'Trinh', 'Tuyết', 'Uyên', 'Vân', 'Vy', 'Yến',
  ],
} as const;

/** Today's 10-digit mobile prefixes (0 + 3,5,7,8,9 + one digit). */
export const MOBILE_PREFIXES = [
  '032', '033', '034', '035', '036', '037', '038', '039', '086', '096', '097', '098', // Viettel
  '070', '076', '077', '078', '079', '089', '090', '093', // MobiFone
  '081', '082', '083', '084', '085', '088', '091', '094', // VinaPhone
  '052', '056', '058', '092', // Vietnamobile
  '059', '099', // Gmobile
] as const;

/** The 2018 remapping: old 11-digit prefix → today's prefix (the last 7 digits are kept). */
export const LEGACY_PREFIXES: Readonly<Record<string, string>> = {
  '0162': '032', '0163': '033', '0164': '034', '0165': '035', '0166': '036', '0167': '037', '0168': '038', '0169': '039',
  '0120': '070', '0121': '079', '0122': '077', '0126': '076', '0128': '078',
  '0123': '083', '0124': '084', '0125': '085', '0127': '081', '0129': '082',
  '0186': '056', '0188': '058', '0199': '059',
};

/** Any stored phone form → 0xxxxxxxxx, so generated members never clash with featured ones by accident. */
export function canonicalMobile(stored: string): string {
  let digits = stored.replace(/\D/g, '');
  if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12)) digits = `0${digits.slice(2)}`;
  if (digits.length === 11) {
    const modern = LEGACY_PREFIXES[digits.slice(0, 4)];
    if (modern) digits = modern + digits.slice(4);
  }
  return digits;
}

export interface Ward { code: string; name: string }
export interface District { code: string; name: string; wards: readonly Ward[] }
export interface Province { code: string; name: string; districts: readonly District[] }

export const PROVINCES: readonly Province[] = [
  {
    code: 'HC', name: 'Hồ Chí Minh', districts: [
      { code: 'HC466', name: 'Quận 1', wards: [
        { code: '26734', name: 'Phường Tân Định' }, { code: '26740', name: 'Phường Bến Nghé' },
        { code: '26743', name: 'Phường Bến Thành' }, { code: '26752', name: 'Phường Phạm Ngũ Lão' }] },
      { code: 'HC468', name: 'Quận 3', wards: [
        { code: '27139', name: 'Phường Võ Thị Sáu' }, { code: '27142', name: 'Phường 9' }] },
      { code: 'HC476', name: 'Quận 7', wards: [
        { code: '27487', name: 'Phường Tân Phong' }, { code: '27490', name: 'Phường Tân Phú' }] },
      { code: 'HC483', name: 'Quận Bình Thạnh', wards: [
        { code: '26905', name: 'Phường 25' }, { code: '26908', name: 'Phường 26' }] },
      { code: 'HC486', name: 'Quận Phú Nhuận', wards: [
        { code: '27043', name: 'Phường 7' }, { code: '27046', name: 'Phường 8' }] },
      { code: 'HC480', name: 'Thành phố Thủ Đức', wards: [
        { code: '26800', name: 'Phường Thảo Điền' }, { code: '26794', name: 'Phường Linh Trung' }] },
    ],
  },
  {
    code: 'HI', name: 'Hà Nội', districts: [
      { code: 'HI001', name: 'Quận Ba Đình', wards: [
        { code: '00001', name: 'Phường Phúc Xá' }, { code: '00004', name: 'Phường Trúc Bạch' }] },
      { code: 'HI002', name: 'Quận Hoàn Kiếm', wards: [
        { code: '00037', name: 'Phường Hàng Bạc' }, { code: '00070', name: 'Phường Tràng Tiền' }] },
      { code: 'HI006', name: 'Quận Đống Đa', wards: [
        { code: '00199', name: 'Phường Văn Miếu' }, { code: '00226', name: 'Phường Láng Hạ' }] },
      { code: 'HI005', name: 'Quận Cầu Giấy', wards: [
        { code: '00157', name: 'Phường Dịch Vọng' }, { code: '00166', name: 'Phường Quan Hoa' }] },
    ],
  },
  {
    code: 'DA', name: 'Đà Nẵng', districts: [
      { code: 'DA492', name: 'Quận Hải Châu', wards: [
        { code: '20215', name: 'Phường Thạch Thang' }, { code: '20224', name: 'Phường Hải Châu I' }] },
      { code: 'DA491', name: 'Quận Thanh Khê', wards: [
        { code: '20200', name: 'Phường Thanh Khê Tây' }, { code: '20203', name: 'Phường Thanh Khê Đông' }] },
      { code: 'DA493', name: 'Quận Sơn Trà', wards: [
        { code: '20248', name: 'Phường An Hải Bắc' }, { code: '20251', name: 'Phường Phước Mỹ' }] },
    ],
  },
];

export const STREETS = [
  'Lê Lợi', 'Nguyễn Huệ', 'Hai Bà Trưng', 'Trần Hưng Đạo', 'Lý Thường Kiệt', 'Nguyễn Trãi', 'Điện Biên Phủ',
  'Cách Mạng Tháng Tám', 'Võ Văn Tần', 'Pasteur', 'Bạch Đằng', 'Hoàng Diệu', 'Lê Duẩn', 'Phan Chu Trinh',
  'Nguyễn Văn Linh', 'Xuân Thủy', 'Kim Mã', 'Trường Chinh',
] as const;

export const TAGS = [
  'VIP', 'Online', 'Facebook', 'MUA_HANG_KM', 'Zalo', 'Shopee', 'Instagram', 'KH_THAN_THIET', 'KH_MOI',
  'Tai_cua_hang', 'Si', 'Nhan_vien',
] as const;

export const ATTRIBUTE_KEYS = ['ref_id', 'customer_level_prev_id', 'nguon', 'ma_nhan_vien', 'size_ao'] as const;

export interface Level { id: number; name: string; minRanking: number }

/** By point_ranking (1 point per 100 đ spent, as in the seed's example). 2106 is the seed's "Member" id. */
export const LEVELS: readonly Level[] = [
  { id: 2106, name: 'Thành viên', minRanking: 0 },
  { id: 2107, name: 'Bạc', minRanking: 30_000 },
  { id: 2108, name: 'Vàng', minRanking: 100_000 },
  { id: 2109, name: 'Kim cương', minRanking: 300_000 },
];

export function levelFor(pointRanking: number): Level {
  return LEVELS.findLast((level) => pointRanking >= level.minRanking) ?? LEVELS[0]!;
}

/** Lower-case ASCII without spaces, for e-mail addresses: "Thị Ngọc" → "thingoc". */
export function asciiFold(text: string): string {
  let folded = foldedNames.get(text);
  if (folded === undefined) {
    folded = text.normalize('NFD').replace(/[\u0300-\u036f\s]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
    foldedNames.set(text, folded);
  }
  return folded;
}

// The vocabulary is small and seeding folds the same names again and again.
const foldedNames = new Map<string, string>();
