// What the request handlers and the store's methods share.
import type { Profile } from '../haravan/types.ts';
import type { LeakyBucket } from './bucket.ts';
import type { SandboxStats } from './types.ts';
import type { FaultState } from './faults.ts';
import { applyAdjustment, readPointRequest, type Rejection } from './points.ts';
import { findMember, patchProfile, type StoreState } from './state.ts';
import type { TokenRegistry } from './tokens.ts';
import { LIST_FIELDS } from './views.ts';

export interface SandboxContext {
  readonly state: StoreState;
  readonly bucket: LeakyBucket;
  readonly faults: FaultState;
  readonly tokens: TokenRegistry;
  readonly stats: SandboxStats;
  readonly adminKey: string;
  /** Called after every mutation (schedules the data file write). */
  readonly persist: () => void;
}

/** A refused admin operation, carrying the HTTP answer the admin routes give for it. */
export class SandboxRejection extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(rejection: Rejection) {
    super(`${rejection.status} ${JSON.stringify(rejection.body)}`);
    this.status = rejection.status;
    this.body = rejection.body;
  }
}

/** "Another till": the same rules as the API's PUTs, without HTTP or the bucket; ledgered as 'direct'. */
export function adjustDirectly(
  context: SandboxContext,
  id: number,
  direction: 'add' | 'subtract',
  value: number,
  reason: string,
): Profile {
  if (direction !== 'add' && direction !== 'subtract') {
    throw new SandboxRejection({ ok: false, status: 400, body: { errors: 'direction must be add or subtract' } });
  }
  const request = readPointRequest({ point: { value, reason, ref_id: '' } });
  if (!request.ok) throw new SandboxRejection(request);
  const result = applyAdjustment(context.state, id, direction, request.adjustment, 'direct');
  if (!result.ok) throw new SandboxRejection(result);
  context.persist();
  return result.profile;
}

const PATCHABLE_FIELDS: ReadonlySet<string> = new Set([...LIST_FIELDS, 'attributes']);

/** The shop owner edits the profile in Haravan. updated_at is bumped; id cannot change. */
export function updateProfile(context: SandboxContext, id: number, patch: Partial<Profile>): Profile {
  if (!findMember(context.state, id)) throw new SandboxRejection({ ok: false, status: 404, body: { errors: 'Not Found' } });
  const unknown = Object.keys(patch).filter((key) => !PATCHABLE_FIELDS.has(key));
  if (unknown.length > 0) {
    throw new SandboxRejection({ ok: false, status: 400, body: { errors: `Unknown profile fields: ${unknown.join(', ')}` } });
  }
  const profile = patchProfile(context.state, id, patch);
  context.persist();
  return profile;
}
