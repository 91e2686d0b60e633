import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createScheduler, parseCallLimit, parseRetryAfter, type Lane, type Scheduler } from '../../electron/haravan/scheduler.ts';

describe('header parsing', () => {
  it('reads X-Haravan-Api-Call-Limit', () => {
    expect(parseCallLimit('32/80')).toEqual({ used: 32, size: 80 });
    expect(parseCallLimit(' 1 / 40 ')).toEqual({ used: 1, size: 40 });
    expect(parseCallLimit('')).toBeUndefined();
    expect(parseCallLimit(null)).toBeUndefined();
    expect(parseCallLimit('abc/80')).toBeUndefined();
    expect(parseCallLimit('3/0')).toBeUndefined();
  });

  it('reads fractional Retry-After seconds', () => {
    expect(parseRetryAfter('2.0')).toBe(2);
    expect(parseRetryAfter('0.25')).toBe(0.25);
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('-1')).toBeUndefined();
  });
});

describe('scheduler', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  const make = (options = {}) => createScheduler({ now: () => Date.now(), bucketSize: 10, drainPerSecond: 10, backgroundReserve: 2, maxInFlight: 100, ...options });

  async function grant(scheduler: Scheduler, lane: Lane, log: string[], name: string) {
    const slot = await scheduler.acquire(lane);
    log.push(name);
    return slot;
  }

  it('never dispatches more than the bucket holds, then one per drained slot', async () => {
    const scheduler = make();
    const log: string[] = [];
    const pending = Array.from({ length: 13 }, (_, i) => grant(scheduler, 'interactive', log, `r${i}`));
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toHaveLength(10);
    await vi.advanceTimersByTimeAsync(100);
    expect(log).toHaveLength(11);
    await vi.advanceTimersByTimeAsync(200);
    expect(log).toHaveLength(13);
    for (const slot of await Promise.all(pending)) slot.settle();
  });

  it('sends the interactive lane first and leaves background a reserve', async () => {
    const scheduler = make();
    const log: string[] = [];
    const first = await Promise.all(Array.from({ length: 8 }, (_, i) => grant(scheduler, 'background', log, `b${i}`)));
    // The bucket holds 8 of 10: background may not take the last two, a cashier may.
    const background = grant(scheduler, 'background', log, 'b8');
    const cashier = grant(scheduler, 'interactive', log, 'cashier');
    await vi.advanceTimersByTimeAsync(0);
    expect(log.slice(8)).toEqual(['cashier']);
    await vi.advanceTimersByTimeAsync(300);
    expect(log.slice(8)).toEqual(['cashier', 'b8']);
    for (const slot of [...first, await background, await cashier]) slot.settle();
  });

  it('learns the shared fill level from the header', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const scheduler = make();
    const slot = await scheduler.acquire('interactive');
    // Another till has been busy: the header says the bucket is full.
    slot.settle({ callLimit: '10/10' });
    expect(scheduler.snapshot()).toMatchObject({ level: 10, shared: true });
    const log: string[] = [];
    const next = grant(scheduler, 'interactive', log, 'next');
    // Sharing, it keeps one slot (10 %) free: it waits for two slots to drain, not one.
    await vi.advanceTimersByTimeAsync(150);
    expect(log).toEqual([]);
    await vi.advanceTimersByTimeAsync(60);
    expect(log).toEqual(['next']);
    (await next).settle({ callLimit: '3/40' });
    expect(scheduler.snapshot().size).toBe(40);
    expect(scheduler.snapshot().level).toBe(3);
  });

  it('keeps headroom and fewer requests in flight once another till is seen filling the bucket', async () => {
    const scheduler = make({ bucketSize: 20, maxInFlight: 8 });
    const first = await scheduler.acquire('interactive');
    first.settle({ callLimit: '1/20' });
    const second = await scheduler.acquire('interactive');
    second.settle({ callLimit: '2/20' });
    expect(scheduler.snapshot().shared).toBe(false);
    const third = await scheduler.acquire('interactive');
    // Our one request cannot explain a rise from 2 to 9.
    third.settle({ callLimit: '9/20' });
    expect(scheduler.snapshot().shared).toBe(true);
    const log: string[] = [];
    const slots = Array.from({ length: 12 }, (_, i) => grant(scheduler, 'interactive', log, `r${i}`));
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toHaveLength(2);
    for (const slot of await Promise.all(slots.slice(0, 2))) slot.settle();
    await vi.advanceTimersByTimeAsync(0);
    // 9 used + 4 sent = 13 of 20; headroom 2 (10 %) and at most 2 in flight at once.
    expect(log).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(scheduler.snapshot().shared).toBe(false);
    for (const slot of await Promise.all(slots.slice(2, 4))) slot.settle();
    await vi.advanceTimersByTimeAsync(0);
    for (const slot of await Promise.all(slots.slice(4))) slot.settle();
  });

  it('does not take its own requests after a quiet while for another till’s', async () => {
    const scheduler = make({ bucketSize: 20 });
    (await scheduler.acquire('interactive')).settle({ callLimit: '1/20' });
    await vi.advanceTimersByTimeAsync(10_000);
    (await scheduler.acquire('interactive')).settle({ callLimit: '1/20' });
    expect(scheduler.snapshot().shared).toBe(false);
  });

  it('expects the bucket to drain only by what others leave of the drain', async () => {
    const scheduler = make({ bucketSize: 80 });
    (await scheduler.acquire('interactive')).settle({ callLimit: '1/80' });
    // For a minute the bucket stays at 40 though it drains 10 a second and this till sends one a second:
    // others send 9 a second.
    for (let second = 1; second <= 60; second += 1) {
      await vi.advanceTimersByTimeAsync(1_000);
      (await scheduler.acquire('interactive')).settle({ callLimit: '40/80' });
    }
    expect(scheduler.snapshot().shared).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    // A second later it is expected at 38, not at 30: others leave barely 1 of the 10 drained, and a fifth
    // of the drain is the least ever assumed.
    expect(scheduler.snapshot().level).toBeCloseTo(38, 1);
  });

  it('once others are seen, keeps background work under half the bucket and a quarter of the drain', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const scheduler = make({ bucketSize: 20, maxInFlight: 8 });
    const probe = await scheduler.acquire('interactive');
    // Others have filled 12 of 20: more than half.
    probe.settle({ callLimit: '12/20' });
    expect(scheduler.snapshot().shared).toBe(true);
    const log: string[] = [];
    // Each answered at once, so that only the budget holds them back (sharing allows two in flight).
    const background = Array.from({ length: 4 }, (_, i) => grant(scheduler, 'background', log, `b${i}`).then((slot) => slot.settle()));
    const cashier = grant(scheduler, 'interactive', log, 'cashier');
    await vi.advanceTimersByTimeAsync(0);
    // The cashier goes at once (12 + 1 leaves the 10 % headroom free); background waits until 13 has
    // drained to 9, so that its request leaves the bucket at most half full.
    expect(log).toEqual(['cashier']);
    (await cashier).settle();
    await vi.advanceTimersByTimeAsync(399);
    expect(log).toEqual(['cashier']);
    await vi.advanceTimersByTimeAsync(2);
    expect(log).toEqual(['cashier', 'b0']);
    // Then one every 400 ms (a quarter of 10 per second), though the bucket drains faster.
    await vi.advanceTimersByTimeAsync(397);
    expect(log).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(3);
    expect(log).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(800);
    expect(log).toEqual(['cashier', 'b0', 'b1', 'b2', 'b3']);
    await Promise.all(background);
  });

  it('sharing a bucket that is nearly empty, lets background work go at full speed', async () => {
    const scheduler = make({ bucketSize: 20, maxInFlight: 8 });
    (await scheduler.acquire('interactive')).settle({ callLimit: '4/20' });
    expect(scheduler.snapshot().shared).toBe(true);
    const log: string[] = [];
    const background = Array.from({ length: 2 }, (_, i) => grant(scheduler, 'background', log, `b${i}`).then((slot) => slot.settle()));
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['b0', 'b1']);
    await Promise.all(background);
  });

  it('alone on the bucket, lets background work use it all but the reserve', async () => {
    const scheduler = make();
    const log: string[] = [];
    const background = Array.from({ length: 8 }, (_, i) => grant(scheduler, 'background', log, `b${i}`));
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toHaveLength(8);
    for (const slot of await Promise.all(background)) slot.settle();
  });

  it('pauses every lane for Retry-After after a 429, and keeps a retried request in its place', async () => {
    const scheduler = make({ bucketSize: 1 });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const log: string[] = [];
    const order = scheduler.nextOrder();
    const slot = await scheduler.acquire('interactive', { order });
    const later = grant(scheduler, 'interactive', log, 'later');
    slot.settle({ rateLimited: true, retryAfterSeconds: 1.5 });
    const retried = scheduler.acquire('interactive', { order }).then((s) => (log.push('retried'), s));
    await vi.advanceTimersByTimeAsync(1400);
    expect(log).toEqual(expect.not.arrayContaining(['retried']));
    await vi.advanceTimersByTimeAsync(150);
    expect(log).toEqual(['retried']);
    (await retried).settle();
    await vi.advanceTimersByTimeAsync(100);
    expect(log).toEqual(['retried', 'later']);
    (await later).settle();
  });

  it('stops waiting when the caller aborts', async () => {
    const scheduler = make({ bucketSize: 1 });
    const held = await scheduler.acquire('interactive');
    const controller = new AbortController();
    const waiting = scheduler.acquire('interactive', { signal: controller.signal });
    controller.abort(new Error('cashier cancelled'));
    await expect(waiting).rejects.toThrow('cashier cancelled');
    expect(scheduler.snapshot().queued.interactive).toBe(0);
    held.settle();
  });

  it('limits requests in flight', async () => {
    const scheduler = make({ maxInFlight: 2 });
    const log: string[] = [];
    const slots = [grant(scheduler, 'interactive', log, 'a'), grant(scheduler, 'interactive', log, 'b'), grant(scheduler, 'interactive', log, 'c')];
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['a', 'b']);
    (await slots[0]!).settle();
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['a', 'b', 'c']);
  });
});
