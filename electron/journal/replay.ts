// Replay: sends the journal's pending entries in the scheduler's background lane (behind any cashier
// request, within the shop's rate limit), reconciles uncertain ones and makes the duplicate checks, member
// by member.
//
// Per member, strictly in creation order: only the member's earliest open entry (pending, sending,
// uncertain or needs_review) is ever worked on, so a later entry is never sent while an earlier one of the
// same member is unresolved, and the balance each entry assumes is the one its predecessors left. Applied,
// rejected and discarded entries do not hold later ones back: their effect on the balance is known.
// A needs_review entry holds its member's later entries until a manager resolves it.
//
// Nothing with work left is forgotten: after every pass the loop sleeps until the soonest moment any entry
// can move on (the end of a settle window, a backoff after a failure), and never longer than maxRetryMs, so
// an entry that reached the journal by any path without a nudge is found within that time. While sending is
// paused it asks the store now and then whether it answers again.
//
// Each PUT's answer (the full profile) is the next entry's fresh "before", so a drain costs one GET per
// member plus one PUT per entry. Several members are drained at once to use the shop's rate limit.

import type { HaravanClient } from '../haravan/client.ts';
import type { EncodedError } from '../haravan/errors.ts';
import type { Journal } from './journal.ts';
import { checkDuplicate, reconcileEntry, sendEntry, snapshotOf, type SendOutcome } from './send.ts';
import type { BalanceSnapshot, JournalEntry } from './types.ts';

export interface ReplayerOptions {
  journal: Journal;
  client: HaravanClient;
  /** Told of every entry this replayer moved, so the screen can refresh its counts. */
  onChange?: (entry: JournalEntry) => void;
  /** Members drained at once; default 4. */
  concurrency?: number;
  /** Defaults to the journal's settle window (RESEND_SETTLE_MS in types.ts). */
  settleMs?: number;
  /** First wait before draining again when work was left (offline, rate limited, a failed read); default 1 s. */
  retryMs?: number;
  /** The wait doubles up to this; also the longest the loop ever sleeps. Default 30 s. */
  maxRetryMs?: number;
  /** While sending is paused, how often the store is asked whether it answers again; default 60 s. */
  probeMs?: number;
}

export type StopReason = 'unreachable' | 'rate_limited' | 'paused' | 'stopped';

export interface DrainReport {
  applied: number;
  rejected: number;
  needsReview: number;
  /** Set when the drain ended before trying every member. */
  stoppedBecause?: StopReason;
  /** Work is left that failed for now (a read that failed, a member tried too often): try again after a backoff. */
  retryLater: boolean;
  /** Work becomes possible in this many milliseconds (the soonest settle window to end). */
  nextInMs?: number;
}

export interface Replayer {
  /** One pass over every member with work; resolves when nothing more can be done now. */
  drain(): Promise<DrainReport>;
  /** Drains now and whenever nudged or due; retries with backoff while work is left. */
  start(): void;
  /** Ends the loop once the entries in flight are settled. */
  stop(): Promise<void>;
  /** New entries, an outcome left open by the cashier's send, or a manager's resolution: drain soon. */
  nudge(): void;
  /** The token changed: resume sending with this client and drain. */
  useClient(client: HaravanClient): void;
}

/** Tries of one entry per drain before leaving it to the next drain (a fault that keeps coming back). */
const TRIES_PER_DRAIN = 3;

type MemberEnd = undefined | 'later' | StopReason;

