// The two ways a cashier changes a member's points, and what the screen keeps of a change whose outcome
// is unknown.

import type { AdjustmentInput, JournalPause, RedemptionInput } from '../../electron/ipc/contract.ts';

export type AdjustmentKind = 'redeem' | 'add';

export interface UncertainAdjustment {
  kind: AdjustmentKind;
  points: number;
  memberName: string;
  orderRef: string;
}

/** A change the cashier just confirmed: applied by the store, or queued in the journal until it can be sent. */
export interface AdjustmentDone {
  kind: AdjustmentKind;
  points: number;
  /** The new balance: the store's when applied, the expected one when queued. */
  balance: number;
  queued: boolean;
  /** A redemption's discount on the bill, in đồng; null when points have no money value here. */
  moneyDong: number | null;
  /** Queued because the journal stopped sending (a refused token, not a store's address), not for the network. */
  pausedBy?: JournalPause | undefined;
}

/** A change typed in the redeem panel (its inputs carry `redeem` as their kind). */
export const isRedemption = (input: AdjustmentInput): input is RedemptionInput => input.reasonKind === undefined || input.reasonKind === 'redeem';
