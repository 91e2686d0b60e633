// What the journal panel needs to know about entries: which filter shows which states, what a person may
// do with an entry in each state, and how an entry's last problem reads.

import type { DeskStatus, JournalEntryView } from '../../electron/ipc/contract.ts';
import type { LoyaltyErrorCode } from '../../electron/haravan/errors.ts';
import type { EntryState, JournalError } from '../../electron/journal/types.ts';
import { errorText, t } from './i18n.svelte.ts';

export type JournalFilter = 'waiting' | 'attention' | 'all';
export const JOURNAL_FILTERS: readonly JournalFilter[] = ['waiting', 'attention', 'all'];

/** The states each filter lists; `undefined`: every state. "Needs attention" also lists entries the store may show twice. */
const FILTER_STATES: Record<JournalFilter, EntryState[] | undefined> = {
  waiting: ['pending', 'sending', 'uncertain'],
  attention: ['rejected', 'needs_review'],
  all: undefined,
};

/** The listJournal query of a filter. */
export function filterQuery(filter: JournalFilter): { states?: EntryState[]; attention?: boolean; limit: number } {
  const states = FILTER_STATES[filter];
  return states ? { states, attention: filter === 'attention', limit: 200 } : { limit: 200 };
}

/** Entries on their way: pending or being sent (uncertain ones are counted on their own). */
export function waitingToSend(status: DeskStatus): number {
  return Math.max(status.journal.pending, status.pendingAdjustments - status.journal.uncertain);
}

/** How many entries a filter holds, from the status line's counts ('all' has no count). */
export function filterCount(status: DeskStatus, filter: JournalFilter): number | undefined {
  if (filter === 'waiting') return status.pendingAdjustments;
  if (filter === 'attention') return status.journal.rejected + status.journal.needs_review + status.journal.applied_twice;
  return undefined;
}

/** The filter to open on: what needs attention first, when there is any. */
export function startingFilter(status: DeskStatus): JournalFilter {
  return (filterCount(status, 'attention') ?? 0) > 0 ? 'attention' : 'all';
}

/**
 * A manager's actions: a pending or rejected entry may be cancelled (discarded), and one refused because the
 * member was not found sent again; a needs-review entry is settled as applied or to be sent again; an entry
 * the store may show twice has its extra application taken back, or is found applied once. Every other
 * state is the journal's own business.
 */
export type EntryAction = 'discard' | 'applied' | 'resend' | 'resendRefused' | 'reverseExtra' | 'dismissTwice' | 'reverse';

export function actionsFor(entry: Pick<JournalEntryView, 'state' | 'lastError' | 'duplicateCheck' | 'reversesId' | 'reversal'>): EntryAction[] {
  if (entry.state === 'pending') return ['discard'];
  if (entry.state === 'rejected') return entry.lastError?.code === 'not_found' ? ['resendRefused', 'discard'] : ['discard'];
  if (entry.state === 'needs_review') return ['applied', 'resend'];
  if (entry.state === 'applied' && entry.duplicateCheck === 'suspected') return ['reverseExtra', 'dismissTwice'];
  // A mistake or a refund: an applied change is reversed once; a reversal is not reversed again.
  if (entry.state === 'applied' && entry.reversesId === null && entry.reversal === 'none' && entry.duplicateCheck !== 'due') return ['reverse'];
  return [];
}

/** Entries a manager should look at: shown in the warning colour. */
export const needsAttention = (entry: Pick<JournalEntryView, 'state' | 'duplicateCheck'>): boolean =>
  entry.state === 'rejected' || entry.state === 'needs_review' || entry.duplicateCheck === 'suspected';

/** Every code the screen can explain; a Record, so that a code added to the family must be added here. */
const KNOWN_CODES: Record<LoyaltyErrorCode, true> = {
  unauthorized: true, missing_scope: true, not_found: true, validation: true, rate_limited: true, offline: true, server: true,
  uncertain: true, invalid_input: true, not_connected: true, pin_required: true, wrong_pin: true, print_failed: true, internal: true,
  wrong_address: true, settings_tampered: true,
};

/**
 * Problems said plainly, without the cashier's "nothing was changed": of an entry whose outcome is unclear,
 * or of a sync, that would be untrue or beside the point.
 */
const PLAIN = { offline: 'problem.offline', server: 'problem.server', rate_limited: 'problem.rate_limited' } as const;

/**
 * An entry's (or a sync's) last problem in words; a refusal by the store keeps the store's own words: its
 * `detail` when the problem carries one, else the part of the logged message after the HTTP status.
 */
export function problemText(error: Pick<JournalError, 'message'> & { code: string; detail?: string }): string {
  if (!Object.hasOwn(KNOWN_CODES, error.code)) return errorText({ code: 'internal' });
  const code = error.code as LoyaltyErrorCode;
  if (Object.hasOwn(PLAIN, code)) return t(PLAIN[code as keyof typeof PLAIN]);
  if (code !== 'validation') return errorText({ code });
  return errorText({ code, detail: error.detail ?? storeWords(error.message) });
}

/** An entry's problem is shown only while it has work left or waits for a person; an applied or cancelled one's is history. */
export const problemShown = (entry: Pick<JournalEntryView, 'state' | 'lastError'>): boolean =>
  entry.lastError !== null && entry.state !== 'applied' && entry.state !== 'discarded';

/**
 * Whether the last problem came from sending the change or from checking the balance (a reconciliation's
 * read): the sends counted beside it are only the former. The client names every request it logs.
 */
export const problemPhase = (error: Pick<JournalError, 'message'>): 'send' | 'check' => (error.message.startsWith('GET ') ? 'check' : 'send');

/** "PUT /loy/profiles/1/points/subtract.json: refused (422): point is greater…" → "point is greater…". */
function storeWords(message: string): string {
  const refused = /\(\d{3}\):\s*(.+)$/.exec(message);
  return refused?.[1] ?? message;
}
