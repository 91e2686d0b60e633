// Where Haravan's clock stands against this till's monotonic clock, learnt from the Date header of every
// response. A Date of D was written while the server's clock read between D and D + 1 s, at a moment between
// sending the request and receiving the answer: so (Haravan's time − this till's monotonic time) lies in
// [D − received, D + 1 s − sent]. Each response narrows that range; one that does not fit it means a clock
// was set, and the range starts again from that response. The till's wall clock plays no part, so setting
// it forward or back changes nothing here.

export interface ServerTimeRange {
  /** Epoch milliseconds on Haravan's clock. */
  earliest: number;
  latest: number;
}

export interface ServerClock {
  observe(dateHeader: string | null | undefined, sentAt: number, receivedAt: number): void;
  /** Haravan's time at this till's monotonic instant `at` (performance.now()); undefined before any Date. */
  at(at: number): ServerTimeRange | undefined;
}

export function createServerClock(): ServerClock {
  let offset: { low: number; high: number } | undefined;
  return {
    observe(dateHeader, sentAt, receivedAt) {
      const date = dateHeader ? Date.parse(dateHeader) : Number.NaN;
      if (!Number.isFinite(date) || receivedAt < sentAt) return;
      const low = date - receivedAt;
      const high = date + 1000 - sentAt;
      offset = offset && low <= offset.high && high >= offset.low ? { low: Math.max(low, offset.low), high: Math.min(high, offset.high) } : { low, high };
    },
    at(at) {
      return offset ? { earliest: at + offset.low, latest: at + offset.high } : undefined;
    },
  };
}
