// A member as main hands it to the screen: Nguyễn Văn An, the sandbox's everyday member.

import type { MemberProfile } from '../../electron/ipc/contract.ts';

export function memberProfile(overrides: Partial<MemberProfile> = {}): MemberProfile {
  return {
    id: 360101,
    first_name: 'An',
    last_name: 'Nguyễn Văn',
    gender: 'male',
    birthday: '1988-03-15',
    profile_card_number: '100006037101',
    phone: '0909977921',
    email: 'nguyenvanan88@gmail.com',
    address: 'Số 1 đường Nguyễn Huệ',
    country_code: 'vn',
    country_name: 'Vietnam',
    province_code: 'HC',
    province_name: 'Hồ Chí Minh',
    district_code: 'HC466',
    district_name: 'Quận 1',
    ward_code: '26740',
    ward_name: 'Phường Bến Nghé',
    point_used: 900,
    point_available: 6100,
    point_ranking: 10350,
    point_incoming: 250,
    level_id: 2106,
    level_name: 'Thành viên',
    total_spent: 1035000,
    total_order: 6,
    status: 'enabled',
    last_order_at: '2025-11-02T03:15:40.000000Z',
    created_at: '2020-04-15T09:28:57.000000Z',
    updated_at: '2025-11-02T03:15:41.000000Z',
    phoneDisplay: '0909 977 921',
    phoneMasked: '0909 *** 921',
    ...overrides,
  };
}

/** Intl puts a no-break space before the currency sign. */
export const NBSP = '\u00a0';
