// The two ways a cashier changes a member's points, and what the screen keeps of a change whose outcome
// is unknown.

export type AdjustmentKind = 'redeem' | 'add';

export interface UncertainAdjustment {
  kind: AdjustmentKind;
  points: number;
  memberName: string;
  orderRef: string;
}
