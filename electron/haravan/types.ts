// Shapes of Haravan's Loyalty Profile API, typed from the JSON of
// shared/haravan/loyalty-profile-api.seed.txt. Shared by the client and the sandbox store.

export type ProfileId = number;

export interface ProfileAttribute {
  id: number;
  key: string;
  value: string;
}

export type ProfileStatus = 'enabled' | 'disabled';

export type Gender = 'male' | 'female' | 'unknown' | 'unknow';

export interface Profile {
  id: ProfileId;
  first_name: string;
  last_name: string;
  gender: Gender | null;
  birthday: string | null;
  /** Present in list and single responses; the seed's PUT example omits it. */
  profile_card_number?: string;
  phone: string;
  email: string;
  address: string;
  country_code: string;
  country_name: string;
  province_code: string;
  province_name: string;
  district_code: string;
  district_name: string;
  ward_code: string;
  ward_name: string;
  point_used: number;
  point_available: number;
  point_incoming: number;
  point_ranking: number;
  level_id: number;
  level_name: string;
  total_spent: number;
  total_order: number;
  status: ProfileStatus;
  /** Only in the points PUT responses (and the "Details" resource). */
  attributes?: ProfileAttribute[];
  last_order_at: string | null;
  created_at: string;
  updated_at: string;
}

export type ProfileField = keyof Profile;

/** GET /loy/profiles.json query parameters. Empty values are never sent (FACTS: `?phone=` is ignored). */
export interface ListProfilesQuery {
  since_id?: ProfileId;
  fields?: readonly ProfileField[];
  phone?: string;
  updated_at_min?: string;
  updated_at_max?: string;
  /** At most 50; always sent explicitly. */
  limit?: number;
  page?: number;
}

export interface ListProfilesResponse {
  profiles: Partial<Profile>[];
}

export interface SingleProfileResponse {
  profile: Profile;
}

export interface TagsResponse {
  profile: { tags: string };
}

export interface AttributesResponse {
  profile: { attributes: ProfileAttribute[] };
}

export interface PointAdjustment {
  /** A positive whole number of points. */
  value: number;
  reason: string;
  /** The order reference; the seed sends "" when there is none. */
  ref_id: string;
}

export interface PointAdjustmentRequest {
  point: PointAdjustment;
}

/** The points PUTs answer with the full profile, unwrapped. */
export type PointAdjustmentResponse = Profile;

export type PointDirection = 'add' | 'subtract';

/** 422 bodies come in two shapes (FACTS.md). */
export type ValidationErrorBody = { errors: string } | { errors: Record<string, string[]> };

export const HARAVAN_API_URL = 'https://apis.haravan.com';
export const MAX_PAGE_SIZE = 50;
export const CALL_LIMIT_HEADER = 'x-haravan-api-call-limit';
