// The leaky bucket over HTTP: the call-limit header on every response, 429 + Retry-After when full,
// draining over time, and the stats.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admit, createBucket, formatRetryAfter } from '../../../electron/sandbox/bucket.ts';
import { startSandbox, type SandboxStore } from '../../../electron/sandbox/server.ts';
import { admin, clientFor, points } from './helpers.ts';

const used = (headers: Headers) => Number(headers.get('x-haravan-api-call-limit')!.split('/')[0]);

describe('bucket arithmetic', () => {
  it('admits up to the size, refuses the next with the time one slot needs, drains continuously', () => {
    const bucket = createBucket(3, 2, 0);
    expect([admit(bucket, 0), admit(bucket, 0), admit(bucket, 0)].map((a) => a.used)).toEqual([1, 2, 3]);
    expect(admit(bucket, 100)).toEqual({ admitted: false, used: 3, retryAfterSeconds: 0.4 });
    expect(admit(bucket, 500)).toEqual({ admitted: true, used: 3 }); // 3 - 0.5*2 = 2, +1
    expect(admit(bucket, 10_000)).toEqual({ admitted: true, used: 1 });
  });

  it('formats Retry-After with one or two decimals', () => {
    expect(formatRetryAfter(1)).toBe('1.0');
    expect(formatRetryAfter(0.25)).toBe('0.25');
    expect(formatRetryAfter(0.3)).toBe('0.3');
    expect(formatRetryAfter(0.2501)).toBe('0.26'); // rounded up: never too short
    expect(formatRetryAfter(2)).toBe('2.0');
  });
});

// Drains one slot per 500 ms: slow enough that five quick requests read exactly 1/5 … 5/5 even on a busy machine.
describe('over HTTP (size 5, 2 per second)', () => {
  let store: SandboxStore;
  beforeEach(async () => {
    store = await startSandbox({ members: 15, bucketSize: 5, drainPerSecond: 2 });
  });
  afterEach(() => store.close());

  it('fills, refuses with 429 and a sufficient Retry-After, then drains', async () => {
    const api = clientFor(store);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await api.get('/loy/profiles/360101.json'));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.map((a) => a.headers.get('x-haravan-api-call-limit'))).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5']);

    const refused = await api.get('/loy/profiles/360101.json');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      errors: 'Exceeded 5 calls per second for api client. Reduce request rates to resume uninterrupted service.',
    });
    expect(refused.headers.get('x-haravan-api-call-limit')).toBe('5/5');
    const retryAfter = refused.headers.get('retry-after')!;
    expect(retryAfter).toMatch(/^\d+\.\d{1,2}$/);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(0.5);

    await new Promise((resolve) => setTimeout(resolve, Number(retryAfter) * 1000));
    const afterWaiting = await api.get('/loy/profiles/360101.json');
    expect(afterWaiting.status).toBe(200);
    expect(afterWaiting.headers.get('x-haravan-api-call-limit')).toBe('5/5');

    await new Promise((resolve) => setTimeout(resolve, 1100)); // drains 2.2
    const drained = await api.get('/loy/profiles/360101.json');
    expect(used(drained.headers)).toBeLessThanOrEqual(4);
    expect(used(drained.headers)).toBeGreaterThanOrEqual(3);

    const stats = store.stats();
    expect(stats).toEqual({ requests: 8, byEndpoint: { profile: 8 }, rejected429: 1, peakLevel: 5 });
    expect((await admin(store, 'GET', 'stats')).body).toEqual(stats);
  });

  it('is shared by all tokens and refuses PUTs without applying them', async () => {
    const readOnly = clientFor(store, store.tokens.readOnly);
    const readWrite = clientFor(store);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await readOnly.get('/loy/profiles/360101.json')).status);
    for (let i = 0; i < 3; i++) statuses.push((await readWrite.put('/loy/profiles/360101/points/add.json', points(1))).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses[5]).toBe(429);
    expect(store.profile(360101)!.point_available).toBe(6102);
  });

  it('puts the header on 401, 403, 404, 422 and 400 answers too', async () => {
    const api = clientFor(store);
    const answers = [
      await clientFor(store, 'nope').get('/loy/profiles.json'),
      await clientFor(store, store.tokens.readOnly).put('/loy/profiles/360101/points/add.json', points(1)),
      await api.get('/loy/nothing.json'),
      await api.put('/loy/profiles/360101/points/add.json', points(0)),
      await api.get('/loy/profiles.json?phone='),
    ];
    expect(answers.map((a) => a.status)).toEqual([401, 403, 404, 422, 400]);
    expect(answers.map((a) => a.headers.get('x-haravan-api-call-limit'))).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5']);
  });
});
