// One request scheduler per shop. Haravan's leaky bucket (80 requests draining 4/s by default) is shared
// by every till and app of the shop, so the scheduler keeps an estimate of the bucket's fill level,
// corrects it from `X-Haravan-Api-Call-Limit` on every response, never dispatches into a full bucket,
// and pauses everything on a 429 for as long as `Retry-After` says. Requests a cashier is waiting for
// (interactive lane) always go ahead of background work (journal replay, directory sync).
//
// Once other tills or apps are seen using the bucket, this till keeps to a budget, since the schedulers of
// a shop cannot see each other's queues: its cashier's requests leave `sharedHeadroom` of the bucket free,
// and its background work waits while the bucket is more than `backgroundCeiling` full and, while it is
// more than a quarter full, takes at most `backgroundShare` of the drain. A new till's first sync then fills no more than half the bucket, however
// many tills sync at once, and every cashier of the shop finds room (bench/tills.ts measures it).

export type Lane = 'interactive' | 'background';

export interface SchedulerOptions {
  /** Bucket size until the first response tells the real one. */
  bucketSize?: number;
  /** Requests drained per second; the header does not carry it (FACTS: 4/s today, 2/s on older pages). */
  drainPerSecond?: number;
  /** Slots background work leaves free, so that a cashier on any till of the shop is never queued behind it. */
  backgroundReserve?: number;
  /**
   * Share of the bucket kept free while other tills or apps are seen using it, so that schedulers that
   * cannot see each other's requests do not all dispatch into the last slot at once.
   */
  sharedHeadroom?: number;
  /** While sharing: background work waits while the bucket is fuller than this share of it. */
  backgroundCeiling?: number;
  /** While sharing and the bucket is more than a quarter full: the share of the drain background work may take. */
  backgroundShare?: number;
  /** Requests allowed in flight at once. */
  maxInFlight?: number;
  /** Retry-After assumed when a 429 carries none. */
  defaultRetryAfterSeconds?: number;
  /** The longest pause a Retry-After may impose (Haravan's are seconds; a proxy's could say an hour). */
  maxRetryAfterSeconds?: number;
  now?: () => number;
}

/** What one response taught about the bucket. */
export interface BucketObservation {
  /** Raw `X-Haravan-Api-Call-Limit` header, e.g. "32/80". */
  callLimit?: string | null;
  /** Seconds from a 429's `Retry-After`; set only on a 429. */
  retryAfterSeconds?: number | null;
  rateLimited?: boolean;
}

/** Permission to send one request; settle it exactly once with what the response said. */
export interface Slot {
  settle(observation?: BucketObservation): void;
}

export interface SchedulerSnapshot {
  level: number;
  size: number;
  inFlight: number;
  queued: Record<Lane, number>;
  /** Milliseconds until the scheduler sends again after a 429; 0 when not paused. */
  pausedForMs: number;
  /** Other tills or apps were seen using the bucket recently: headroom kept, fewer requests in flight. */
  shared: boolean;
}

export interface Scheduler {
  /**
   * Waits for a slot in the given lane. `order` keeps a retried request at the place it first queued,
   * so a 429 does not send it to the back. Rejects with the signal's reason if aborted while queued.
   */
  acquire(lane: Lane, options?: { order?: number; signal?: AbortSignal }): Promise<Slot>;
  /** A fresh queue position for a new request (pass it back on retries). */
  nextOrder(): number;
  snapshot(): SchedulerSnapshot;
}

interface Waiter {
  order: number;
  grant: (slot: Slot) => void;
}

export function parseCallLimit(header: string | null | undefined): { used: number; size: number } | undefined {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(header ?? '');
  if (!match) return undefined;
  const used = Number(match[1]);
  const size = Number(match[2]);
  return size > 0 ? { used, size } : undefined;
}

export function parseRetryAfter(header: string | null | undefined): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** Below this share of the bucket, it is not in use to speak of (for the background pace). */
const BUSY_SHARE = 0.25;

