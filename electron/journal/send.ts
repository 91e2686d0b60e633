// The one path that sends a journal entry, and the reconciliation of an entry whose outcome is unknown.
// Nothing is ever resent blindly: Haravan's ref_id is not known to make adjustments idempotent, so an entry
// that may have been applied is sent again only after a read shows nothing about the member changed since
// the read before the attempt, and only once the settle window has ruled out a late application.
// "Applied" needs evidence: Haravan's own profile of the member in answer to the PUT, or a read that shows
// this change made within the attempt (verdict.ts).

import type { HaravanClient } from '../haravan/client.ts';
import { encodeError, LoyaltyError, type EncodedError, type LoyaltyErrorCode } from '../haravan/errors.ts';
import type { Lane } from '../haravan/scheduler.ts';
import type { Profile } from '../haravan/types.ts';
import type { Journal, Settlement } from './journal.ts';
import { balanceAfter } from './rows.ts';
import type { BalanceSnapshot, JournalEntry } from './types.ts';
import { judge, POINTS_MOVE_UPDATED_AT, REDEEM_MOVES_POINT_USED } from './verdict.ts';

/** The longest one attempt lasts (the client's timeout), for an attempt whose end was never seen. */
const MAX_ATTEMPT_MS = 10_000;

export interface SendOptions {
  lane: Lane;
  /**
   * The member as Haravan showed them since this till last changed them (a GET, or the answer to the
   * member's previous PUT). Reconciliation relies on it: a stale figure could make a lost entry look
   * applied, or an applied one look unsent. Without it, sendEntry first GETs the profile.
   */
  before?: BalanceSnapshot;
  /** Defaults to the journal's settle window. */
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
  /** Nothing can be done for the entry before this many milliseconds (the settle window). */
  waitMs?: number;
}

const noSuchEntry = (id: string) => new LoyaltyError('invalid_input', `No journal entry ${id}`, { detail: 'entry' });

/** Errors that stop all sending until the token changes. */
const TOKEN_REFUSED: readonly LoyaltyErrorCode[] = ['unauthorized', 'missing_scope'];

const WRONG_ADDRESS: EncodedError = {
  code: 'wrong_address',
  message: 'The API address answers "not found" to every request: it is not a Haravan store',
};

export const snapshotOf = (profile: Profile): BalanceSnapshot => ({
  point_available: profile.point_available,
  point_used: profile.point_used ?? null,
  updated_at: profile.updated_at ?? null,
});

/** Haravan's time in microseconds at a monotonic instant, at its earliest or latest; null if not known yet. */
function serverMicros(client: HaravanClient, at: number, bound: 'earliest' | 'latest'): number | null {
  const range = client.serverClock.at(at);
  return range ? Math.round(range[bound] * 1000) : null;
}

/**
 * This run's monotonic instants of each entry's latest attempt (dispatched, ended). Haravan's clock is known
 * better with every answer, so reconciliation places the attempt afresh from these; the figures kept on
 * disk serve after a restart.
 */
const attemptInstants = new Map<string, { attempt: number; sentAt: number; endedAt?: number }>();

/** The entry with its attempt placed on Haravan's clock as well as this client now knows it. */
function placedAttempt(entry: JournalEntry, client: HaravanClient): JournalEntry {
  const instants = attemptInstants.get(entry.id);
  if (!instants || instants.attempt !== entry.attempts) return entry;
  const from = serverMicros(client, instants.sentAt, 'earliest');
  const to = instants.endedAt === undefined ? null : serverMicros(client, instants.endedAt, 'latest');
  return from === null ? entry : { ...entry, attemptFromUs: from, attemptToUs: to ?? entry.attemptToUs };
}

function attemptEnded(sending: JournalEntry, client: HaravanClient): number | null {
  const endedAt = performance.now();
  const instants = attemptInstants.get(sending.id);
  if (instants?.attempt === sending.attempts) instants.endedAt = endedAt;
  return serverMicros(client, endedAt, 'latest');
}

/**
 * Whether a "not found" means the member is gone: only when the store otherwise answers (its list works with
 * the same token). true: it does; false: the address is not a store; undefined: it could not be asked now.
 */
