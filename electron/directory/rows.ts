// What the directory keeps of a member, how a profile from Haravan becomes a row, and how a row becomes
// what the screen shows.

import { normalizeStoredPhone, phoneForScreen } from '../haravan/phone.ts';
import type { Profile, ProfileField } from '../haravan/types.ts';
import { foldedName } from './fold.ts';
import { toMicros } from '../haravan/timestamps.ts';

/** What the member card shows and what finds a member; the sync asks Haravan for these `fields` only. */
export const DIRECTORY_FIELDS = [
  'id', 'first_name', 'last_name', 'phone', 'email', 'profile_card_number', 'point_available', 'point_incoming',
  'point_used', 'point_ranking', 'level_id', 'level_name', 'total_spent', 'total_order', 'status', 'last_order_at',
  'updated_at',
] as const satisfies readonly ProfileField[];

type KeptField = (typeof DIRECTORY_FIELDS)[number];

/** A member as the directory holds it; a shop without loyalty cards has profile_card_number "". */
export type DirectoryProfile = Omit<Pick<Profile, KeptField>, 'profile_card_number'> & { profile_card_number: string };

/** A member shaped for the screen, like MemberProfile but with only the fields the directory keeps. */
export interface DirectoryMember extends DirectoryProfile {
  /** "0909 977 921", or the phone as stored when it is not a recognisable Vietnamese number; "" when none. */
  phoneDisplay: string;
  /** "0909 *** 921"; "" when there is no phone. */
  phoneMasked: string;
  /** When this row was last refreshed from Haravan (ISO 8601, UTC), so the card can say "balance as of …". */
  syncedAt: string;
}

/** One row of directory_members, named as the SQL parameters are. */
export type MemberRow = DirectoryProfile & {
  shop: string;
  /** Today's national form of the stored phone, whatever form the shop stored it in; null when not a phone. */
  phone_national: string | null;
  /** The email trimmed and lower-cased; null when there is none. */
  email_key: string | null;
  updated_us: number;
  /** Milliseconds since the epoch. */
  synced_at: number;
  name_folded: string;
};

/** The kept fields a profile lacks: the points PUTs answer without profile_card_number, for one. */
export function missingFields(profile: Partial<Profile>): boolean {
  return DIRECTORY_FIELDS.some((field) => profile[field] === undefined);
}

/**
 * The row for a profile received at `syncedAt`; fields it lacks are kept from `previous` (the row as stored).
 * Undefined when the profile has no usable id.
 */
export function toRow(shop: string, profile: Partial<Profile>, syncedAt: number, previous?: DirectoryProfile): MemberRow | undefined {
  const value = <F extends KeptField>(field: F) => (profile[field] !== undefined ? profile[field] : previous?.[field]);
  const id = value('id');
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return undefined;
  const text = (field: KeptField) => {
    const given = value(field);
    return typeof given === 'string' ? given.trim() : '';
  };
  const whole = (field: KeptField) => {
    const given = value(field);
    return typeof given === 'number' && Number.isFinite(given) ? Math.round(given) : 0;
  };
  const phone = text('phone');
  const email = text('email');
  const updatedAt = text('updated_at');
  const firstName = text('first_name');
  const lastName = text('last_name');
  return {
    shop,
    id,
    first_name: firstName,
    last_name: lastName,
    phone,
    phone_national: normalizeStoredPhone(phone) ?? null,
    email,
    email_key: email === '' ? null : email.toLowerCase(),
    profile_card_number: text('profile_card_number'),
    point_available: whole('point_available'),
    point_incoming: whole('point_incoming'),
    point_used: whole('point_used'),
    point_ranking: whole('point_ranking'),
    level_id: whole('level_id'),
    level_name: text('level_name'),
    total_spent: whole('total_spent'),
    total_order: whole('total_order'),
    // Haravan's default; a disabled member stays in the directory, findable, with its status.
    status: value('status') === 'disabled' ? 'disabled' : 'enabled',
    last_order_at: text('last_order_at') || null,
    updated_at: updatedAt,
    updated_us: toMicros(updatedAt) ?? 0,
    synced_at: syncedAt,
    name_folded: foldedName(lastName, firstName),
  };
}

/** A row as read back (the SELECT lists the profile fields and synced_at). */
export type StoredRow = DirectoryProfile & { synced_at: number };

export function toMember(row: StoredRow): DirectoryMember {
  const { synced_at, ...profile } = row;
  return { ...profile, ...phoneForScreen(profile.phone), syncedAt: new Date(synced_at).toISOString() };
}

