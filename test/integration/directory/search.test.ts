// Finding members in a directory synced from the sandbox (its featured members show the phone forms shops
// store) plus members written with `refresh`: phones in every form, card numbers, email, and Vietnamese
// names without diacritics, in any case, by word prefixes, in any order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoyaltyError } from '../../../electron/haravan/errors.ts';
import type { Profile } from '../../../electron/haravan/types.ts';
import { createDirectory, type Directory } from '../../../electron/directory/directory.ts';
import { startSandbox, type SandboxStore } from '../../../electron/sandbox/server.ts';
import { sandboxClient, temporaryDatabase } from './helpers.ts';

const SHOP = 'search-shop.myharavan.com';
let sandbox: SandboxStore;
let database: ReturnType<typeof temporaryDatabase>;
let directory: Directory;

/** A member written straight into the directory, as from a points PUT answer. */
function member(id: number, fields: Partial<Profile>): Partial<Profile> {
  const profile: Partial<Profile> = {
    id,
    first_name: '',
    last_name: '',
    phone: '',
    email: '',
    profile_card_number: '',
    point_available: 0,
    point_incoming: 0,
    point_used: 0,
    point_ranking: 0,
    level_id: 1,
    level_name: 'Member',
    total_spent: 0,
    total_order: 0,
    status: 'enabled',
    last_order_at: null,
    updated_at: '2026-11-01T00:00:00.000000Z',
    ...fields,
  };
  directory.refresh(SHOP, profile);
  return profile;
}

beforeAll(async () => {
  sandbox = await startSandbox({ members: 300, drainPerSecond: 100 });
  database = temporaryDatabase();
  directory = createDirectory(database.db);
  const sync = directory.createSync(SHOP, sandboxClient(sandbox, 100));
  await sync.syncNow();
  await sync.stop();
  // One number (0356 111 222; before 2018: 01656 111 222) stored in each form shops use.
  member(9_000_001, { first_name: 'Plus', phone: '+84356111222' });
  member(9_000_002, { first_name: 'Country', phone: '84356111222' });
  member(9_000_003, { first_name: 'Spaced', phone: '0356 111 222' });
  member(9_000_004, { first_name: 'Legacy', phone: '01656111222' });
  member(9_000_005, { first_name: 'Dropped zero', phone: '356111222' });
  member(9_000_010, { first_name: 'Anh', last_name: 'Nguyễn Văn', email: 'Anh.Nguyen@Gmail.com', profile_card_number: 'VIP-0042' });
  member(9_000_011, { first_name: 'Ân', last_name: 'Nguyễn Văn', profile_card_number: '  8800123456  ' });
  member(9_000_012, { first_name: '', last_name: 'Đoàn Thị Ánh Tuyết' });
});
afterAll(async () => {
  await sandbox.close();
  database.close();
});

const ids = (members: { id: number }[]) => members.map((m) => m.id);