async function memberIsGone(client: HaravanClient, lane: Lane): Promise<boolean | undefined> {
  try {
    await client.listProfiles({ limit: 1, fields: ['id'] }, { lane });
    return true;
  } catch (error) {
    return error instanceof LoyaltyError && error.code === 'not_found' ? false : undefined;
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
  const settleMs = options.settleMs ?? journal.settleMs;
  const waited = journal.waited(entry);
  if (waited !== null && waited < settleMs) return { entry, waitMs: settleMs - waited };

  let before = options.before;
  if (before === undefined) {
    try {
      before = snapshotOf(await client.getProfile(entry.memberId, { lane: options.lane }));
    } catch (error) {
      return unableToAsk(journal, client, entry, encodeError(error), options.lane);
    }
  }

  const start = journal.beginSend(id, before, settleMs);
  if (!start.started) return { entry: start.entry, waitingFor: start.waitingFor, waitMs: start.waitMs };
  const sending = start.entry;
  try {
    let answer: Profile;
    try {
      answer = await client.adjustPoints(
        sending.memberId,
        sending.direction,
        { value: sending.points, reason: sending.reason, ref_id: sending.refId },
        {
          lane: options.lane,
          onAttempt: (sentAt) => {
            attemptInstants.set(sending.id, { attempt: sending.attempts, sentAt });
            journal.noteAttempt(sending, serverMicros(client, sentAt, 'earliest'));
          },
        },
      );
    } catch (error) {
      return await afterFailedPut(journal, client, sending, encodeError(error), options);
    }
    learnPointUsed(journal, sending, before, answer);
    learnChangeTimes(journal, before, answer, true);
    const applied = journal.settle(sending, 'applied', {
      serverBalance: answer.point_available,
      detail: `applied; Haravan answered ${answer.point_available}`,
      ...duplicateCheckAfter(sending, answer),
    });
    // Kept until the answer is: if it could not be written, reconciliation still places this attempt.
    attemptInstants.delete(id);
    return { entry: applied ?? journal.get(id)!, profile: answer };
  } finally {
    try {
      // Whatever went wrong on the way, the entry never stays `sending`: its request may have left.
      const still = journal.get(id);
      if (still?.state === 'sending' && still.attempts === sending.attempts) {
        journal.settle(still, 'uncertain', { detail: 'outcome unknown: the answer could not be handled', attemptToUs: attemptEnded(still, client) });
      }
    } finally {
      // If even that could not be written (a full disk), the replayer finds the entry and recovers it.
      journal.endSend(id);
    }
  }
}

/**
 * A change applied on a later attempt after an earlier one went unanswered: if that earlier one was applied
 * after all, the store now has it twice. The PUT's answer shows it at once when the balance moved by twice
 * the change; otherwise the member is looked at once more after the settle window.
 */
function duplicateCheckAfter(sending: JournalEntry, answer: Profile) {
  if (sending.unansweredAttempts === 0) return {};
  const twice = balanceAfter(sending.direction, sending.points * 2, sending.sentBalanceBefore!);
  return {
    duplicateCheck: answer.point_available === twice ? ('suspected' as const) : ('due' as const),
    duplicateCheckBalance: answer.point_available,
    duplicateCheckStamp: answer.updated_at ?? null,
  };
}

/**
 * Does this shop's Haravan move updated_at with points? Two reads of a member whose balance moved tell: the
 * same updated_at says no, for good, whoever moved it. Only this till's own change, answered, says yes (the
 * answer shows that change): a read after someone else's may owe its new updated_at to another edit.
 */
function learnChangeTimes(journal: Journal, before: BalanceSnapshot, after: BalanceSnapshot, ours: boolean): void {
  if (before.point_available === after.point_available || !before.updated_at || !after.updated_at) return;
  if (before.updated_at === after.updated_at) journal.learn(POINTS_MOVE_UPDATED_AT, 'no');
  else if (ours && journal.fact(POINTS_MOVE_UPDATED_AT) !== 'no') journal.learn(POINTS_MOVE_UPDATED_AT, 'yes');
}

/** From an applied redemption's answer: does this shop's Haravan count redemptions in point_used? */
function learnPointUsed(journal: Journal, sending: JournalEntry, before: BalanceSnapshot, answer: Profile): void {
  if (sending.direction !== 'subtract' || before.point_used == null || answer.point_used == null) return;
  const moved = answer.point_used - before.point_used;
  if (moved === sending.points) journal.learn(REDEEM_MOVES_POINT_USED, 'yes');
  else if (moved === 0) journal.learn(REDEEM_MOVES_POINT_USED, 'no');
}

async function afterFailedPut(
  journal: Journal,
  client: HaravanClient,
  sending: JournalEntry,
  failure: EncodedError,
  options: SendOptions,
): Promise<SendOutcome> {
  const settled = (to: 'rejected' | 'pending', detail: string, error = failure): SendOutcome => {
    attemptInstants.delete(sending.id);
    const entry = journal.settle(sending, to, { error, detail });
    return { entry: entry ?? journal.get(sending.id)!, error };
  };
  switch (failure.code) {
    case 'validation':
    case 'invalid_input': {
      if (sending.unansweredAttempts === 0) return settled('rejected', `refused: ${failure.message}`);
      // Refused on a later attempt: the earlier one, which went unanswered, may be why (it was applied, and
      // the balance no longer allows this). Neither "refused" nor "applied" can be told: a manager decides.
      attemptInstants.delete(sending.id);
      const uncertain = journal.settle(sending, 'uncertain', { error: failure, detail: `refused on attempt ${sending.attempts}: ${failure.message}` });
      const review = uncertain
        ? journal.settle(uncertain, 'needs_review', {
            reviewReason: 'refused_after_unanswered',
            error: failure,
            detail: 'refused after an earlier attempt went unanswered: that attempt may have been applied',
          })
        : undefined;
      return { entry: review ?? journal.get(sending.id)!, error: failure };
    }
    case 'not_found': {
      // An answer "not found" applied nothing, whoever gave it; refused only if the store itself said it.
      const gone = await memberIsGone(client, options.lane);
      if (gone) return settled('rejected', 'refused: the member no longer exists');
      if (gone === false) journal.pauseSending(WRONG_ADDRESS);
      return settled('pending', `not applied: ${failure.message}`, gone === false ? WRONG_ADDRESS : failure);
    }
    // The client returns these only when the store provably did not apply the change.
    case 'offline':
    case 'rate_limited':
    case 'unauthorized':
    case 'missing_scope':
      if (TOKEN_REFUSED.includes(failure.code)) journal.pauseSending(failure);
      return settled('pending', `not applied (${failure.code}): ${failure.message}`);
    default: {
      // 'uncertain', and anything unexpected: never assume a request that may have left did nothing.
      journal.settle(sending, 'uncertain', {
        error: failure,
        detail: `outcome unknown: ${failure.message}`,
        attemptToUs: attemptEnded(sending, client),
      });
      const reconciled = await reconcileEntry(journal, client, sending.id, options);
      return { ...reconciled, error: reconciled.error ?? failure };
    }
  }
}

/** The GET before sending failed: nothing was sent, the entry stays pending (or is refused if the member is gone). */
async function unableToAsk(journal: Journal, client: HaravanClient, entry: JournalEntry, failure: EncodedError, lane: Lane): Promise<SendOutcome> {
  if (failure.code === 'not_found') {
    const gone = await memberIsGone(client, lane);
    if (gone) {
      const rejected = journal.settle(entry, 'rejected', { error: failure, detail: 'refused: the member no longer exists' });
      return { entry: rejected ?? journal.get(entry.id)!, error: failure };
    }
    if (gone === false) {
      journal.pauseSending(WRONG_ADDRESS);
      failure = WRONG_ADDRESS;
    }
  }
  if (TOKEN_REFUSED.includes(failure.code)) journal.pauseSending(failure);
  journal.noteError(entry, failure);
  return { entry: journal.get(entry.id)!, error: failure };
}

/**
 * Settles an `uncertain` entry by a fresh read of the member (see verdict.ts): applied; not applied and safe
 * to resend once the settle window has passed; or a manager's review with both figures. If the store cannot
 * be asked it stays uncertain, and the replayer asks again.
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

  let profile: Profile;
  try {
    profile = await client.getProfile(seen.memberId, { lane: options.lane });
  } catch (error) {
    let failure = encodeError(error);
    if (failure.code === 'not_found') {
      const gone = await memberIsGone(client, options.lane);
      if (gone) {
        const review = journal.settle(seen, 'needs_review', {
          error: failure,
          reviewReason: 'member_gone',
          detail: 'the member no longer exists: whether this was applied cannot be checked',
        });
        return { entry: review ?? journal.get(id)!, error: failure };
      }
      if (gone === false) {
        journal.pauseSending(WRONG_ADDRESS);
        failure = WRONG_ADDRESS;
      }
    }
    if (TOKEN_REFUSED.includes(failure.code)) journal.pauseSending(failure);
    journal.noteError(seen, failure);
    return { entry: journal.get(id)!, error: failure };
  }

  const now = snapshotOf(profile);
  if (seen.sentBalanceBefore !== null) {
    learnChangeTimes(journal, { point_available: seen.sentBalanceBefore, updated_at: seen.sentUpdatedAtBefore }, now, false);
  }
  const verdict = judge(placedAttempt(seen, client), now, {
    redeemMovesPointUsed: journal.fact(REDEEM_MOVES_POINT_USED) as 'yes' | 'no' | undefined,
    pointsMoveUpdatedAt: journal.fact(POINTS_MOVE_UPDATED_AT) as 'yes' | 'no' | undefined,
    maxAttemptMs: MAX_ATTEMPT_MS,
  });
  const moved = (to: 'applied' | 'pending' | 'needs_review', extra: Partial<Pick<Settlement, 'reviewReason' | 'duplicateCheck' | 'duplicateCheckBalance' | 'duplicateCheckStamp'>> = {}) => {
    attemptInstants.delete(id);
    const settled = journal.settle(seen, to, {
      serverBalance: profile.point_available,
      detail: `reconciled: ${verdict.detail}`,
      // Sent again only while the member is as this read shows them.
      ...(to === 'pending' ? { decidedStamp: profile.updated_at ?? null } : {}),
      ...extra,
    });
    // Someone else settled it meanwhile: this answer may be older than theirs, so it is not passed on.
    return settled ? { entry: settled, profile } : { entry: journal.get(id)! };
  };
  if (verdict.kind === 'applied') {
    // Applied on a later attempt after an earlier one went unanswered: that one may land too.
    return seen.unansweredAttempts > 1
      ? moved('applied', { duplicateCheck: 'due', duplicateCheckBalance: profile.point_available, duplicateCheckStamp: profile.updated_at ?? null })
      : moved('applied');
  }
  if (verdict.kind === 'review') return moved('needs_review', { reviewReason: verdict.reason });
  const settleMs = options.settleMs ?? journal.settleMs;
  const waited = journal.waited(seen) ?? settleMs;
  if (waited < settleMs) {
    return {
      entry: journal.get(id)!,
      waitMs: settleMs - waited,
      error: { code: 'uncertain', message: `Haravan still shows ${profile.point_available}; waiting until a late application is ruled out before resending` },
    };
  }
  return moved('pending');
}

/**
 * The check after a change was applied on a later attempt: once the settle window has passed, the member is
 * read once more. Unchanged since the applying answer: applied once. Moved again by exactly this change, the
 * same way: the earlier attempt was applied late too. Changed in any other way: that cannot be told from
 * the profile. Both go to a manager, who reverses the extra one or dismisses the check.
 */
export async function checkDuplicate(journal: Journal, client: HaravanClient, entry: JournalEntry, options: Pick<SendOptions, 'lane' | 'settleMs'>): Promise<SendOutcome> {
  const settleMs = options.settleMs ?? journal.settleMs;
  const waited = journal.waited(entry);
  if (waited !== null && waited < settleMs) return { entry, waitMs: settleMs - waited };
  let profile: Profile;
  try {
    profile = await client.getProfile(entry.memberId, { lane: options.lane });
  } catch (error) {
    return { entry, error: encodeError(error) };
  }
  const again = balanceAfter(entry.direction, entry.points, entry.duplicateCheckBalance!);
  const unchanged = profile.point_available === entry.duplicateCheckBalance && (entry.duplicateCheckStamp === null || profile.updated_at === entry.duplicateCheckStamp);
  const suspected = !unchanged;
  const detail = unchanged
    ? `Haravan shows ${profile.point_available}, as the applying answer did: applied once`
    : profile.point_available === again
      ? `Haravan shows ${profile.point_available}, this change once more after ${entry.duplicateCheckBalance}: the earlier attempt was applied too`
      : `Haravan shows ${profile.point_available}, not ${entry.duplicateCheckBalance} as the applying answer did: whether the earlier attempt was applied too cannot be told`;
  const ended = journal.endDuplicateCheck(entry, suspected ? 'suspected' : null, detail, profile.point_available);
  return { entry: ended ?? journal.get(entry.id)!, profile };
}
