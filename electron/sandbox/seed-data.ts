// Deterministic seed data: the featured members first, then generated Vietnamese shoppers. The same seed
// always gives the same members.
//
// Names follow how Haravan stores Vietnamese names: first_name is the given name ("An"), last_name is the
// family name plus middle name ("Nguyễn Văn"), so `${last_name} ${first_name}` reads as the full name.
import type { Gender, Profile, ProfileAttribute } from '../haravan/types.ts';
import { featuredMembers } from './featured.ts';
import { chance, digits, intBetween, mulberry32, pick, pickWeighted, type Random } from './prng.ts';
import type { Member } from './state.ts';
import { formatDay, formatMicros } from './timestamps.ts';
import {
  asciiFold, ATTRIBUTE_KEYS, canonicalMobile, FAMILY_NAMES, GIVEN_NAMES, LEGACY_PREFIXES, levelFor,
  MIDDLE_NAMES, MOBILE_PREFIXES, PROVINCES, STREETS, TAGS,
} from './vietnam.ts';

const CREATED_FROM = Date.UTC(2020, 0, 1);
const CREATED_UNTIL = Date.UTC(2026, 5, 1);
const UPDATED_UNTIL = Date.UTC(2026, 9, 1);
const FIRST_CARD_NUMBER = 100_006_040_000;
const FIRST_ATTRIBUTE_ID = 207_119_600;
const MAX_PROFILES_PER_PHONE = 3;

export function generateMembers(total: number, seed: number): Member[] {
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`members must be a whole number, got ${total}`);
  const featured = featuredMembers().slice(0, total).map(({ profile, tags }) => ({ profile, tags }));
  const random = mulberry32(seed);
  // Numbers (0909977921 → 909977921) hash faster than fresh strings, which matters at 100 000 members.
  const usedPhones = new Set(featured.map((member) => Number(canonicalMobile(member.profile.phone))));
  const recentPhones: { phone: string; uses: number }[] = [];
  let id = Math.max(360_000, ...featured.map((member) => member.profile.id)) + intBetween(random, 50, 150);
  let cardNumber = FIRST_CARD_NUMBER;
  let attributeId = FIRST_ATTRIBUTE_ID;

  const members: Member[] = featured;
  for (let index = featured.length; index < total; index++) {
    const phone = sharedOrNewPhone(random, usedPhones, recentPhones);
    const attributes: ProfileAttribute[] = [];
    const attributeCount = pickWeighted(random, ATTRIBUTE_COUNTS);
    if (attributeCount > 0) {
      for (const key of distinctAttributeKeys(random, attributeCount)) {
        attributeId += intBetween(random, 1, 3);
        attributes.push({ id: attributeId, key, value: randomAttributeValue(random, key) });
      }
    }
    members.push({ profile: randomProfile(random, id, String(cardNumber), phone, attributes), tags: randomTags(random) });
    id += intBetween(random, 1, 9);
    cardNumber += intBetween(random, 1, 7);
  }
  return members;
}

const ATTRIBUTE_COUNTS = [[0, 50], [1, 30], [2, 15], [3, 5]] as const;
const TAG_COUNTS = [[0, 30], [1, 35], [2, 25], [3, 10]] as const;
const GENDERS = [['female', 50], ['male', 40], ['unknown', 10]] as const;
const EMAIL_DOMAINS = [['gmail.com', 75], ['yahoo.com', 10], ['icloud.com', 5], ['hotmail.com', 5], ['outlook.com', 5]] as const;

function randomProfile(random: Random, id: number, cardNumber: string, phone: string, attributes: ProfileAttribute[]): Profile {
  const gender: Gender = pickWeighted(random, GENDERS);
  const nameSex = gender === 'male' || (gender === 'unknown' && chance(random, 0.5)) ? 'male' : 'female';
  const family = pickWeighted(random, FAMILY_NAMES);
  const middle = pick(random, MIDDLE_NAMES[nameSex]);
  const given = pick(random, GIVEN_NAMES[nameSex]);
  // Some shops type the whole name into one field.
  const [firstName, lastName] = chance(random, 0.01) ? ['', `${family} ${middle} ${given}`] : [given, `${family} ${middle}`];

  const created = intBetween(random, CREATED_FROM / 1000, CREATED_UNTIL / 1000) * 1000;
  const updated = chance(random, 0.1) ? created : intBetween(random, created / 1000, UPDATED_UNTIL / 1000) * 1000;
  const orders = chance(random, 0.1) ? 0 : Math.floor(Math.exp(random() * 4.1));
  const averageOrder = Math.exp(Math.log(80_000) + random() * Math.log(25)); // 80 000 – 2 000 000 đ
  const totalSpent = Math.round((orders * averageOrder) / 1000) * 1000;
  const pointRanking = Math.floor(totalSpent / 100);
  const earned = Math.floor(pointRanking * (0.3 + random() * 0.7));
  const pointUsed = chance(random, 0.6) ? Math.round((earned * random() * 0.8) / 100) * 100 : 0;
  const level = levelFor(pointRanking);
  const place = chance(random, 0.15) ? undefined : randomPlace(random);

  return {
    id,
    first_name: firstName,
    last_name: lastName,
    gender,
    birthday: chance(random, 0.4) ? null : randomBirthday(random),
    profile_card_number: cardNumber,
    phone,
    email: chance(random, 0.3) ? '' : randomEmail(random, family, given),
    address: place?.address ?? '',
    country_code: 'vn',
    country_name: 'Vietnam',
    province_code: place?.province.code ?? '',
    province_name: place?.province.name ?? '',
    district_code: place?.district.code ?? '',
    district_name: place?.district.name ?? '',
    ward_code: place?.ward.code ?? '',
    ward_name: place?.ward.name ?? '',
    point_used: pointUsed,
    point_available: earned - pointUsed,
    point_ranking: pointRanking,
    point_incoming: orders > 0 && chance(random, 0.15) ? intBetween(random, 1, 200) * 10 : 0,
    level_id: level.id,
    level_name: level.name,
    total_spent: totalSpent,
    total_order: orders,
    status: chance(random, 0.03) ? 'disabled' : 'enabled',
    attributes,
    last_order_at: orders === 0 ? null : stamp(intBetween(random, created / 1000, updated / 1000) * 1000),
    created_at: stamp(created),
    updated_at: stamp(updated),
  };
}

