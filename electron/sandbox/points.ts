// Points add/subtract: request validation with Haravan's two 422 shapes, then the balance change and its
// ledger entry.
import type { PointAdjustment, PointDirection, Profile } from '../haravan/types.ts';
import type { LedgerEntry } from './types.ts';
import { findMember, nextLedgerSeq, nextTimestamp, type StoreState } from './state.ts';

export type Rejection = { ok: false; status: number; body: unknown };

export const NOT_FOUND: Rejection = { ok: false, status: 404, body: { errors: 'Not Found' } };

export function readPointRequest(body: unknown): { ok: true; adjustment: PointAdjustment } | Rejection {
  const point = isObject(body) ? body.point : undefined;
  if (!isObject(point)) return unprocessable("Point can't be blank");

  const fieldErrors: Record<string, string[]> = {};
  const { value, reason, ref_id: refId = '' } = point;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    fieldErrors.value = ['must be a positive integer'];
  }
  if (typeof reason !== 'string' || reason.trim() === '') fieldErrors.reason = ["can't be blank"];
  if (typeof refId !== 'string' && typeof refId !== 'number') fieldErrors.ref_id = ['is invalid'];
  if (Object.keys(fieldErrors).length > 0) return unprocessable(fieldErrors);

  return { ok: true, adjustment: { value: value as number, reason: reason as string, ref_id: String(refId) } };
}

export function applyAdjustment(
  state: StoreState,
  id: number,
  direction: PointDirection,
  adjustment: PointAdjustment,
  source: LedgerEntry['source'],
): { ok: true; profile: Profile; entry: LedgerEntry } | Rejection {
  const member = findMember(state, id);
  if (!member) return NOT_FOUND;
  const profile = member.profile;
  if (profile.status === 'disabled') return unprocessable('Profile is disabled');
  if (direction === 'subtract' && adjustment.value > profile.point_available) {
    return unprocessable({ point: ['is greater than point_available'] });
  }

  const balanceBefore = profile.point_available;
  if (direction === 'add') {
    profile.point_available += adjustment.value;
  } else {
    profile.point_available -= adjustment.value;
    profile.point_used += adjustment.value;
  }
  const at = nextTimestamp(state);
  if (state.pointsMoveUpdatedAt()) profile.updated_at = at;
  const entry: LedgerEntry = {
    seq: nextLedgerSeq(state),
    profileId: id,
    direction,
    value: adjustment.value,
    reason: adjustment.reason,
    ref_id: adjustment.ref_id,
    at,
    balanceBefore,
    balanceAfter: profile.point_available,
    source,
  };
  state.ledger.push(entry);
  return { ok: true, profile: structuredClone(profile), entry: { ...entry } };
}

function unprocessable(errors: string | Record<string, string[]>): Rejection {
  return { ok: false, status: 422, body: { errors } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
