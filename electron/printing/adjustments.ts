// A point adjustment as it is printed: what the journal knows about one add or redeem.

import type { PointDirection } from '../haravan/types.ts';
import type { ReasonKind } from '../journal/types.ts';
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
  /**
   * The money behind it, whole đồng (JournalEntry.moneyDong): a redemption's discount, a bill's amount; a
   * reversal carries its original's. null or absent when none (and then nothing is printed for it).
   */
  moneyDong?: number | null | undefined;
  /** What it was for (JournalEntry.reasonKind); null or absent for a reversal and for old entries. */
  reasonKind?: ReasonKind | null | undefined;
  /** It reverses another change (JournalEntry.reversesId is set). Absent: false. */
  isReversal?: boolean | undefined;
}

export function signedPoints(adjustment: Pick<PrintedAdjustment, 'direction' | 'points'>): number {
  return adjustment.direction === 'add' ? adjustment.points : -adjustment.points;
}

export function stateMessage(state: AdjustmentState): PrintMessageKey {
  return `state.${state}`;
}

/** The rows of the shift report's totals by reason, in order: the cashier's kinds, reversals, then the rest. */
export type ReasonTotalKind = ReasonKind | 'reversal' | 'other';

export const REASON_TOTAL_ORDER: readonly ReasonTotalKind[] = ['redeem', 'purchase', 'promotion', 'correction', 'reversal', 'other'];

/** Which total row an adjustment counts in: a reversal as a reversal, an entry of no known kind as other. */
export function reasonTotalKind(adjustment: Pick<PrintedAdjustment, 'reasonKind' | 'isReversal'>): ReasonTotalKind {
  if (adjustment.isReversal) return 'reversal';
  return adjustment.reasonKind ?? 'other';
}

export function reasonTotalMessage(kind: ReasonTotalKind): PrintMessageKey {
  return `kind.${kind}`;
}

/**
 * The money printed beside an adjustment: a discount when the change it stands for took points off (a
 * redemption, or a reversal giving them back), a bill when it added them (or a reversal taking them back).
 * Undefined when there is no money, or none worth a đồng.
 */
export function moneyLine(adjustment: PrintedAdjustment): { kind: 'discount' | 'bill'; dong: number } | undefined {
  const dong = adjustment.moneyDong;
  if (dong === null || dong === undefined || !(dong > 0)) return undefined;
  const original = adjustment.isReversal ? (adjustment.direction === 'add' ? 'subtract' : 'add') : adjustment.direction;
  return { kind: original === 'subtract' ? 'discount' : 'bill', dong };
}

export function moneyMessage(kind: 'discount' | 'bill'): PrintMessageKey {
  return kind === 'discount' ? 'moneyDiscount' : 'moneyBill';
}

/** A redemption that gave money off: points taken for a discount, not a reversal. */
export function isPaidRedemption(adjustment: PrintedAdjustment): boolean {
  return !adjustment.isReversal && adjustment.direction === 'subtract' && moneyLine(adjustment)?.kind === 'discount';
}
