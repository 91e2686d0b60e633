// Database rows to the journal's public shapes.

import type { DuplicateCheck, EntryState, JournalEntry, JournalEvent, ReasonKind, ReversalKind, ReviewReason } from './types.ts';

type Row = Record<string, unknown>;

const text = (value: unknown) => value as string;
const whole = (value: unknown) => value as number;
const maybeText = (value: unknown) => (value === null ? null : (value as string));
const maybeWhole = (value: unknown) => (value === null ? null : (value as number));

export function toEntry(row: Row): JournalEntry {
  return {
    id: text(row.id),
    seq: whole(row.seq),
    memberId: whole(row.member_id),
    memberPhone: text(row.member_phone),
    memberName: text(row.member_name),
    direction: row.direction as JournalEntry['direction'],
    points: whole(row.points),
    reason: text(row.reason),
    refId: text(row.ref_id),
    till: text(row.till),
    createdAt: text(row.created_at),
    state: row.state as EntryState,
    attempts: whole(row.attempts),
    lastError:
      row.last_error_code === null
        ? null
        : { code: row.last_error_code as NonNullable<JournalEntry['lastError']>['code'], message: text(row.last_error_message) },
    cardBalanceBefore: whole(row.card_balance_before),
    cardBalanceAfter: whole(row.card_balance_after),
    sentBalanceBefore: maybeWhole(row.sent_balance_before),
    sentBalanceAfter: maybeWhole(row.sent_balance_after),
    sentPointUsedBefore: maybeWhole(row.sent_point_used_before),
    sentUpdatedAtBefore: maybeText(row.sent_updated_at_before),
    lastSentAt: maybeText(row.last_sent_at),
    attemptFromUs: maybeWhole(row.attempt_from_us),
    attemptToUs: maybeWhole(row.attempt_to_us),
    attemptEndedAt: maybeText(row.attempt_ended_at),
    settleWaitedMs: maybeWhole(row.settle_waited_ms),
    unansweredAttempts: whole(row.unanswered_attempts),
    reviewReason: row.review_reason as ReviewReason | null,
    duplicateCheck: row.duplicate_check as DuplicateCheck | null,
    duplicateCheckBalance: maybeWhole(row.duplicate_check_balance),
    duplicateCheckStamp: maybeText(row.duplicate_check_stamp),
    decidedStamp: maybeText(row.decided_stamp),
    reasonKind: (row.reason_kind ?? null) as ReasonKind | null,
    moneyDong: maybeWhole(row.money_dong ?? null),
    reversesId: maybeText(row.reverses_id),
    reversalKind: row.reversal_kind as ReversalKind | null,
    serverBalance: maybeWhole(row.server_balance),
    updatedAt: text(row.updated_at),
    resolvedBy: maybeText(row.resolved_by),
    resolutionNote: maybeText(row.resolution_note),
  };
}

export function toEvent(row: Row): JournalEvent {
  return {
    seq: whole(row.seq),
    entryId: text(row.entry_id),
    from: row.from_state as EntryState | null,
    to: row.to_state as EntryState,
    at: text(row.at),
    detail: text(row.detail),
  };
}

/** The balance an adjustment leads to from `before`. */
export function balanceAfter(direction: JournalEntry['direction'], points: number, before: number): number {
  return direction === 'add' ? before + points : before - points;
}
