// GET /loy/profiles.json: parameter parsing and selection.
//
// Stricter than Haravan on purpose: an empty parameter (`?phone=`) is a 400 here, because Haravan ignores it
// and returns arbitrary records, which would hide the client's bug. Dates: updated_at_min and updated_at_max
// are both inclusive, compared at microsecond precision; a date without a zone is UTC.
import type { Profile, ProfileField } from '../haravan/types.ts';
import { MAX_PAGE_SIZE } from '../haravan/types.ts';
import type { Rejection } from './points.ts';
import { firstPositionAfter, type StoreState } from './state.ts';
import { canonicalTimestamp } from './timestamps.ts';
import { LIST_FIELDS, listView } from './views.ts';

export interface ListQuery {
  sinceId: number;
  phone?: string;
  updatedAtMin?: string;
  updatedAtMax?: string;
  limit: number;
  page: number;
  fields: readonly ProfileField[];
}

const KNOWN_PARAMS = ['since_id', 'fields', 'phone', 'updated_at_min', 'updated_at_max', 'limit', 'page'] as const;

export function parseListQuery(params: URLSearchParams): { ok: true; query: ListQuery } | Rejection {
  const raw: Partial<Record<(typeof KNOWN_PARAMS)[number], string>> = {};
  for (const name of KNOWN_PARAMS) {
    const values = params.getAll(name);
    if (values.length > 1) return badRequest(`${name} must be given once`);
    const value = values[0];
    if (value === undefined) continue;
    if (value.trim() === '') return badRequest(`${name} can't be blank`);
    raw[name] = value;
  }

  const sinceId = raw.since_id === undefined ? 0 : parseWhole(raw.since_id);
  if (sinceId === undefined) return badRequest('since_id is not a number');
  const limit = raw.limit === undefined ? MAX_PAGE_SIZE : parseWhole(raw.limit);
  if (limit === undefined || limit < 1) return badRequest('limit must be a number greater than 0');
  const page = raw.page === undefined ? 1 : parseWhole(raw.page);
  if (page === undefined || page < 1) return badRequest('page must be a number greater than 0');

  const updatedAtMin = raw.updated_at_min === undefined ? undefined : canonicalTimestamp(raw.updated_at_min);
  if (raw.updated_at_min !== undefined && updatedAtMin === undefined) return badRequest('updated_at_min is not a date');
  const updatedAtMax = raw.updated_at_max === undefined ? undefined : canonicalTimestamp(raw.updated_at_max);
  if (raw.updated_at_max !== undefined && updatedAtMax === undefined) return badRequest('updated_at_max is not a date');

  // Unknown names are ignored; attributes are never part of a list object, even when asked for.
  const requested = new Set((raw.fields ?? '').split(',').map((name) => name.trim()));
  const fields = raw.fields === undefined ? LIST_FIELDS : LIST_FIELDS.filter((field) => requested.has(field));

  return {
    ok: true,
    query: {
      sinceId,
      phone: raw.phone,
      updatedAtMin,
      updatedAtMax,
      limit: Math.min(limit, MAX_PAGE_SIZE),
      page,
      fields,
    },
  };
}

export function selectProfiles(state: StoreState, query: ListQuery): Partial<Profile>[] {
  const skip = (query.page - 1) * query.limit;
  const matches = (profile: Profile) =>
    profile.id > query.sinceId &&
    (query.phone === undefined || profile.phone === query.phone) &&
    (query.updatedAtMin === undefined || profile.updated_at >= query.updatedAtMin) &&
    (query.updatedAtMax === undefined || profile.updated_at <= query.updatedAtMax);

  const candidates = query.phone === undefined ? undefined : (state.idsByPhone.get(query.phone) ?? []);
  const selected: Profile[] = [];
  let skipped = 0;
  const consider = (profile: Profile) => {
    if (!matches(profile)) return true;
    if (skipped < skip) skipped += 1;
    else selected.push(profile);
    return selected.length < query.limit;
  };

  if (candidates) {
    for (const id of candidates) {
      if (!consider(state.members[state.positionById.get(id)!]!.profile)) break;
    }
  } else {
    for (let position = firstPositionAfter(state, query.sinceId); position < state.members.length; position++) {
      if (!consider(state.members[position]!.profile)) break;
    }
  }
  return selected.map((profile) => listView(profile, query.fields));
}

function parseWhole(text: string): number | undefined {
  if (!/^\d{1,15}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}

function badRequest(message: string): Rejection {
  return { ok: false, status: 400, body: { errors: message } };
}
