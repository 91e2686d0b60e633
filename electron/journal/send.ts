// The one path that sends a journal entry, and the reconciliation of an entry whose outcome is unknown.
// Nothing is ever resent blindly: Haravan's ref_id is not known to make adjustments idempotent, so an entry
// that may have been applied is sent again only after a GET shows the member's balance still at the figure
// the attempt assumed before it.

import type { HaravanClient } from '../haravan/client.ts';
import { encodeError, LoyaltyError, type EncodedError, type LoyaltyErrorCode } from '../haravan/errors.ts';
import type { Lane } from '../haravan/scheduler.ts';
import type { Profile } from '../haravan/types.ts';
import type { Journal } from './journal.ts';
import type { JournalEntry } from './types.ts';

/**
 * How long after an attempt was sent "the balance has not moved" is believed. A request Haravan received
 * may still be applied after our side gave up on it (a timeout, a proxy's 502/504 while the backend works
 * on): resending before such a request must have finished could apply the change twice. "The balance
 * moved by exactly this entry" is believed at once.
 */
export const RESEND_SETTLE_MS = 60_000;

export interface SendOptions {
  lane: Lane;
  /**
   * The member's balance as Haravan showed it since this till last changed it (a GET, or the answer to the
   * member's previous PUT). Reconciliation relies on it: a stale figure could make a lost entry look
   * applied, or an applied one look unsent. Without it, sendEntry first GETs the profile.
   */
  balanceBefore?: number;
  /** Defaults to RESEND_SETTLE_MS. */
  settleMs?: number;
}

export interface SendOutcome {
  /** The entry as it stands now; its state is the outcome. */
  entry: JournalEntry;
  /**
   * The member as Haravan showed them in this call's last answer (the PUT's, or the reconciliation GET's),
   * when nothing has changed the balance since. Absent when the store could not be asked.
   */
  profile?: Profile;
  /** Why the entry is not applied (yet), or what happened on the way to applying it. */
  error?: EncodedError;
  /** The member's earlier entry this one waits behind; nothing was sent. */
  waitingFor?: JournalEntry;
}

const noSuchEntry = (id: string) => new LoyaltyError('invalid_input', `No journal entry ${id}`, { detail: 'entry' });

/** Errors that stop all sending until the token changes. */
const TOKEN_REFUSED: readonly LoyaltyErrorCode[] = ['unauthorized', 'missing_scope'];

type PutVerdict = 'rejected' | 'not_applied' | 'uncertain';

function verdictFor(code: LoyaltyErrorCode): PutVerdict {
  switch (code) {
    case 'validation':
    case 'not_found':
    case 'invalid_input':
      return 'rejected';
    // The client returns these only when the store provably did not apply the change.
    case 'offline':
    case 'rate_limited':
    case 'unauthorized':
    case 'missing_scope':
      return 'not_applied';
    default:
      // 'uncertain', and anything unexpected: never assume a request that may have left did nothing.
      return 'uncertain';
  }
}

export async function sendEntry(journal: Journal, client: HaravanClient, id: string, options: SendOptions): Promise<SendOutcome> {
  const entry = journal.get(id);
  if (!entry) throw noSuchEntry(id);
  const paused = journal.sendingPausedBy();
  if (paused) return { entry, error: paused };
  if (entry.state !== 'pending') return { entry };
  const head = journal.head(entry.memberId);
  if (head && head.id !== entry.id) return { entry, waitingFor: head };

  let before = options.balanceBefore;
  if (before === undefined) {
    try {
      before = (await client.getProfile(entry.memberId, { lane: options.lane })).point_available;
    } catch (error) {
      return unableToAsk(journal, entry, encodeError(error));
    }
  }

  const start = journal.beginSend(id, before);
  if (!start.started) return { entry: start.entry, waitingFor: start.waitingFor };
  const sending = start.entry;
  let answer: Profile;
  try {
    answer = await client.adjustPoints(
      sending.memberId,
      sending.direction,
      { value: sending.points, reason: sending.reason, ref_id: sending.refId },
      { lane: options.lane },
    );
  } catch (error) {
    return afterFailedPut(journal, client, sending, encodeError(error), options);
  }
  const applied = journal.settle(sending, 'applied', {
    serverBalance: answer.point_available,
    detail: `applied; Haravan answered ${answer.point_available}`,
  });
  return { entry: applied ?? journal.get(id)!, profile: answer };
}

