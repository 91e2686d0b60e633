// A point adjustment as it is printed: what the journal knows about one add or redeem.

import type { PointDirection } from '../haravan/types.ts';
import type { PrintMessageKey } from './messages.ts';

/**
 * Where an adjustment stands, in the words a customer or manager needs: `applied` by the store, `waiting`
 * to reach it, `needs_review` by a manager, `rejected` by the store. The journal's finer states map as:
 * pending, sending and uncertain (re-checked automatically) → waiting; needs_review → needs_review;
 * applied → applied; rejected and discarded → rejected.
 */
export type AdjustmentState = 'applied' | 'waiting' | 'needs_review' | 'rejected';

/** The order in which states are grouped on the shift report. */
export const STATE_ORDER: readonly AdjustmentState[] = ['applied', 'waiting', 'rejected', 'needs_review'];

export interface PrintedAdjustment {
  direction: PointDirection;
  /** A positive whole number; `direction` gives the sign. */
  points: number;
  reason: string;
  /** The order reference; "" when there is none. */
  refId: string;
  state: AdjustmentState;
}

export function signedPoints(adjustment: Pick<PrintedAdjustment, 'direction' | 'points'>): number {
  return adjustment.direction === 'add' ? adjustment.points : -adjustment.points;
}

export function stateMessage(state: AdjustmentState): PrintMessageKey {
  return `state.${state}`;
}
