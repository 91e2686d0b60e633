// Each injected fault, over real HTTP: what the client sees and what the store applied.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxStore } from '../../../electron/sandbox/server.ts';
import { clientFor, points } from './helpers.ts';

let store: SandboxStore;
let api: ReturnType<typeof clientFor>;

beforeAll(async () => {
  store = await startSandbox({ members: 20, bucketSize: 10_000 });
  api = clientFor(store);
});
afterEach(() => store.clearFaults());
afterAll(() => store.close());

const balance = (id: number) => store.profile(id)!.point_available;
const socketError = async (request: Promise<unknown>) => {
  const error = await request.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(Error);
  return error as Error;
};

describe('latency', () => {
  it('delays every request until cleared', async () => {
    store.addFault({ kind: 'latency', ms: 150 });
    let started = performance.now();
    expect((await api.get('/loy/profiles/360101.json')).status).toBe(200);
    expect((await api.put('/loy/profiles/360101/points/add.json', points(1))).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
    store.clearFaults();
    started = performance.now();
    await api.get('/loy/profiles/360101.json');
    // Without the fault, no 150 ms wait.
    expect(performance.now() - started).toBeLessThan(150);
  });
});

describe('rate-limit', () => {
  it('answers the next `count` requests 429 with Retry-After "1.0", then recovers', async () => {
    store.addFault({ kind: 'rate-limit', count: 2 });
    const before = store.stats().rejected429;
    const first = await api.put('/loy/profiles/360102/points/add.json', points(5));
    const second = await api.get('/loy/profiles/360102.json');
    expect([first.status, second.status]).toEqual([429, 429]);
    expect(first.headers.get('retry-after')).toBe('1.0');
    expect(first.headers.get('x-haravan-api-call-limit')).toMatch(/^\d+\/10000$/);
    expect(first.body.errors).toMatch(/^Exceeded 10000 calls per second/);
    expect(balance(360102)).toBe(4200);
    expect((await api.get('/loy/profiles/360102.json')).status).toBe(200);
    expect(store.stats().rejected429).toBe(before + 2);
  });

  it('uses the given Retry-After', async () => {
    store.addFault({ kind: 'rate-limit', count: 1, retryAfterSeconds: 0.25 });
    expect((await api.get('/loy/profiles/360102.json')).headers.get('retry-after')).toBe('0.25');
  });
});

describe('server-error', () => {
  it('answers 500 JSON, or 502/503 HTML from the proxy, only on the targeted kind, count times', async () => {
    store.addFault({ kind: 'server-error', status: 503, count: 2, on: 'write' });
    expect((await api.get('/loy/profiles/360103.json')).status).toBe(200);
    const refused = await api.put('/loy/profiles/360103/points/add.json', points(7));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
    expect(refused.text).toContain('503 Service Temporarily Unavailable');
    expect((await api.put('/loy/profiles/360103/points/add.json', points(7))).status).toBe(503);
    expect(balance(360103)).toBe(350);
    expect((await api.put('/loy/profiles/360103/points/add.json', points(7))).status).toBe(200);
    expect(balance(360103)).toBe(357);

    store.addFault({ kind: 'server-error', status: 500, count: 1, on: 'read' });
    expect((await api.put('/loy/profiles/360103/points/add.json', points(1))).status).toBe(200);
    const internal = await api.get('/loy/profiles.json');
    expect([internal.status, internal.body]).toEqual([500, { errors: 'Internal Server Error' }]);

    store.addFault({ kind: 'server-error', status: 502, count: 1 });
    expect((await api.get('/loy/profiles.json')).status).toBe(502);
    expect((await api.get('/loy/profiles.json')).status).toBe(200);
  });

  it('comes after auth: a bad token still gets 401 and does not use up the fault', async () => {
    store.addFault({ kind: 'server-error', status: 500, count: 1 });
    expect((await clientFor(store, 'bad').get('/loy/profiles.json')).status).toBe(401);
    expect((await api.get('/loy/profiles.json')).status).toBe(500);
  });
});

describe('drop-before-apply', () => {
  it('destroys the socket without a response and applies nothing', async () => {
    store.addFault({ kind: 'drop-before-apply', count: 1, on: 'write' });
    const ledgerLength = store.ledger().length;
    await socketError(api.put('/loy/profiles/360104/points/add.json', points(100)));
    expect(balance(360104)).toBe(12_000);
    expect(store.ledger()).toHaveLength(ledgerLength);
    expect((await api.put('/loy/profiles/360104/points/add.json', points(100))).status).toBe(200);
    expect(balance(360104)).toBe(12_100);
  });

  it('can target reads', async () => {
    store.addFault({ kind: 'drop-before-apply', count: 1, on: 'read' });
    await socketError(api.get('/loy/profiles/360104.json'));
    expect((await api.get('/loy/profiles/360104.json')).status).toBe(200);
  });
});

describe('drop-after-apply', () => {
  it('applies and ledgers the adjustment, then destroys the socket without a response', async () => {
    store.addFault({ kind: 'drop-after-apply', count: 1 });
    const ledgerLength = store.ledger().length;
    await socketError(api.put('/loy/profiles/360105/points/subtract.json', points(500, 'Đổi quà', 'R-1')));
    expect(balance(360105)).toBe(1000);
    expect(store.ledger()).toHaveLength(ledgerLength + 1);
    expect(store.ledger().at(-1)).toMatchObject({ profileId: 360105, ref_id: 'R-1', balanceAfter: 1000, source: 'api' });
  });

  it('skips GETs and PUTs that fail validation, waiting for one that succeeds', async () => {
    store.addFault({ kind: 'drop-after-apply', count: 1 });
    expect((await api.get('/loy/profiles/360105.json')).status).toBe(200);
    expect((await api.put('/loy/profiles/360105/points/subtract.json', points(999_999))).status).toBe(422);
    await socketError(api.put('/loy/profiles/360105/points/add.json', points(1)));
    expect(balance(360105)).toBe(1001);
  });
});

describe('hang', () => {
  it('never answers (the client times out) and applies nothing', async () => {
    store.addFault({ kind: 'hang', count: 1, on: 'write' });
    const error = await socketError(
      api.fetch('/loy/profiles/360106/points/add.json', {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(points(10)),
        signal: AbortSignal.timeout(300),
      }),
    );
    expect(error.name).toBe('TimeoutError');
    expect(balance(360106)).toBe(2750);
    expect((await api.get('/loy/profiles/360106.json')).status).toBe(200);
  });
});

describe('skip', () => {
  it('lets the first `skip` matching requests through untouched, then fails `count` of them', async () => {
    store.addFault({ kind: 'server-error', status: 503, on: 'read', skip: 1, count: 2 });
    // A write does not match, so it neither uses up the skip nor the count.
    expect((await api.put('/loy/profiles/360108/points/add.json', points(1))).status).toBe(200);
    expect((await api.get('/loy/profiles/360108.json')).status).toBe(200);
    expect((await api.get('/loy/profiles/360108.json')).status).toBe(503);
    expect((await api.get('/loy/profiles/360108.json')).status).toBe(503);
    expect((await api.get('/loy/profiles/360108.json')).status).toBe(200);
  });

  it('works for drop-before-apply: the skipped write is applied, the next is dropped unapplied', async () => {
    store.addFault({ kind: 'drop-before-apply', on: 'write', skip: 2, count: 1 });
    const before = balance(360108);
    expect((await api.put('/loy/profiles/360108/points/add.json', points(10))).status).toBe(200);
    expect((await api.put('/loy/profiles/360108/points/add.json', points(10))).status).toBe(200);
    await socketError(api.put('/loy/profiles/360108/points/add.json', points(10)));
    expect(balance(360108)).toBe(before + 20);
    expect((await api.put('/loy/profiles/360108/points/add.json', points(10))).status).toBe(200);
    expect(balance(360108)).toBe(before + 30);
  });

  it('works for hang', async () => {
    store.addFault({ kind: 'hang', on: 'read', skip: 1, count: 1 });
    expect((await api.get('/loy/profiles/360108.json')).status).toBe(200);
    const error = await socketError(api.fetch('/loy/profiles/360108.json', { signal: AbortSignal.timeout(300) }));
    expect(error.name).toBe('TimeoutError');
    expect((await api.get('/loy/profiles/360108.json')).status).toBe(200);
  });

  it('works for rate-limit, counting every request', async () => {
    store.addFault({ kind: 'rate-limit', skip: 2, count: 1 });
    expect((await api.put('/loy/profiles/360108/points/add.json', points(1))).status).toBe(200);
    expect((await api.get('/loy/profiles/360108.json')).status).toBe(200);
    expect((await api.get('/loy/profiles/360108.json')).status).toBe(429);
    expect((await api.get('/loy/profiles/360108.json')).status).toBe(200);
  });

  it('a skipped request passes untouched even when a later fault would match it', async () => {
    store.addFault({ kind: 'server-error', status: 500, on: 'read', skip: 1, count: 1 });
    store.addFault({ kind: 'server-error', status: 502, on: 'read', count: 1 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.get('/loy/profiles/360108.json')).status);
    expect(statuses).toEqual([200, 500, 502, 200]);
  });

  it('skip 0 is the same as no skip', async () => {
    store.addFault({ kind: 'server-error', status: 503, skip: 0, count: 1 });
    expect((await api.get('/loy/profiles/360108.json')).status).toBe(503);
    expect((await api.get('/loy/profiles/360108.json')).status).toBe(200);
  });
});

describe('validation of faults', () => {
  it('rejects malformed faults', () => {
    expect(() => store.addFault({ kind: 'hang', count: 0 })).toThrow(/count/);
    expect(() => store.addFault({ kind: 'server-error', status: 404 as 500, count: 1 })).toThrow(/status/);
    expect(() => store.addFault({ kind: 'hang', count: 1, skip: -1 })).toThrow(/skip/);
    expect(() => store.addFault({ kind: 'drop-before-apply', count: 1, skip: 1.5 })).toThrow(/skip/);
    expect(() => store.addFault({ kind: 'drop-after-apply', count: 1, skip: 1 } as never)).toThrow(/skip/);
  });
});
