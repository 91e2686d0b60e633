// Adding and redeeming points: written to the journal before anything is sent, then sent at once in the
// cashier's lane. Offline (or when the send cannot reach the store) the entry stays queued and the
// replayer sends it later; a redeem is then limited to the last known balance less the member's other
// waiting redeems, and to the per-redemption cap in settings.

import { LoyaltyError } from '../haravan/errors.ts';
import type { PointDirection } from '../haravan/types.ts';
import type { AdditionInput, AdjustmentInput, AdjustmentOutcome, MemberProfile, RedemptionInput } from '../ipc/contract.ts';
import { sendEntry, type SendOutcome } from '../journal/send.ts';
import { waitingChange } from '../journal/journal.ts';
import type { ShopSession } from '../shop/session.ts';
import { pointsForBill, worthOf, type LoyaltyRules } from '../loyalty/rules.ts';
import type { ReasonKind } from '../journal/types.ts';
import { isUnreachable, remember, tillChanges } from './members.ts';

export interface AdjustContext {
  session: ShopSession;
  /** The store did not answer the last attempt: queue at once instead of making the cashier wait. */
  offline: boolean;
  offlineRedeemCapPoints: number;
  /** The shop's rules as the manager set them: what the change is worth, and whether a purchase may earn here. */
  rules: LoyaltyRules;
}

export function adjustPoints(context: AdjustContext, direction: 'add', input: AdditionInput): Promise<AdjustmentOutcome>;
export function adjustPoints(context: AdjustContext, direction: 'subtract', input: RedemptionInput): Promise<AdjustmentOutcome>;
export async function adjustPoints(context: AdjustContext, direction: PointDirection, input: AdjustmentInput): Promise<AdjustmentOutcome> {
  const { session } = context;
  // The overloads pair each direction with its input.
  const { reasonKind, moneyDong } =
    direction === 'subtract' ? redemptionMoney(context.rules, input as RedemptionInput) : additionMoney(context.rules, input as AdditionInput);
  session.recent.served(session.journal.till, input.memberId);
  const known = await lastKnown(session, input.memberId);
  if (known.status === 'disabled') {
    throw new LoyaltyError('validation', 'The member is disabled', { detail: 'Profile is disabled' });
  }
  if (direction === 'subtract') checkRedeem(context, known, input.points);

  const entry = session.journal.record({
    member: { id: known.id, phone: known.phone, name: `${known.last_name} ${known.first_name}`.trim() },
    direction,
    points: input.points,
    reason: input.reason,
    refId: input.orderRef,
    balanceBefore: known.point_available,
    reasonKind,
    moneyDong,
  });
  const answer = (state: AdjustmentOutcome['state'], member: MemberProfile): AdjustmentOutcome => ({
    state,
    member,
    entryId: entry.id,
    moneyDong: entry.moneyDong,
    recentChanges: tillChanges(session.journal, known.id),
  });
  const queued = (): AdjustmentOutcome => {
    // The store's last balance plus every change of this member still on its way, this one included.
    const waiting = waitingChange(session.journal, known.id).points;
    return answer('queued', { ...known, point_available: known.point_available + waiting });
  };
  if (context.offline) {
    session.replayer.nudge();
    return queued();
  }

  const outcome = await sendNow(session, entry.id);
  switch (outcome.entry.state) {
    case 'applied':
      return answer('applied', (outcome.profile && session.directory.findById(session.shop, known.id)) || known);
    case 'pending':
      return queued();
    case 'rejected':
      throw new LoyaltyError(outcome.error?.code ?? 'validation', outcome.error?.message ?? 'Refused by the store', {
        detail: outcome.error?.detail,
      });
    default:
      // uncertain or needs_review: the journal checks it; the cashier must not repeat it.
      throw new LoyaltyError('uncertain', 'The outcome is unknown; the journal will check it');
  }
}

/**
 * Sends a recorded entry at once, in the cashier's lane. Work left (a send, a reconciliation after the settle
 * window, a check for a second application) goes to the replayer, which keeps a timer for it; the store's
 * answer goes to the directory, and without one the member's next card reads it afresh.
 */
export async function sendNow(session: ShopSession, entryId: string): Promise<SendOutcome> {
  const outcome = await sendEntry(session.journal, session.client(), entryId, { lane: 'interactive', settleMs: session.settleMs });
  const settled = outcome.entry.state === 'rejected' || (outcome.entry.state === 'applied' && outcome.entry.duplicateCheck === null);
  if (!settled) session.replayer.nudge();
  if (outcome.profile) remember(session, outcome.profile);
  else session.directory.forgetRead(session.shop, outcome.entry.memberId);
  return outcome;
}

/**
 * What a redemption was for and the discount it gives, at the point value main holds: a screen that showed
 * another discount (older rules) is refused, so that the figure the cashier confirmed is the one kept.
 */
function redemptionMoney(rules: LoyaltyRules, input: RedemptionInput): Money {
  const moneyDong = rules.pointValueDong > 0 ? worthOf(input.points, rules.pointValueDong) : undefined;
  if (input.discountDong !== undefined && input.discountDong !== moneyDong) {
    throw new LoyaltyError('invalid_input', `${input.points} points take ${moneyDong ?? 0} đồng off, not ${input.discountDong}`, { detail: 'rules_changed' });
  }
  return { reasonKind: 'redeem', moneyDong };
}

/**
 * What an addition was for and the bill behind it: refused for a purchase where Haravan awards purchase
 * points itself, and for points from a bill that the earn rate main holds does not give.
 */
function additionMoney(rules: LoyaltyRules, input: AdditionInput): Money {
  if (input.reasonKind === 'purchase' && rules.salesRecordedInHaravan) {
    throw new LoyaltyError('invalid_input', "Haravan records this till's sales and awards their points itself", { detail: 'sales_in_haravan' });
  }
  if (input.billDong === undefined) return { reasonKind: input.reasonKind, moneyDong: undefined };
  if (input.reasonKind !== 'purchase') throw new LoyaltyError('invalid_input', 'Only a purchase earns points from a bill', { detail: 'reason_kind' });
  const earned = pointsForBill(input.billDong, rules);
  if (!earned.ok || earned.points !== input.points) {
    throw new LoyaltyError('invalid_input', `A bill of ${input.billDong} đồng earns ${earned.ok ? earned.points : 0} points, not ${input.points}`, { detail: 'rules_changed' });
  }
  return { reasonKind: 'purchase', moneyDong: input.billDong };
}

interface Money {
  reasonKind: ReasonKind;
  moneyDong: number | undefined;
}

/** The member as last known: the directory's copy, or read from the store when the directory lacks it. */
async function lastKnown(session: ShopSession, id: number): Promise<MemberProfile> {
  const held = session.directory.findById(session.shop, id);
  if (held) return held;
  try {
    return remember(session, await session.client().getProfile(id));
  } catch (error) {
    if (isUnreachable(error)) {
      throw new LoyaltyError('offline', 'The member is not in the directory and the store cannot be reached');
    }
    throw error;
  }
}

function checkRedeem(context: AdjustContext, known: MemberProfile, points: number): void {
  const usable = known.point_available - context.session.journal.pendingRedeemsFor(known.id);
  if (points > usable) {
    throw new LoyaltyError('invalid_input', `Only ${Math.max(0, usable)} points can be redeemed: last known balance less waiting redeems`, {
      detail: 'over_known_balance',
    });
  }
  if (context.offline && points > context.offlineRedeemCapPoints) {
    throw new LoyaltyError('invalid_input', `At most ${context.offlineRedeemCapPoints} points per redemption while offline`, {
      detail: 'over_offline_cap',
    });
  }
}
