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

describe('html-200', () => {
  it('answers 200 with a captive portal page instead of the store, applying nothing', async () => {
    store.addFault({ kind: 'html-200', count: 1, on: 'write' });
    const before = balance(360109);
    const answer = await api.put('/loy/profiles/360109/points/add.json', points(10));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.body).toBeUndefined();
    expect(balance(360109)).toBe(before);
    expect((await api.put('/loy/profiles/360109/points/add.json', points(10))).body.point_available).toBe(before + 10);
  });
});

describe('empty-204', () => {
  it('applies the change and answers 204 with no body', async () => {
    store.addFault({ kind: 'empty-204', count: 1 });
    const before = balance(360109);
    const answer = await api.put('/loy/profiles/360109/points/add.json', points(4, 'Tích điểm', 'E-204'));
    expect([answer.status, answer.text]).toEqual([204, '']);
    expect(balance(360109)).toBe(before + 4);
    expect(store.ledger().at(-1)).toMatchObject({ ref_id: 'E-204', value: 4 });
  });
});

describe('apply-late', () => {
  it('drops the connection unapplied, then applies the change delayMs later', async () => {
    store.addFault({ kind: 'apply-late', delayMs: 200, count: 1 });
    const before = balance(360110);
    await socketError(api.put('/loy/profiles/360110/points/add.json', points(6, 'Tích điểm', 'LATE-1')));
    expect(balance(360110)).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(balance(360110)).toBe(before + 6);
    expect(store.ledger().filter((row) => row.ref_id === 'LATE-1')).toHaveLength(1);
  });
});

describe('wrong-address', () => {
  it('answers every route 404 with an HTML page and no call-limit header until cleared', async () => {
    store.addFault({ kind: 'wrong-address' });
    for (const answer of [await api.get('/loy/profiles.json?limit=1'), await api.get('/loy/profiles/360101.json')]) {
      expect(answer.status).toBe(404);
      expect(answer.headers.get('x-haravan-api-call-limit')).toBeNull();
      expect(answer.text).toContain('404 Not Found');
    }
    store.clearFaults();
    expect((await api.get('/loy/profiles/360101.json')).status).toBe(200);
  });
});

describe('clock-offset', () => {
  it('sets the store’s Date header and the updated_at of every change off from the till’s clock', async () => {
    store.addFault({ kind: 'clock-offset', ms: 3_600_000 });
    const answer = await api.put('/loy/profiles/360111/points/add.json', points(1));
    const hourAhead = Date.now() + 3_600_000;
    expect(Math.abs(Date.parse(answer.headers.get('date')!) - hourAhead)).toBeLessThan(2_000);
    expect(Math.abs(Date.parse(answer.body.updated_at) - hourAhead)).toBeLessThan(2_000);
    store.clearFaults();
    const now = await api.get('/loy/profiles/360111.json');
    expect(Math.abs(Date.parse(now.headers.get('date')!) - Date.now())).toBeLessThan(2_000);
  });
});

describe('a second writer', () => {
  it('adjustDirectly moves updated_at like any change', async () => {
    const before = store.profile(360112)!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const after = store.adjustDirectly(360112, 'add', 10, 'Quầy 2');
    expect(after.point_available).toBe(before.point_available + 10);
    expect(after.updated_at > before.updated_at).toBe(true);
    expect(store.ledger().at(-1)).toMatchObject({ profileId: 360112, source: 'direct' });
  });
});

describe('validation of faults', () => {
  it('rejects malformed faults', () => {
    expect(() => store.addFault({ kind: 'hang', count: 0 })).toThrow(/count/);
    expect(() => store.addFault({ kind: 'server-error', status: 404 as 500, count: 1 })).toThrow(/status/);
    expect(() => store.addFault({ kind: 'hang', count: 1, skip: -1 })).toThrow(/skip/);
    expect(() => store.addFault({ kind: 'drop-before-apply', count: 1, skip: 1.5 })).toThrow(/skip/);
    expect(() => store.addFault({ kind: 'drop-after-apply', count: 1, skip: 1 } as never)).toThrow(/skip/);
    expect(() => store.addFault({ kind: 'apply-late', count: 1, delayMs: -1 })).toThrow(/delayMs/);
    expect(() => store.addFault({ kind: 'clock-offset', ms: Number.NaN })).toThrow(/clock-offset/);
    expect(() => store.addFault({ kind: 'html-200', count: 1, on: 'both' as 'any' })).toThrow(/on/);
  });
});
