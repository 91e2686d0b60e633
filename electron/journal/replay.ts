// Replay: sends the journal's pending entries in the scheduler's background lane (behind any cashier
// request, within the shop's rate limit) and reconciles uncertain ones, member by member.
//
// Per member, strictly in creation order: only the member's earliest open entry (pending, sending,
// uncertain or needs_review) is ever worked on, so a later entry is never sent while an earlier one of the
// same member is unresolved, and the balance each entry assumes is the one its predecessors left. Applied,
// rejected and discarded entries do not hold later ones back: their effect on the balance is known.
// A needs_review entry holds its member's later entries until a manager resolves it.
//
// Each PUT's answer (the full profile) is the next entry's fresh "before", so a drain costs one GET per
// member plus one PUT per entry. Several members are drained at once to use the shop's rate limit.

import type { HaravanClient } from '../haravan/client.ts';
import type { EncodedError } from '../haravan/errors.ts';
import type { Journal } from './journal.ts';
import { reconcileEntry, sendEntry } from './send.ts';
import type { JournalEntry } from './types.ts';

export interface ReplayerOptions {
  journal: Journal;
  client: HaravanClient;
  /** Told of every entry this replayer moved, so the screen can refresh its counts. */
  onChange?: (entry: JournalEntry) => void;
  /** Members drained at once; default 4. */
  concurrency?: number;
  /** See RESEND_SETTLE_MS in send.ts. */
  settleMs?: number;
  /** First wait before draining again when work was left (offline, rate limited, uncertain); default 1 s. */
  retryMs?: number;
  /** The wait doubles up to this; default 30 s. */
  maxRetryMs?: number;
}

export type StopReason = 'unreachable' | 'rate_limited' | 'paused' | 'stopped';

export interface DrainReport {
  applied: number;
  rejected: number;
  needsReview: number;
  /** Set when the drain ended before trying every member. */
  stoppedBecause?: StopReason;
  /** Work is left that a later drain can do without anyone's help (an uncertain entry, a capped member). */
  retryLater: boolean;
}

export interface Replayer {
  /** One pass over every member with work; resolves when nothing more can be done now. */
  drain(): Promise<DrainReport>;
  /** Drains now and whenever nudged; retries with backoff while work is left. */
  start(): void;
  /** Ends the loop once the entries in flight are settled. */
  stop(): Promise<void>;
  /** New entries, or a manager's resolution: drain soon. */
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

  let stopping = false;
  let current: Promise<DrainReport> | undefined;
  let queued: Promise<DrainReport> | undefined;

  async function runDrain(): Promise<DrainReport> {
    const report: DrainReport = { applied: 0, rejected: 0, needsReview: 0, retryLater: false };
    let stopReason: StopReason | undefined = journal.sendingPausedBy() ? 'paused' : undefined;
    const members = stopReason ? [] : journal.membersToReplay();
    let next = 0;

    async function drainMember(memberId: number): Promise<MemberEnd> {
      let balance: number | undefined;
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
          head.state === 'uncertain'
            ? await reconcileEntry(journal, client, head.id, { lane: 'background', settleMs: options.settleMs })
            : await sendEntry(journal, client, head.id, { lane: 'background', balanceBefore: balance, settleMs: options.settleMs });
        const entry = outcome.entry;
        if (entry.state !== head.state || entry.attempts !== head.attempts) options.onChange?.(entry);
        switch (entry.state) {
          case 'applied':
            report.applied += 1;
            balance = outcome.profile?.point_available;
            break;
          case 'rejected':
            report.rejected += 1;
            break;
          case 'pending':
            // Reconciled as not applied, with the balance it saw: send it again now.
            if (outcome.profile) {
              balance = outcome.profile.point_available;
              break;
            }
            // Nothing was sent: the store could not be reached or refused the token. Without an error,
            // another caller settled the entry meanwhile: the next drain goes on from there.
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

  // The loop: drain, then wait for a nudge, or for the backoff when work was left.
  let looping: Promise<void> | undefined;
  let active = false;
  let nudged = false;
  let wakeUp: (() => void) | undefined;

  function waitForNudge(ms?: number): Promise<void> {
    if (nudged) {
      nudged = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function loop(): Promise<void> {
    let delay = retryMs;
    while (active) {
      let report: DrainReport | undefined;
      try {
        report = await drain();
      } catch (error) {
        // The journal itself failed (a full disk?): nothing was lost; try again later.
        console.error('Loyalty Desk: journal replay failed:', error);
      }
      if (!active) return;
      const workLeft = !report || report.retryLater || (report.stoppedBecause !== undefined && report.stoppedBecause !== 'paused');
      if (!workLeft) {
        delay = retryMs;
        await waitForNudge();
        continue;
      }
      if (report && report.applied + report.rejected + report.needsReview > 0) delay = retryMs;
      await waitForNudge(delay * (0.75 + Math.random() * 0.5));
      delay = Math.min(delay * 2, maxRetryMs);
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
      return 'paused';
    case 'rate_limited':
      return 'rate_limited';
    default:
      return 'unreachable';
  }
}
