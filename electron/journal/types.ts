// The offline journal's public shapes. Every point adjustment a cashier confirms becomes one entry, written
// to disk before any request is sent, and moves through these states:
//
//   pending ──► sending ──► applied
//      │           ├──────► rejected ──► discarded      (the server refused it: needs the cashier)
//      │           ├──────► pending                     (provably not applied: offline, 429, 401/403)
//      │           └──────► uncertain ─┬─► applied      (Haravan shows the balance after it)
//      │                               ├─► pending      (Haravan shows the balance before it: safe to resend)
//      │                               └─► needs_review ─┬─► applied  (a manager found it applied)
//      ├──► rejected  (the member no longer exists)     └─► pending  (a manager found it missing)
//      └──► discarded (a manager dropped it, with a reason)

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
  pending: ['sending', 'rejected', 'discarded'],
  sending: ['applied', 'rejected', 'pending', 'uncertain'],
  uncertain: ['applied', 'pending', 'needs_review'],
  needs_review: ['applied', 'pending'],
  rejected: ['discarded'],
  applied: [],
  discarded: [],
};

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
  /** When the latest attempt was marked sending. */
  lastSentAt: string | null;
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
  memberId?: number;
  limit?: number;
}

/** Who resolves or discards an entry by hand, and why: kept on the entry and in its history. */
export interface ManualNote {
  by: string;
  reason: string;
}

export type Resolution = 'applied' | 'resend';