/** ~3% of members share the exact stored phone of a recent member (family); the rest get a fresh number. */
function sharedOrNewPhone(random: Random, used: Set<number>, recent: { phone: string; uses: number }[]): string {
  const candidate = chance(random, 0.03) && recent.length > 0 ? pick(random, recent) : undefined;
  if (candidate && candidate.uses < MAX_PROFILES_PER_PHONE) {
    candidate.uses += 1;
    return candidate.phone;
  }
  if (chance(random, 0.04)) return '';
  let mobile: string;
  do mobile = pick(random, MOBILE_PREFIXES) + digits(random, 7);
  while (used.has(Number(mobile)));
  used.add(Number(mobile));
  const phone = storedForm(random, mobile);
  if (recent.length < RECENT_PHONES) recent.push({ phone, uses: 1 });
  else recent[Math.floor(random() * RECENT_PHONES)] = { phone, uses: 1 };
  return phone;
}

const RECENT_PHONES = 20;

/** A mobile number (0xxxxxxxxx) in one of the forms shops really type. */
function storedForm(random: Random, mobile: string): string {
  const roll = random();
  if (roll < 0.03) {
    const legacy = LEGACY_BY_MODERN.get(mobile.slice(0, 3));
    if (legacy) return legacy + mobile.slice(3);
  }
  if (roll < 0.09) return `+84${mobile.slice(1)}`;
  if (roll < 0.13) return `84${mobile.slice(1)}`;
  if (roll < 0.17) return `${mobile.slice(0, 4)} ${mobile.slice(4, 7)} ${mobile.slice(7)}`;
  if (roll < 0.2) return `${mobile.slice(0, 4)}.${mobile.slice(4, 7)}.${mobile.slice(7)}`;
  if (roll < 0.21) return `${mobile.slice(0, 4)}-${mobile.slice(4, 7)}-${mobile.slice(7)}`;
  return mobile;
}

const LEGACY_BY_MODERN = new Map(Object.entries(LEGACY_PREFIXES).map(([legacy, modern]) => [modern, legacy]));

function randomPlace(random: Random) {
  const province = pickWeighted(random, [[PROVINCES[0]!, 6], [PROVINCES[1]!, 3], [PROVINCES[2]!, 1]] as const);
  const district = pick(random, province.districts);
  const ward = pick(random, district.wards);
  const street = pick(random, STREETS);
  const number = intBetween(random, 1, 350);
  const form = random();
  const address =
    form < 0.5 ? `${number} ${street}` : form < 0.8 ? `Số ${number} đường ${street}` : `${number}/${intBetween(random, 1, 60)} ${street}`;
  return { province, district, ward, address };
}

function randomEmail(random: Random, family: string, given: string): string {
  const givenPart = asciiFold(given);
  const familyPart = asciiFold(family);
  const form = random();
  const local =
    form < 0.5
      ? `${givenPart}${familyPart}${intBetween(random, 70, 2006)}`
      : form < 0.75
        ? `${givenPart}.${familyPart}`
        : `${familyPart}${givenPart}${digits(random, 2)}`;
  const domain = pickWeighted(random, EMAIL_DOMAINS);
  return `${local}@${domain}`;
}

function randomBirthday(random: Random): string {
  return formatDay(intBetween(random, Date.UTC(1960, 0, 1) / 86_400_000, Date.UTC(2007, 11, 31) / 86_400_000));
}

function randomTags(random: Random): string {
  const count = pickWeighted(random, TAG_COUNTS);
  if (count === 0) return '';
  const tags = new Set<string>();
  while (tags.size < count) tags.add(pick(random, TAGS));
  return [...tags].join(',');
}

function distinctAttributeKeys(random: Random, count: number): (typeof ATTRIBUTE_KEYS)[number][] {
  const keys = new Set<(typeof ATTRIBUTE_KEYS)[number]>();
  while (keys.size < count) keys.add(pick(random, ATTRIBUTE_KEYS));
  return [...keys];
}

function randomAttributeValue(random: Random, key: (typeof ATTRIBUTE_KEYS)[number]): string {
  switch (key) {
    case 'ref_id':
      return String(intBetween(random, 1000, 99_999));
    case 'customer_level_prev_id':
      return String(intBetween(random, 2106, 2108));
    case 'nguon':
      return pick(random, ['Facebook', 'Cửa hàng', 'Website', 'Zalo']);
    case 'ma_nhan_vien':
      return `NV${String(intBetween(random, 1, 60)).padStart(3, '0')}`;
    case 'size_ao':
      return pick(random, ['S', 'M', 'L', 'XL']);
  }
}

function stamp(millis: number): string {
  return formatMicros(millis * 1000);
}
