// Keeps one shop's directory following Haravan: the initial sync until it is complete, then an incremental
// sync every few minutes while the loop runs, and at once on demand. One pass at a time; asking while one
// runs gets one more after it (the loop's own turn joins the running one). A failed pass (offline, say) is tried again sooner than the next regular sync.

import type { HaravanClient } from '../haravan/client.ts';
import { LoyaltyError } from '../haravan/errors.ts';
import { incrementalPass, initialPass, type PassContext, type SyncReport } from './passes.ts';
import { createPace, initialProgress, type Pace, type SyncProgress } from './progress.ts';
import type { DirectoryStore } from './store.ts';

export type { SyncReport } from './passes.ts';

export interface SyncOptions {
  /** Between incremental syncs while the loop runs; default 5 minutes. */
  intervalMs?: number;
  /** Before trying again after a failed sync; default 30 seconds. */
  retryMs?: number;
  /** Margin for Haravan's clocks at the start of each incremental sync; default 2 minutes. */
  overlapMs?: number;
  /** Pages arriving within this of the last write are written together with the next ones; default 100 ms. */
  commitEveryMs?: number;
  /** Told after every write of the initial sync. */
  onProgress?: (progress: SyncProgress) => void;
  /** Told how every pass ended (the till's log). */
  onPass?: (outcome: { report: SyncReport } | { failure: SyncFailure }) => void;
}

export type SyncPhase = 'idle' | 'initial' | 'incremental';

export interface SyncFailure {
  code: string;
  message: string;
  /** ISO 8601. */
  at: string;
}

export interface SyncActivity {
  phase: SyncPhase;
  membersPerSecond: number | null;
  lastError: SyncFailure | null;
}

export interface DirectorySync {
  /** Starts the loop: the initial sync if it is not complete, then an incremental sync every interval. */
  start(): void;
  /** One pass now: the initial sync (to its end) if it is not complete, otherwise an incremental sync. */
  syncNow(): Promise<SyncReport>;
  /** Ends the loop and the pass in flight (its request is aborted; what was written stays). */
  stop(): Promise<void>;
  activity(): SyncActivity;
}

export function createDirectorySync(store: DirectoryStore, client: HaravanClient, shop: string, options: SyncOptions = {}): DirectorySync {
  const intervalMs = options.intervalMs ?? 5 * 60_000;
  const retryMs = options.retryMs ?? 30_000;
  const lifetime = new AbortController();
  let phase: SyncPhase = 'idle';
  let pace: Pace = createPace();
  let lastError: SyncFailure | null = null;
  let running: Promise<SyncReport> | undefined;
  let followUp: Promise<SyncReport> | undefined;
  let loop: Promise<void> | undefined;

  const context = (): PassContext => ({
    store,
    client,
    shop,
    signal: lifetime.signal,
    overlapMs: options.overlapMs ?? 2 * 60_000,
    commitEveryMs: options.commitEveryMs ?? 100,
    onWrite(members) {
      pace.record(members, performance.now());
      if (phase === 'initial') options.onProgress?.(initialProgress(store.syncState(shop), pace.membersPerSecond()));
    },
  });

  async function pass(): Promise<SyncReport> {
    const initial = store.syncState(shop).initial_completed_at === null;
    phase = initial ? 'initial' : 'incremental';
    pace = createPace();
    try {
      const report = await (initial ? initialPass(context()) : incrementalPass(context()));
      lastError = null;
      options.onPass?.({ report });
      return report;
    } catch (error) {
      if (!lifetime.signal.aborted) {
        lastError = describe(error);
        options.onPass?.({ failure: lastError });
      }
      throw error;
    } finally {
      phase = 'idle';
    }
  }

  /** A pass now, or the one running. */
  function joinPass(): Promise<SyncReport> {
    if (lifetime.signal.aborted) return Promise.reject(lifetime.signal.reason);
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  }

  /**
   * A pass that starts now or later, never earlier: one already running may have read past a change the
   * asker knows of, so it is followed by one more, shared by everyone who asks meanwhile.
   */
  function syncNow(): Promise<SyncReport> {
    if (!running) return joinPass();
    followUp ??= running
      .catch(() => undefined)
      .then(() => {
        followUp = undefined;
        return joinPass();
      });
    return followUp;
  }

  async function runLoop(): Promise<void> {
    while (!lifetime.signal.aborted) {
      let waitMs = intervalMs;
      try {
        const report = await joinPass();
        // Right after the initial sync, catch up with what changed while it ran.
        if (report.kind === 'initial') waitMs = 0;
      } catch {
        waitMs = retryMs;
      }
      await sleep(waitMs, lifetime.signal);
    }
  }

  return {
    start() {
      loop ??= runLoop();
    },
    syncNow,
    async stop() {
      lifetime.abort(new LoyaltyError('not_connected', `The directory sync of ${shop} was stopped`));
      await Promise.allSettled([running, followUp, loop]);
    },
    activity: () => ({ phase, membersPerSecond: pace.membersPerSecond(), lastError }),
  };
}

function describe(error: unknown): SyncFailure {
  const at = new Date().toISOString();
  if (error instanceof LoyaltyError) return { code: error.code, message: error.message, at };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error), at };
}

/** Resolves after `ms`, or at once when the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