describe('phone', () => {
  it('finds a member stored in any form by any form typed', () => {
    const everyForm = [9_000_001, 9_000_002, 9_000_003, 9_000_004, 9_000_005];
    for (const typed of ['0356111222', '0356 111 222', '0356.111.222', '+84 356 111 222', '84356111222', '01656111222', '01656 111 222', '０３５６１１１２２２']) {
      expect(ids(directory.findByPhone(SHOP, typed)), typed).toEqual(everyForm);
      expect(directory.search(SHOP, typed).query, typed).toEqual({ kind: 'phone', national: '0356111222', display: '0356 111 222' });
    }
  });

  it("finds the sandbox's featured members as their shops stored them", () => {
    expect(ids(directory.findByPhone(SHOP, '0909 977 921'))).toEqual([360101]);
    expect(ids(directory.findByPhone(SHOP, '0903123456'))).toEqual([360102, 360103]);
    expect(ids(directory.findByPhone(SHOP, '0912 345 678'))).toEqual([360104]); // stored +84912345678
    expect(ids(directory.findByPhone(SHOP, '+84987654321'))).toEqual([360105]); // stored 84987654321
    expect(ids(directory.findByPhone(SHOP, '0389 977 921'))).toEqual([360106]); // stored 01689977921
    expect(ids(directory.findByPhone(SHOP, '01689977921'))).toEqual([360106]);
    expect(ids(directory.findByPhone(SHOP, '0905678123'))).toEqual([360112]); // stored "0905 678 123"
  });

  it('shapes rows for the screen: phone formatted and masked, and when the row was refreshed', () => {
    const [lan] = directory.findByPhone(SHOP, '0389977921');
    expect(lan).toMatchObject({ first_name: 'Lan', last_name: 'Hoàng Thị', phone: '01689977921', phoneDisplay: '0389 977 921', phoneMasked: '0389 *** 921' });
    expect(Date.parse(lan!.syncedAt)).toBeGreaterThan(0);
  });

  it('keeps disabled members findable, with their status', () => {
    const [tai] = directory.findByPhone(SHOP, '0937 111 222');
    expect(tai).toMatchObject({ id: 360107, status: 'disabled', point_available: 800 });
    expect(ids(directory.searchByName(SHOP, 'vo van tai'))).toEqual([360107]);
  });

  it('refuses what cannot be a phone or a card, saying why', () => {
    for (const [typed, problem] of [['0909 97', 'too_short'], ['', 'empty'], ['   ', 'empty'], ['+1 415 555 0100', 'unknown_prefix']] as const) {
      const error = (() => {
        try {
          directory.search(SHOP, typed);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error, typed).toBeInstanceOf(LoyaltyError);
      expect(error, typed).toMatchObject({ code: 'invalid_input', detail: problem });
    }
  });
});

describe('card number', () => {
  it('finds a scanned card, scanner line ending and all', () => {
    const profile = sandbox.profiles()[150]!;
    expect(ids(directory.findByCard(SHOP, profile.profile_card_number!))).toEqual([profile.id]);
    expect(directory.search(SHOP, `${profile.profile_card_number}\r\n`)).toMatchObject({
      query: { kind: 'card', cardNumber: profile.profile_card_number },
      members: [{ id: profile.id }],
    });
    expect(ids(directory.search(SHOP, '8800123456').members)).toEqual([9_000_011]);
    expect(ids(directory.search(SHOP, 'VIP-0042').members)).toEqual([9_000_010]);
  });

  it('answers an unknown card number as a card, found nowhere', () => {
    expect(directory.search(SHOP, '999999999999')).toEqual({ query: { kind: 'card', cardNumber: '999999999999' }, members: [], more: false });
  });
});

describe('email', () => {
  it('ignores case and surrounding spaces', () => {
    expect(ids(directory.findByEmail(SHOP, 'anh.nguyen@gmail.com'))).toEqual([9_000_010]);
    expect(ids(directory.findByEmail(SHOP, '  ANH.NGUYEN@GMAIL.COM '))).toEqual([9_000_010]);
    expect(directory.search(SHOP, 'NguyenVanAn88@Gmail.com')).toMatchObject({ query: { kind: 'email' }, members: [{ id: 360101 }] });
  });
});

describe('name', () => {
  it('ignores diacritics and case, đ included', () => {
    for (const typed of ['nguyen van an', 'NGUYEN VAN AN', 'Nguyễn Văn An', 'nguyễn văn an']) {
      expect(ids(directory.searchByName(SHOP, typed)), typed).toContain(360101);
    }
    expect(ids(directory.searchByName(SHOP, 'dang thi thu'))).toContain(360109);
    expect(ids(directory.searchByName(SHOP, 'ĐẶNG THỊ THU'))).toContain(360109);
    expect(ids(directory.searchByName(SHOP, 'doan thi anh tuyet'))).toEqual([9_000_012]);
  });

  it('matches words by their start and in any order', () => {
    for (const typed of ['ngu va', 'ngu va an', 'an nguyen', 'van an ngu', 'a n v']) {
      expect(ids(directory.searchByName(SHOP, typed)), typed).toContain(360101);
    }
    expect(ids(directory.searchByName(SHOP, 'tuyet doan'))).toEqual([9_000_012]);
  });

  it('understands text however it was composed (decomposed marks from some keyboards)', () => {
    expect(ids(directory.searchByName(SHOP, 'Nguyễn Văn An'.normalize('NFD')))).toContain(360101);
  });

  it('puts members whose words match whole before those matched by a prefix', () => {
    const found = ids(directory.searchByName(SHOP, 'nguyen van an', 100));
    // "An" and "Ân" fold to the same word; "Anh" only starts with it.
    expect(found.indexOf(9_000_010)).toBeGreaterThan(found.indexOf(360101));
    expect(found.indexOf(9_000_010)).toBeGreaterThan(found.indexOf(9_000_011));
  });

  it('limits the results and says when there are more', () => {
    const result = directory.search(SHOP, 'nguyen', 5);
    expect(result.query).toEqual({ kind: 'name', text: 'nguyen' });
    expect(result.members).toHaveLength(5);
    expect(result.more).toBe(true);
    expect(directory.search(SHOP, 'doan thi anh tuyet').more).toBe(false);
  });

  it('finds nothing for words no name holds, and ignores what would be search syntax', () => {
    expect(directory.searchByName(SHOP, 'zzzz')).toEqual([]);
    for (const typed of ['"', 'an*', 'NOT an', 'an OR thu', '(an)', 'name_folded:an', '{}']) {
      expect(() => directory.search(SHOP, typed), typed).not.toThrow();
    }
  });

  it('follows a name change', () => {
    member(9_000_012, { first_name: 'Hạnh', last_name: 'Đoàn Thị', updated_at: '2026-11-02T00:00:00.000000Z' });
    expect(directory.searchByName(SHOP, 'doan thi anh tuyet')).toEqual([]);
    expect(ids(directory.searchByName(SHOP, 'doan hanh'))).toEqual([9_000_012]);
  });
});

describe('shops', () => {
  it('keeps each shop to itself', () => {
    expect(directory.findByPhone('another-shop', '0909 977 921')).toEqual([]);
    expect(directory.searchByName('another-shop', 'nguyen')).toEqual([]);
    expect(directory.findByEmail('another-shop', 'anh.nguyen@gmail.com')).toEqual([]);
  });
});