async function afterFailedPut(
  journal: Journal,
  client: HaravanClient,
  sending: JournalEntry,
  failure: EncodedError,
  options: SendOptions,
): Promise<SendOutcome> {
  const verdict = verdictFor(failure.code);
  if (verdict === 'rejected') {
    const rejected = journal.settle(sending, 'rejected', { error: failure, detail: `refused: ${failure.message}` });
    return { entry: rejected ?? journal.get(sending.id)!, error: failure };
  }
  if (verdict === 'not_applied') {
    if (TOKEN_REFUSED.includes(failure.code)) journal.pauseSending(failure);
    const pending = journal.settle(sending, 'pending', { error: failure, detail: `not applied (${failure.code}): ${failure.message}` });
    return { entry: pending ?? journal.get(sending.id)!, error: failure };
  }
  journal.settle(sending, 'uncertain', { error: failure, detail: `outcome unknown: ${failure.message}` });
  const reconciled = await reconcileEntry(journal, client, sending.id, options);
  return { ...reconciled, error: reconciled.error ?? failure };
}

/** The GET before sending failed: nothing was sent, the entry stays pending (or is refused if the member is gone). */
function unableToAsk(journal: Journal, entry: JournalEntry, failure: EncodedError): SendOutcome {
  if (failure.code === 'not_found') {
    const rejected = journal.settle(entry, 'rejected', { error: failure, detail: 'refused: the member no longer exists' });
    return { entry: rejected ?? journal.get(entry.id)!, error: failure };
  }
  if (TOKEN_REFUSED.includes(failure.code)) journal.pauseSending(failure);
  journal.noteError(entry, failure);
  return { entry: journal.get(entry.id)!, error: failure };
}

/**
 * Settles an `uncertain` entry by the member's balance: the figure after it → applied; the figure before
 * it (and the attempt old enough that a late application is ruled out) → pending, safe to resend;
 * anything else → needs_review, both figures kept. If the store cannot be asked it stays uncertain.
 */
export async function reconcileEntry(
  journal: Journal,
  client: HaravanClient,
  id: string,
  options: Pick<SendOptions, 'lane' | 'settleMs'>,
): Promise<SendOutcome> {
  const seen = journal.get(id);
  if (!seen) throw noSuchEntry(id);
  if (seen.state !== 'uncertain') return { entry: seen };
  const paused = journal.sendingPausedBy();
  if (paused) return { entry: seen, error: paused };

  const askedAt = Date.now();
  let profile: Profile;
  try {
    profile = await client.getProfile(seen.memberId, { lane: options.lane });
  } catch (error) {
    const failure = encodeError(error);
    if (failure.code === 'not_found') {
      const review = journal.settle(seen, 'needs_review', {
        error: failure,
        detail: 'the member no longer exists: whether this was applied cannot be checked',
      });
      return { entry: review ?? journal.get(id)!, error: failure };
    }
    if (TOKEN_REFUSED.includes(failure.code)) journal.pauseSending(failure);
    journal.noteError(seen, failure);
    return { entry: journal.get(id)!, error: failure };
  }

  const balance = profile.point_available;
  const before = seen.sentBalanceBefore!;
  const after = seen.sentBalanceAfter!;
  const moved = (to: 'applied' | 'pending' | 'needs_review', detail: string) => {
    const settled = journal.settle(seen, to, { serverBalance: balance, detail });
    // Someone else settled it meanwhile: this answer may be older than theirs, so it is not passed on.
    return settled ? { entry: settled, profile } : { entry: journal.get(id)! };
  };
  if (balance === after) return moved('applied', `reconciled: Haravan shows ${balance}, the balance after it: applied`);
  if (balance !== before) {
    return moved(
      'needs_review',
      `Haravan shows ${balance}: neither ${before} (not applied) nor ${after} (applied); the balance changed elsewhere`,
    );
  }
  const settleMs = options.settleMs ?? RESEND_SETTLE_MS;
  if (askedAt < Date.parse(seen.lastSentAt!) + settleMs) {
    return {
      entry: seen,
      error: { code: 'uncertain', message: `Haravan still shows ${balance}; waiting until a late application is ruled out before resending` },
    };
  }
  return moved('pending', `reconciled: Haravan shows ${balance}, the balance before it: not applied, safe to send again`);
}
