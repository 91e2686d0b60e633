// Haravan's per-shop leaky bucket: each call adds one unit, the level drains continuously, a call that
// would overflow is refused (and not counted). Times are milliseconds from a monotonic clock.

export interface LeakyBucket {
  readonly size: number;
  readonly drainPerSecond: number;
  level: number;
  lastDrainAt: number;
}

export type Admission =
  | { admitted: true; used: number }
  | { admitted: false; used: number; retryAfterSeconds: number };

export function createBucket(size: number, drainPerSecond: number, now: number): LeakyBucket {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`bucketSize must be a positive integer, got ${size}`);
  if (!(drainPerSecond > 0)) throw new RangeError(`drainPerSecond must be positive, got ${drainPerSecond}`);
  return { size, drainPerSecond, level: 0, lastDrainAt: now };
}

export function drain(bucket: LeakyBucket, now: number): void {
  const elapsedSeconds = Math.max(0, now - bucket.lastDrainAt) / 1000;
  bucket.level = Math.max(0, bucket.level - elapsedSeconds * bucket.drainPerSecond);
  bucket.lastDrainAt = now;
}

export function admit(bucket: LeakyBucket, now: number): Admission {
  drain(bucket, now);
  if (bucket.level + 1 > bucket.size + FLOAT_SLACK) {
    const secondsUntilOneSlot = (bucket.level + 1 - bucket.size) / bucket.drainPerSecond;
    return { admitted: false, used: usedSlots(bucket), retryAfterSeconds: roundUpToHundredths(secondsUntilOneSlot) };
  }
  bucket.level += 1;
  return { admitted: true, used: usedSlots(bucket) };
}

/** The header's "used" right now, without counting a call (for a forced 429). */
export function peek(bucket: LeakyBucket, now: number): number {
  drain(bucket, now);
  return usedSlots(bucket);
}

/** The level as the header shows it: rounded up, never above the size. */
export function usedSlots(bucket: LeakyBucket): number {
  return Math.min(bucket.size, Math.ceil(bucket.level - FLOAT_SLACK));
}

/** "1.0", "0.25": one or two decimals, as Haravan sends it. */
export function formatRetryAfter(seconds: number): string {
  const fixed = roundUpToHundredths(seconds).toFixed(2);
  return fixed.endsWith('0') ? fixed.slice(0, -1) : fixed;
}

// Drained levels are floats; without slack 4.9999999 would show as 5 and 5.0000001 would refuse a call.
const FLOAT_SLACK = 1e-9;

function roundUpToHundredths(seconds: number): number {
  return Math.max(0.01, Math.ceil(seconds * 100 - FLOAT_SLACK) / 100);
}
