// How a stored profile is shown: the list and single GETs have no attributes (as the seed's examples),
// the points PUTs answer everything. Keys follow the seed's example order.
import type { Profile, ProfileField } from '../haravan/types.ts';

export const LIST_FIELDS = [
  'id', 'first_name', 'last_name', 'gender', 'birthday', 'profile_card_number', 'phone', 'email', 'address',
  'country_code', 'country_name', 'province_code', 'province_name', 'district_code', 'district_name',
  'ward_code', 'ward_name', 'point_used', 'point_available', 'point_ranking', 'point_incoming', 'level_id',
  'level_name', 'total_spent', 'total_order', 'status', 'last_order_at', 'created_at', 'updated_at',
] as const satisfies readonly ProfileField[];

/** The list/single GET object; with `fields`, only those keys (in the seed's order). */
export function listView(profile: Profile, fields: readonly ProfileField[] = LIST_FIELDS): Partial<Profile> {
  const view: Record<string, unknown> = {};
  for (const field of fields) view[field] = copy(profile[field]);
  return view as Partial<Profile>;
}

/** The full profile, attributes included, as the points PUTs answer it. */
export function fullView(profile: Profile): Profile {
  const { last_order_at, created_at, updated_at } = profile;
  const head = listView(profile, LIST_FIELDS.slice(0, LIST_FIELDS.indexOf('last_order_at')));
  return {
    ...head,
    attributes: (profile.attributes ?? []).map((attribute) => ({ ...attribute })),
    last_order_at,
    created_at,
    updated_at,
  } as Profile;
}

function copy<T>(value: T): T {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}
