// What a fresh read of the member says about an attempt whose answer never came. Besides the balance, the
// profile carries point_used (moved by a redemption where Haravan counts it, never by an add) and updated_at
// (moved by every change). Before the attempt the journal kept the same three figures from a fresh read,
// and the span of Haravan's clock in which the attempt could have been applied. Then:
//
// - nothing about the member changed since the read before: the change was not applied (yet): resend, once
//   the settle window rules out a late application;
// - the balance moved by exactly this change, point_used agrees, and the change was made within the attempt's
//   span: applied;
// - anything else (the figure after it reached through a change made outside the attempt; back to the figure
//   before after something changed; any other figure) goes to a manager with both figures: never applied by
//   guess, never resent.
//
// What stays undecidable: another writer making the very same change to the same member within this
// attempt's span, while this till's change was lost. The profile cannot tell the two apart.

import { toMicros } from '../haravan/timestamps.ts';
import type { BalanceSnapshot, JournalEntry, ReviewReason } from './types.ts';

/** Skew allowed between the clock behind Haravan's Date header and the one behind updated_at. */
export const CLOCK_TOLERANCE_MS = 1_000;

/** journal_facts: whether this shop's Haravan moves point_used on a redemption ("yes" / "no"), once seen. */
export const REDEEM_MOVES_POINT_USED = 'redeem_moves_point_used';
/**
 * journal_facts: whether this shop's Haravan moves updated_at when points change ("yes" / "no"), once seen.
 * Everything that tells this till's change from another writer's rests on it: until it is seen, and if it
 * does not, no verdict is drawn from a profile, and a manager decides.
 */
export const POINTS_MOVE_UPDATED_AT = 'points_move_updated_at';

export type Verdict =
  | { kind: 'applied'; detail: string }
  | { kind: 'unchanged'; detail: string }
  | { kind: 'review'; reason: ReviewReason; detail: string };

export interface VerdictContext {
  /** journal_facts REDEEM_MOVES_POINT_USED, if learnt. */
  redeemMovesPointUsed: 'yes' | 'no' | undefined;
  /** journal_facts POINTS_MOVE_UPDATED_AT, if learnt. */
  pointsMoveUpdatedAt: 'yes' | 'no' | undefined;
  /** How long one attempt can last at most, for an attempt whose end was never seen (the app stopped). */
  maxAttemptMs: number;
}

export function judge(entry: JournalEntry, now: BalanceSnapshot, context: VerdictContext): Verdict {
  const before = entry.sentBalanceBefore!;
  const after = entry.sentBalanceAfter!;
  const balance = now.point_available;
  const stampBefore = micros(entry.sentUpdatedAtBefore);
  const stampNow = micros(now.updated_at);
  const figures = `Haravan shows ${balance} (before it ${before}, after it ${after})`;

  if (stampBefore === undefined || stampNow === undefined || context.pointsMoveUpdatedAt !== 'yes') {
    // Without a change time that moves with points, the balance alone cannot tell this change from another
    // writer's (the same change, or one that undoes it): nothing is decided by guess.
    const why = context.pointsMoveUpdatedAt === undefined && stampBefore !== undefined && stampNow !== undefined ? 'not yet known to' : 'does not';
    return review('no_change_time', `${figures}, but this shop's Haravan ${why} mark points changes in updated_at: it cannot be told from the profile`);
  }
  if (stampNow === stampBefore) {
    if (balance === before && usedUnchanged(entry, now)) {
      return { kind: 'unchanged', detail: `${figures}; the member is as it was before the attempt: not applied` };
    }
    return review('changed_elsewhere', `${figures}, yet updated_at did not move: the member changed in a way this till cannot follow`);
  }
  const at = now.updated_at!;
  if (balance === after && usedAgrees(entry, now, context)) {
    const span = attemptSpan(entry, context);
    if (span && stampNow >= span.from && stampNow <= span.to) {
      return { kind: 'applied', detail: `${figures}, changed at ${at}, within this till's attempt: applied` };
    }
    const when = span ? `outside this till's attempt (${iso(span.from)} – ${iso(span.to)})` : 'at a moment this till cannot place';
    return review('after_outside_attempt', `${figures}: the figure after it, but reached by a change at ${at}, ${when}: applied late, or made by another till or app`);
  }
  if (balance === before) {
    return review('before_after_other_change', `${figures}: the figure before it, but the member changed at ${at}: another change may hide this one`);
  }
  return review('changed_elsewhere', `${figures}: the balance changed elsewhere (at ${at})`);
}

function review(reason: ReviewReason, detail: string): Verdict {
  return { kind: 'review', reason, detail };
}

function micros(stamp: string | null | undefined): number | undefined {
  return stamp ? toMicros(stamp) : undefined;
}

const iso = (us: number) => new Date(Math.floor(us / 1000)).toISOString();

/** When the attempt may have been applied, on Haravan's clock (µs), widened by the clock tolerance. */
function attemptSpan(entry: JournalEntry, context: VerdictContext): { from: number; to: number } | undefined {
  if (entry.attemptFromUs === null) return undefined;
  const to = entry.attemptToUs ?? entry.attemptFromUs + context.maxAttemptMs * 1000;
  return { from: entry.attemptFromUs - CLOCK_TOLERANCE_MS * 1000, to: to + CLOCK_TOLERANCE_MS * 1000 };
}

function usedUnchanged(entry: JournalEntry, now: BalanceSnapshot): boolean {
  return entry.sentPointUsedBefore === null || now.point_used == null || now.point_used === entry.sentPointUsedBefore;
}

/** point_used as this change would leave it: an add never moves it; a redemption does where the shop counts it. */
function usedAgrees(entry: JournalEntry, now: BalanceSnapshot, context: VerdictContext): boolean {
  const used = entry.sentPointUsedBefore;
  if (used === null || now.point_used == null) return true;
  if (entry.direction === 'add') return now.point_used === used;
  if (context.redeemMovesPointUsed === 'yes') return now.point_used === used + entry.points;
  if (context.redeemMovesPointUsed === 'no') return now.point_used === used;
  return now.point_used === used || now.point_used === used + entry.points;
}