export function createScheduler(options: SchedulerOptions = {}): Scheduler {
  const now = options.now ?? (() => performance.now());
  const drainPerMs = (options.drainPerSecond ?? 4) / 1000;
  const backgroundReserve = options.backgroundReserve ?? 4;
  const maxInFlight = options.maxInFlight ?? 8;
  const defaultRetryAfter = options.defaultRetryAfterSeconds ?? 1;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 60;
  const sharedHeadroom = options.sharedHeadroom ?? 0.1;
  const backgroundCeiling = options.backgroundCeiling ?? 0.5;
  const backgroundGapMs = 1 / (drainPerMs * (options.backgroundShare ?? 0.25));
  // Others stay assumed present this long after the last sign of them.
  const sharedMemoryMs = 30_000;

  let size = options.bucketSize ?? 80;
  let level = 0;
  let levelAt = now();
  let pausedUntil = 0;
  let backgroundNextAt = -Infinity;
  /** Others' requests per millisecond, as the header's rises beyond ours showed them (smoothed over ~10 s). */
  let othersPerMs = 0;
  let sharedUntil = -Infinity;
  let lastReport: { used: number; at: number } | undefined;
  let inFlight = 0;
  let orderCounter = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerDue = Infinity;
  const lanes: Record<Lane, Waiter[]> = { interactive: [], background: [] };

  /**
   * The bucket drains at drainPerMs, and others fill it at the rate their traffic was last seen at: the level
   * falls only by the difference (never slower than a fifth of the drain, so that a burst seen once does not
   * hold this till back for long).
   */
  function netDrainPerMs(at: number): number {
    return at < sharedUntil ? Math.max(drainPerMs / 5, drainPerMs - othersPerMs) : drainPerMs;
  }

  function currentLevel(at: number): number {
    return Math.max(0, level - (at - levelAt) * netDrainPerMs(at));
  }

  function setLevel(value: number, at: number): void {
    level = value;
    levelAt = at;
  }

  function wakeAt(delayMs: number): void {
    const due = now() + delayMs;
    // A cashier's request may need to wake earlier than the background work the timer was set for.
    if (timer !== undefined && timerDue <= due) return;
    clearTimeout(timer);
    timerDue = due;
    timer = setTimeout(() => {
      timer = undefined;
      timerDue = Infinity;
      pump();
    }, Math.max(1, Math.ceil(delayMs)));
  }

  function nextWaiter(): { lane: Lane; waiter: Waiter } | undefined {
    for (const lane of ['interactive', 'background'] as const) {
      const waiter = lanes[lane][0];
      if (waiter) return { lane, waiter };
    }
    return undefined;
  }

  function pump(): void {
    for (;;) {
      const next = nextWaiter();
      const at = now();
      const shared = at < sharedUntil;
      // Requests in flight are invisible to the other tills: keep few of them while sharing.
      if (!next || inFlight >= (shared ? Math.min(2, maxInFlight) : maxInFlight)) return;
      if (at < pausedUntil) return wakeAt(pausedUntil - at);
      const background = next.lane === 'background';
      const estimate = currentLevel(at);
      // The pace holds only while the bucket is in use: at a quiet moment a till's sync goes at full speed.
      const paced = background && shared && estimate > size * BUSY_SHARE;
      if (paced && at < backgroundNextAt) return wakeAt(backgroundNextAt - at);
      const headroom = shared ? Math.max(1, Math.round(size * sharedHeadroom)) : 0;
      // At least one slot in every lane, however small the bucket.
      let limit = Math.max(1, (background ? size - backgroundReserve : size) - headroom);
      if (background && shared) limit = Math.min(limit, Math.max(1, Math.round(size * backgroundCeiling)));
      if (estimate + 1 > limit) {
        // Tills waiting on one full bucket would all wake at once: a little jitter spreads them.
        const jitter = shared ? 1 + Math.random() * 0.25 : 1;
        return wakeAt(((estimate + 1 - limit) / netDrainPerMs(at)) * jitter);
      }
      if (paced) backgroundNextAt = at + backgroundGapMs;
      lanes[next.lane].shift();
      setLevel(estimate + 1, at);
      inFlight += 1;
      next.waiter.grant(makeSlot());
    }
  }

  function makeSlot(): Slot {
    let settled = false;
    return {
      settle(observation = {}) {
        if (settled) return;
        settled = true;
        inFlight -= 1;
        learn(observation);
        pump();
      },
    };
  }

  function learn(observation: BucketObservation): void {
    const at = now();
    const reported = parseCallLimit(observation.callLimit);
    if (reported) {
      // Each of our responses adds one to the count; a bigger rise (allowing for the header rounding up)
      // means someone else is filling the bucket too.
      const elapsed = lastReport ? at - lastReport.at : 0;
      const expected = lastReport ? Math.max(0, lastReport.used - elapsed * drainPerMs) + 1 : inFlight + 1;
      if (reported.used > expected + 1.5) sharedUntil = at + sharedMemoryMs;
      if (lastReport && elapsed >= 50) {
        const seen = Math.max(0, reported.used - expected) / elapsed;
        othersPerMs += (1 - Math.exp(-elapsed / 10_000)) * (seen - othersPerMs);
      }
      lastReport = { used: reported.used, at };
      size = reported.size;
      // The server counted everything it had processed; our requests still in flight may not be in it yet.
      setLevel(Math.min(reported.used + inFlight, size), at);
    }
    if (observation.rateLimited) {
      sharedUntil = at + sharedMemoryMs;
      // A little jitter so that tills refused together do not all come back in the same millisecond.
      const seconds = Math.min(observation.retryAfterSeconds ?? defaultRetryAfter, maxRetryAfter) * (1 + Math.random() * 0.2);
      pausedUntil = Math.max(pausedUntil, at + seconds * 1000);
      // Full now; by the time the pause ends the drain has freed what Retry-After promised.
      setLevel(size, at);
    }
  }

  function insert(lane: Lane, waiter: Waiter): void {
    const queue = lanes[lane];
    let index = queue.length;
    while (index > 0 && queue[index - 1]!.order > waiter.order) index -= 1;
    queue.splice(index, 0, waiter);
  }

  return {
    nextOrder: () => ++orderCounter,
    acquire(lane, { order, signal } = {}) {
      return new Promise<Slot>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const onAbort = () => {
          const queue = lanes[lane];
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          reject(signal?.reason);
        };
        const waiter: Waiter = {
          order: order ?? ++orderCounter,
          grant: (slot) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(slot);
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        insert(lane, waiter);
        pump();
      });
    },
    snapshot() {
      const at = now();
      return {
        level: currentLevel(at),
        size,
        inFlight,
        queued: { interactive: lanes.interactive.length, background: lanes.background.length },
        pausedForMs: Math.max(0, pausedUntil - at),
        shared: at < sharedUntil,
      };
    },
  };
}

const shopSchedulers = new Map<string, Scheduler>();

/** The shop's one scheduler: every client of the same shop in this process shares it. */
export function schedulerForShop(shopKey: string, options?: SchedulerOptions): Scheduler {
  let scheduler = shopSchedulers.get(shopKey);
  if (!scheduler) {
    scheduler = createScheduler(options);
    shopSchedulers.set(shopKey, scheduler);
  }
  return scheduler;
}

export function forgetShopScheduler(shopKey: string): void {
  shopSchedulers.delete(shopKey);
}
