// The offline journal's public shapes. Every point adjustment a cashier confirms becomes one entry, written
// to disk before any request is sent, and moves through these states:
//
//   pending ──► sending ──► applied
//      │           ├──────► rejected ──► discarded      (the server refused it: needs the cashier)
//      │           │           └──────► pending          (a manager sends again one refused as "not found")
//      │           ├──────► pending                     (provably not applied: never sent, 429, 401/403)
//      │           └──────► uncertain ─┬─► applied      (the member shows this change, made within the attempt)
//      │                               ├─► pending      (nothing about the member changed: safe to resend)
//      │                               └─► needs_review ─┬─► applied  (a manager found it applied)
//      ├──► rejected  (the member no longer exists)     └─► pending  (a manager found it missing)
//      ├──► discarded (a manager dropped it, with a reason)
//      └──► needs_review (about to be sent again, the member is no longer as when that was decided)
//
// An applied entry that was sent more than once carries a duplicate check: `due` until the member's balance
// has been looked at once more, `suspected` when it shows both attempts applied (a manager reverses the extra
// one or dismisses the check).

import type { EncodedError } from '../haravan/errors.ts';
import type { PointDirection } from '../haravan/types.ts';

export type EntryState = 'pending' | 'sending' | 'applied' | 'rejected' | 'uncertain' | 'needs_review' | 'discarded';

export const ENTRY_STATES: readonly EntryState[] = [
  'pending',
  'sending',
  'applied',
  'rejected',
  'uncertain',
  'needs_review',
  'discarded',
];

/**
 * States that hold back the member's later entries: each entry of a member is sent only once every earlier
 * entry of that member is applied, rejected or discarded, so that the balance an entry assumes is known.
 */
export const OPEN_STATES: readonly EntryState[] = ['pending', 'sending', 'uncertain', 'needs_review'];

/** Every transition the journal allows; the database refuses any other (a trigger). */
export const TRANSITIONS: Readonly<Record<EntryState, readonly EntryState[]>> = {
  pending: ['sending', 'rejected', 'discarded', 'needs_review'],
  sending: ['applied', 'rejected', 'pending', 'uncertain'],
  uncertain: ['applied', 'pending', 'needs_review'],
  needs_review: ['applied', 'pending'],
  rejected: ['discarded', 'pending'],
  applied: [],
  discarded: [],
};

/**
 * How long after an attempt that may have reached the store ended "nothing has changed" is believed. A
 * request Haravan received may still be applied after our side gave up on it (a timeout, a proxy's 502/504
 * while the backend works on): resending before such a request must have finished could apply it twice.
 */
export const RESEND_SETTLE_MS = 60_000;

/** Why an entry waits for a manager; the screen words each one, the history keeps the figures. */
export type ReviewReason =
  /** The balance moved, but not by this change alone. */
  | 'changed_elsewhere'
  /** The balance shows this change, but made at a moment outside this till's attempt. */
  | 'after_outside_attempt'
  /** The balance is back where it was, but the member changed meanwhile: this change may be hidden by another. */
  | 'before_after_other_change'
  /** The member no longer exists: whether the change was applied cannot be read. */
  | 'member_gone'
  /** Sent again, refused: the earlier attempt, which went unanswered, may be why (it was applied). */
  | 'refused_after_unanswered'
  /** This shop's Haravan does not show when a member last changed: nothing can be told from its profile. */
  | 'no_change_time';

export const REVIEW_REASONS: readonly ReviewReason[] = [
  'changed_elsewhere', 'after_outside_attempt', 'before_after_other_change', 'member_gone', 'refused_after_unanswered', 'no_change_time',
];

export type DuplicateCheck = 'due' | 'suspected' | 'dismissed' | 'reversed';

/** A reversal undoes an extra application of a change sent twice, or a change refunded afterwards. */
export type ReversalKind = 'duplicate' | 'refund';

/** What a change was for, as the cashier chose it: the shift report totals by it. */
export type ReasonKind = 'redeem' | 'purchase' | 'promotion' | 'correction';

export const REASON_KINDS: readonly ReasonKind[] = ['redeem', 'purchase', 'promotion', 'correction'];

/** The member as Haravan showed them right before an attempt: what reconciliation compares with. */
export interface BalanceSnapshot {
  point_available: number;
  /** Absent when the answer did not carry it. */
  point_used?: number | null;
  updated_at?: string | null;
}