export function createReplayer(options: ReplayerOptions): Replayer {
  const { journal } = options;
  let client = options.client;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const retryMs = options.retryMs ?? 1_000;
  const maxRetryMs = options.maxRetryMs ?? 30_000;
  const probeMs = options.probeMs ?? 60_000;
  const work = { lane: 'background', settleMs: options.settleMs } as const;

  let stopping = false;
  let current: Promise<DrainReport> | undefined;
  let queued: Promise<DrainReport> | undefined;

  async function runDrain(): Promise<DrainReport> {
    const report: DrainReport = { applied: 0, rejected: 0, needsReview: 0, retryLater: false };
    // A send of this run that ended without keeping its outcome (a full disk) left its entry `sending`.
    journal.recoverStuckSends();
    let stopReason: StopReason | undefined = journal.sendingPausedBy() ? 'paused' : undefined;
    const members = stopReason ? [] : journal.membersToReplay();
    let next = 0;
    const dueIn = (ms: number) => {
      report.nextInMs = Math.min(report.nextInMs ?? Infinity, Math.max(0, ms));
    };
    const changed = (before: JournalEntry, outcome: SendOutcome) => {
      const entry = outcome.entry;
      if (entry.state !== before.state || entry.attempts !== before.attempts || entry.duplicateCheck !== before.duplicateCheck) {
        options.onChange?.(entry);
      }
    };

    async function drainMember(memberId: number): Promise<MemberEnd> {
      let before: BalanceSnapshot | undefined;
      let tried = { id: '', times: 0 };
      for (;;) {
        if (stopping) return 'stopped';
        if (stopReason) return undefined;
        const head = journal.head(memberId);
        if (!head || head.state === 'needs_review') return undefined;
        tried = { id: head.id, times: tried.id === head.id ? tried.times + 1 : 1 };
        if (tried.times > TRIES_PER_DRAIN) return 'later';
        // The cashier's own send of this member is in flight: the next drain takes over after it.
        if (head.state === 'sending') return 'later';
        const outcome =
          head.state === 'applied'
            ? await checkDuplicate(journal, client, head, work)
            : head.state === 'uncertain'
              ? await reconcileEntry(journal, client, head.id, work)
              : await sendEntry(journal, client, head.id, { ...work, before });
        changed(head, outcome);
        if (outcome.waitMs !== undefined) {
          dueIn(outcome.waitMs);
          return undefined;
        }
        const entry = outcome.entry;
        switch (entry.state) {
          case 'applied':
            if (head.state === 'applied') {
              // A duplicate check made: the member as that read showed them, unless it could not be read.
              if (outcome.error) return 'later';
            } else {
              report.applied += 1;
            }
            before = outcome.profile ? snapshotOf(outcome.profile) : undefined;
            break;
          case 'rejected':
            report.rejected += 1;
            break;
          case 'pending':
            // Reconciled as not applied, with the member as it saw them: send it again now.
            if (outcome.profile) {
              before = snapshotOf(outcome.profile);
              break;
            }
            // Nothing was sent: the store could not be reached or refused. Without an error, another
            // caller settled the entry meanwhile: the next drain goes on from there.
            return outcome.error ? stopReasonFor(outcome.error) : 'later';
          case 'needs_review':
            report.needsReview += 1;
            return undefined;
          default:
            return 'later';
        }
      }
    }

    async function worker(): Promise<void> {
      while (!stopReason && next < members.length) {
        const ended = await drainMember(members[next++]!);
        if (ended === 'later') report.retryLater = true;
        else if (ended) stopReason ??= ended;
      }
    }

    await Promise.all(Array.from({ length: concurrency }, worker));
    return stopReason ? { ...report, stoppedBecause: stopReason } : report;
  }

  function drain(): Promise<DrainReport> {
    if (!current) {
      current = runDrain().finally(() => {
        current = undefined;
      });
      return current;
    }
    // One more pass after the running one, for whoever asked meanwhile (their entries may be new).
    queued ??= current.then(
      () => drainAfterQueue(),
      () => drainAfterQueue(),
    );
    return queued;
  }

  function drainAfterQueue(): Promise<DrainReport> {
    queued = undefined;
    return drain();
  }

  /** Whether any entry still has work that time alone can bring about. */
  const workLeft = () => journal.membersToReplay().length > 0 || journal.duplicateChecksDue().length > 0;

  /** Sending is paused: does the store answer this client again (a token refused by mistake, an address fixed)? */
  async function probe(): Promise<void> {
    try {
      await client.listProfiles({ limit: 1, fields: ['id'] }, { lane: 'background' });
      journal.resumeSending();
    } catch {
      // Still paused; the status line says why.
    }
  }

  // The loop: drain, then sleep until nudged or until the soonest work is due.
  let looping: Promise<void> | undefined;
  let active = false;
  let nudged = false;
  let wakeUp: (() => void) | undefined;

  function waitForNudge(ms: number): Promise<void> {
    if (nudged) {
      nudged = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function loop(): Promise<void> {
    let backoff = retryMs;
    while (active) {
      let report: DrainReport | undefined;
      try {
        report = await drain();
      } catch (error) {
        // The journal itself failed (a full disk?): nothing was lost; try again later.
        console.error('Loyalty Desk: journal replay failed:', error);
      }
      if (!active) return;
      if (report?.stoppedBecause === 'paused') {
        const waiting = workLeft();
        await waitForNudge(waiting ? probeMs : maxRetryMs);
        if (waiting && active && journal.sendingPausedBy()) await probe();
        continue;
      }
      // Never without a timer: the soonest work due, a backoff after a failure, at most maxRetryMs.
      let delay = maxRetryMs;
      const failed = !report || report.retryLater || report.stoppedBecause !== undefined;
      if (failed) {
        if (report && report.applied + report.rejected + report.needsReview > 0) backoff = retryMs;
        delay = Math.min(delay, backoff * (0.75 + Math.random() * 0.5));
        backoff = Math.min(backoff * 2, maxRetryMs);
      } else {
        backoff = retryMs;
      }
      if (report?.nextInMs !== undefined) delay = Math.min(delay, report.nextInMs + 5);
      await waitForNudge(delay);
    }
  }

  function nudge(): void {
    if (wakeUp) wakeUp();
    else nudged = true;
  }

  return {
    drain,
    start() {
      if (active) return;
      active = true;
      looping = loop();
    },
    async stop() {
      active = false;
      stopping = true;
      wakeUp?.();
      await Promise.allSettled([looping, current, queued]);
      stopping = false;
      looping = undefined;
    },
    nudge,
    useClient(next) {
      client = next;
      journal.resumeSending();
      nudge();
    },
  };
}

function stopReasonFor(error: EncodedError): StopReason {
  switch (error.code) {
    case 'unauthorized':
    case 'missing_scope':
    case 'wrong_address':
      return 'paused';
    case 'rate_limited':
      return 'rate_limited';
    default:
      return 'unreachable';
  }
}