export interface JournalMember {
  id: number;
  /** As stored in Haravan; may be empty. */
  phone: string;
  /** As shown on the card when the cashier confirmed; may be empty. */
  name: string;
}

export interface RecordInput {
  member: JournalMember;
  direction: PointDirection;
  /** A positive whole number. */
  points: number;
  reason: string;
  /** The order reference sent as Haravan's ref_id ("" when there is none). */
  refId: string;
  /** The balance on the card when the cashier confirmed (the last one known; may be stale offline). */
  balanceBefore: number;
  /** What the change was for; undefined for a reversal (its original says) and where unknown. */
  reasonKind?: ReasonKind | undefined;
  /** The money behind it (see JournalEntry.moneyDong). */
  moneyDong?: number | undefined;
}

export interface JournalError {
  code: EncodedError['code'];
  message: string;
}

export interface JournalEntry {
  /** The client id, crypto.randomUUID(). */
  id: string;
  /** Creation order within this journal. */
  seq: number;
  memberId: number;
  memberPhone: string;
  memberName: string;
  direction: PointDirection;
  points: number;
  reason: string;
  refId: string;
  till: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  state: EntryState;
  /** Requests sent for this entry (a request that may have left counts). */
  attempts: number;
  lastError: JournalError | null;
  /** What the card showed when the cashier confirmed, and what it would become. */
  cardBalanceBefore: number;
  cardBalanceAfter: number;
  /** What the latest attempt assumed, from a fresh server balance: reconciliation compares with these. */
  sentBalanceBefore: number | null;
  sentBalanceAfter: number | null;
  /** The rest of that fresh read: point_used and updated_at, null when it did not carry them. */
  sentPointUsedBefore: number | null;
  sentUpdatedAtBefore: string | null;
  /** When the latest attempt was marked sending. */
  lastSentAt: string | null;
  /**
   * When, on Haravan's clock (microseconds since the epoch), the latest attempt may have been applied: from
   * its dispatch to its end. null where unknown (no Date header seen; the end of an attempt cut by a crash).
   */
  attemptFromUs: number | null;
  attemptToUs: number | null;
  /** When the latest attempt that may have reached the store ended (ISO 8601, this till's clock, for people). */
  attemptEndedAt: string | null;
  /**
   * How long this app has watched, on its monotonic clock, since that attempt ended; null when no attempt of
   * the entry may still be applied late. It is sent again only once this reaches the settle window.
   */
  settleWaitedMs: number | null;
  /** Attempts that may have reached the store without a clear answer. */
  unansweredAttempts: number;
  reviewReason: ReviewReason | null;
  duplicateCheck: DuplicateCheck | null;
  /** The balance and updated_at the applying answer showed, which a duplicate check compares with later. */
  duplicateCheckBalance: number | null;
  duplicateCheckStamp: string | null;
  /**
   * For a pending entry with an unanswered attempt behind it: the updated_at of the read on which sending it
   * again was decided (with serverBalance, its balance). It goes only while the member is still so.
   */
  decidedStamp: string | null;
  /** What the change was for; null for a reversal and for entries recorded before kinds were kept. */
  reasonKind: ReasonKind | null;
  /**
   * The money behind the change, in đồng: for a redemption the discount it gave (its points at the point value
   * then), for points earned from a bill the bill's amount; a reversal carries its original's. null when none.
   */
  moneyDong: number | null;
  /** The entry this one reverses, and why. */
  reversesId: string | null;
  reversalKind: ReversalKind | null;
  /** The balance Haravan last reported for the member (the PUT's answer, or the reconciliation GET). */
  serverBalance: number | null;
  updatedAt: string;
  /** Who resolved or discarded the entry by hand, and why. */
  resolvedBy: string | null;
  resolutionNote: string | null;
}

export interface JournalEvent {
  seq: number;
  entryId: string;
  /** null for the entry's creation. */
  from: EntryState | null;
  to: EntryState;
  at: string;
  detail: string;
}

export interface ListQuery {
  states?: readonly EntryState[];
  /** With `states`: also the applied entries the store may show twice. */
  orSuspectedDuplicates?: boolean;
  memberId?: number;
  limit?: number;
}

/** Who resolves or discards an entry by hand, and why: kept on the entry and in its history. */
export interface ManualNote {
  by: string;
  reason: string;
}

export type Resolution = 'applied' | 'resend';
