import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHaravanClient, INTERACTIVE_PATIENCE_MS, type HaravanClientOptions } from '../../../electron/haravan/client.ts';
import { LoyaltyError, type LoyaltyErrorCode } from '../../../electron/haravan/errors.ts';
import { parsePhone } from '../../../electron/haravan/phone.ts';
import { createScheduler } from '../../../electron/haravan/scheduler.ts';
import type { Profile } from '../../../electron/haravan/types.ts';
import { startSandbox, type SandboxStore } from '../../../electron/sandbox/server.ts';
import { faultyConnections } from './faulty-connections.ts';

let sandbox: SandboxStore;

beforeAll(async () => {
  sandbox = await startSandbox({ members: 120, bucketSize: 80, drainPerSecond: 40 });
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.clearFaults());

const FAST_RETRY = { backoffMs: 5 };

function client(overrides: Partial<HaravanClientOptions> = {}) {
  return createHaravanClient({
    token: sandbox.tokens.readWrite,
    baseURL: sandbox.url,
    scheduler: createScheduler({ drainPerSecond: 40 }),
    retry: FAST_RETRY,
    timeoutMs: 2000,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<LoyaltyError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(LoyaltyError);
  return outcome as LoyaltyError;
}

async function expectCode(promise: Promise<unknown>, code: LoyaltyErrorCode): Promise<LoyaltyError> {
  const error = await failure(promise);
  expect(error.code).toBe(code);
  return error;
}

const enabledWithPoints = () =>
  sandbox.profiles().find((p) => p.status === 'enabled' && p.point_available >= 100 && p.phone !== '')!;
const disabled = () => sandbox.profiles().find((p) => p.status === 'disabled')!;
const ledgerFor = (id: number) => sandbox.ledger().filter((entry) => entry.profileId === id);

describe('reads', () => {
  it('lists profiles in id order with since_id paging, limit and fields', async () => {
    const all = sandbox.profiles().sort((a, b) => a.id - b.id);
    const first = await client().listProfiles({ limit: 10 });
    expect(first.map((p) => p.id)).toEqual(all.slice(0, 10).map((p) => p.id));
    const next = await client().listProfiles({ since_id: first.at(-1)!.id, limit: 10, fields: ['id', 'phone', 'point_available'] });
    expect(next.map((p) => p.id)).toEqual(all.slice(10, 20).map((p) => p.id));
    expect(Object.keys(next[0]!).sort()).toEqual(['id', 'phone', 'point_available']);
  });

  it('caps limit at 50 and pages by page number', async () => {
    const all = sandbox.profiles().sort((a, b) => a.id - b.id);
    const page = await client().listProfiles({ limit: 500, page: 2 });
    expect(page.map((p) => p.id)).toEqual(all.slice(50, 100).map((p) => p.id));
  });

  it('filters by updated_at range', async () => {
    const all = sandbox.profiles();
    const sorted = all.map((p) => p.updated_at).sort();
    const min = sorted[Math.floor(sorted.length / 2)]!;
    const listed = await client().listProfiles({ updated_at_min: min, limit: 50, fields: ['id', 'updated_at'] });
    expect(listed.length).toBeGreaterThan(0);
    for (const profile of listed) expect(profile.updated_at! >= min).toBe(true);
  });

  it('gets one profile, its tags and its attributes', async () => {
    const profile = sandbox.profiles().find((p) => sandbox.tags(p.id) !== '' && (p.attributes?.length ?? 0) > 0)!;
    const api = client();
    const fetched = await api.getProfile(profile.id);
    expect(fetched.id).toBe(profile.id);
    expect(fetched.point_available).toBe(profile.point_available);
    expect(fetched.profile_card_number).toBe(profile.profile_card_number);
    expect(await api.getTags(profile.id)).toEqual(sandbox.tags(profile.id).split(',').map((t) => t.trim()));
    expect(await api.getAttributes(profile.id)).toEqual(profile.attributes);
  });

  it('refuses an empty filter before sending anything', async () => {
    const before = sandbox.stats().requests;
    const error = await expectCode(client().listProfiles({ phone: '  ' }), 'invalid_input');
    expect(error.detail).toBe('phone');
    expect(sandbox.stats().requests).toBe(before);
  });
});

describe('phone lookup', () => {
  const parsed = (typed: string) => {
    const result = parsePhone(typed);
    if (!result.ok) throw new Error('phone rules refused a valid number');
    return result.phone;
  };

  it('asks for the likely form first, and for every other form together only when it finds nothing', async () => {
    const stored = ['0909977921', '+84909977921', '84909977921'];
    const seeded = sandbox.profiles().slice(-3);
    seeded.forEach((profile, i) => sandbox.updateProfile(profile.id, { phone: stored[i]! }));
    const holding = (forms: string[]) => sandbox.profiles().filter((p) => forms.includes(p.phone)).map((p) => p.id).sort((a, b) => a - b);

    let before = sandbox.stats().requests;
    expect((await client().findByPhone(parsed('0909 977 921'))).map((p) => p.id)).toEqual(holding(['0909977921']));
    expect(sandbox.stats().requests - before).toBe(1);

    before = sandbox.stats().requests;
    expect((await client().findByPhone(parsed('0909 977 921'), { likelyForm: 'plus' })).map((p) => p.id)).toEqual(holding(['+84909977921']));
    expect(sandbox.stats().requests - before).toBe(1);

    sandbox.profiles().filter((p) => p.phone === '0909977921').forEach((p) => sandbox.updateProfile(p.id, { phone: '' }));
    before = sandbox.stats().requests;
    expect((await client().findByPhone(parsed('0909 977 921'))).map((p) => p.id)).toEqual(holding(['+84909977921', '84909977921']));
    expect(sandbox.stats().requests - before).toBe(3);
  });
});

describe('points', () => {
  it('adds and subtracts, answering with the full profile, each applied once', async () => {
    const member = enabledWithPoints();
    const api = client();
    const added = await api.adjustPoints(member.id, 'add', { value: 25, reason: 'Mua hàng', ref_id: 'HD-1' });
    expect(added.point_available).toBe(member.point_available + 25);
    const subtracted = await api.adjustPoints(member.id, 'subtract', { value: 10, reason: 'Đổi điểm đơn #HD-2', ref_id: 'HD-2' });
    expect(subtracted.point_available).toBe(member.point_available + 15);
    expect(subtracted.point_used).toBe(member.point_used + 10);
    expect(ledgerFor(member.id).map((e) => [e.direction, e.value, e.reason, e.ref_id])).toEqual([
      ['add', 25, 'Mua hàng', 'HD-1'],
      ['subtract', 10, 'Đổi điểm đơn #HD-2', 'HD-2'],
    ]);
  });

  it('refuses zero, negative and fractional points before sending', async () => {
    const member = enabledWithPoints();
    const before = sandbox.stats().requests;
    for (const value of [0, -5, 1.5, Number.NaN]) {
      await expectCode(client().adjustPoints(member.id, 'add', { value, reason: 'x', ref_id: '' }), 'invalid_input');
    }
    await expectCode(client().adjustPoints(member.id, 'add', { value: 1, reason: '  ', ref_id: '' }), 'invalid_input');
    expect(sandbox.stats().requests).toBe(before);
  });

  it('resends a PUT refused with 429, which provably was not applied', async () => {
    const member = enabledWithPoints();
    sandbox.addFault({ kind: 'rate-limit', count: 2, retryAfterSeconds: 0.05 });
    const result = await client().adjustPoints(member.id, 'add', { value: 7, reason: 'Khuyến mãi', ref_id: 'R429' });
    expect(result.point_available).toBe(member.point_available + 7);
    expect(ledgerFor(member.id).filter((e) => e.ref_id === 'R429')).toHaveLength(1);
  });

  it('reports a connection dropped after applying as uncertain, and does not resend', async () => {
    const member = enabledWithPoints();
    sandbox.addFault({ kind: 'drop-after-apply', count: 1 });
    const error = await expectCode(client().adjustPoints(member.id, 'subtract', { value: 3, reason: 'Đổi điểm', ref_id: 'DROP-AFTER' }), 'uncertain');
    expect(error.message).toMatch(/may or may not/);
    expect(ledgerFor(member.id).filter((e) => e.ref_id === 'DROP-AFTER')).toHaveLength(1);
    expect(sandbox.profile(member.id)!.point_available).toBe(member.point_available - 3);
  });

  it('reports a connection dropped before applying as uncertain too: the client cannot tell', async () => {
    const member = enabledWithPoints();
    sandbox.addFault({ kind: 'drop-before-apply', count: 1, on: 'write' });
    await expectCode(client().adjustPoints(member.id, 'add', { value: 3, reason: 'Mua hàng', ref_id: 'DROP-BEFORE' }), 'uncertain');
    expect(ledgerFor(member.id).filter((e) => e.ref_id === 'DROP-BEFORE')).toHaveLength(0);
  });

  it('reports a 5xx on a PUT as uncertain without resending', async () => {
    const member = enabledWithPoints();
    const requests = sandbox.stats().requests;
    sandbox.addFault({ kind: 'server-error', status: 502, count: 3, on: 'write' });
    const error = await expectCode(client().adjustPoints(member.id, 'add', { value: 3, reason: 'Mua hàng', ref_id: 'R502' }), 'uncertain');
    expect(error.status).toBe(502);
    expect(sandbox.stats().requests).toBe(requests + 1);
  });

  it('reports a PUT that times out as uncertain', async () => {
    const member = enabledWithPoints();
    sandbox.addFault({ kind: 'hang', count: 1, on: 'write' });
    await expectCode(client({ timeoutMs: 300 }).adjustPoints(member.id, 'add', { value: 3, reason: 'Mua hàng', ref_id: 'HANG' }), 'uncertain');
    expect(ledgerFor(member.id).filter((e) => e.ref_id === 'HANG')).toHaveLength(0);
  });

  it('reports a PUT whose connection was refused as offline: provably never sent', async () => {
    const port = await closedPort();
    const error = await expectCode(
      client({ baseURL: `http://127.0.0.1:${port}` }).adjustPoints(1, 'add', { value: 3, reason: 'Mua hàng', ref_id: '' }),
      'offline',
    );
    expect(error.message).not.toMatch(/may or may not/);
  });
});

describe('never sent is decided by how far the request got, not by the error code', () => {
  const codes = ['EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ECONNREFUSED', 'EADDRNOTAVAIL'];

  it.each(codes)('%s before the connection opened: provably unsent, retried, applied once', async (code) => {
    const member = enabledWithPoints();
    const connections = faultyConnections();
    connections.fail({ when: 'before-connect', code });
    const ref = `BEFORE-${code}`;
    const answer = await client({ transport: connections.transport }).adjustPoints(member.id, 'add', { value: 10, reason: 'Mua hàng', ref_id: ref });
    expect(answer.point_available).toBe(member.point_available + 10);
    expect(ledgerFor(member.id).filter((e) => e.ref_id === ref)).toHaveLength(1);
    expect(connections.opened.count).toBe(2);
  });

  it.each(codes)('%s after the store answered: uncertain, never resent (applied once, not twice)', async (code) => {
    const member = enabledWithPoints();
    const connections = faultyConnections();
    connections.fail({ when: 'after-answer', code });
    const ref = `AFTER-${code}`;
    const error = await expectCode(
      client({ transport: connections.transport }).adjustPoints(member.id, 'add', { value: 10, reason: 'Mua hàng', ref_id: ref }),
      'uncertain',
    );
    expect(error.message).toMatch(/may or may not/);
    expect(ledgerFor(member.id).filter((e) => e.ref_id === ref)).toHaveLength(1);
    expect(sandbox.profile(member.id)!.point_available).toBe(member.point_available + 10);
    expect(connections.opened.count).toBe(1);
  });

  it('a read whose answer is lost is simply asked again', async () => {
    const member = enabledWithPoints();
    const connections = faultyConnections();
    connections.fail({ when: 'after-answer', code: 'EHOSTUNREACH' });
    expect((await client({ transport: connections.transport }).getProfile(member.id)).id).toBe(member.id);
  });
});

describe('an answer counts only when it is Haravan’s', () => {
  it('a 200 with a captive portal’s HTML on a PUT is uncertain, not applied; nothing reached the store', async () => {
    const member = enabledWithPoints();
    sandbox.addFault({ kind: 'html-200', count: 1, on: 'write' });
    const error = await expectCode(client().adjustPoints(member.id, 'add', { value: 5, reason: 'Mua hàng', ref_id: 'PORTAL' }), 'uncertain');
    expect(error.message).toMatch(/not Haravan's profile/);
    expect(ledgerFor(member.id).filter((e) => e.ref_id === 'PORTAL')).toHaveLength(0);
  });

  it('a 204 without a body on a PUT is uncertain (the store applied it): no TypeError', async () => {
    const member = enabledWithPoints();
    sandbox.addFault({ kind: 'empty-204', count: 1 });
    await expectCode(client().adjustPoints(member.id, 'add', { value: 5, reason: 'Mua hàng', ref_id: 'EMPTY' }), 'uncertain');
    expect(ledgerFor(member.id).filter((e) => e.ref_id === 'EMPTY')).toHaveLength(1);
  });

  it('a profile of another member in answer to a PUT or a GET is not taken for the member’s', async () => {
    const member = enabledWithPoints();
    const server = (await import('node:http')).createServer((request, response) => {
      const other = { ...member, id: member.id + 1 };
      const body = request.method === 'PUT' ? other : { profile: other };
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const api = client({ baseURL: `http://127.0.0.1:${(server.address() as { port: number }).port}` });
      const error = await expectCode(api.adjustPoints(member.id, 'add', { value: 1, reason: 'Mua hàng', ref_id: '' }), 'uncertain');
      expect(error.message).toMatch(new RegExp(`answered with profile ${member.id + 1}`));
      await expectCode(api.getProfile(member.id), 'server');
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });

  it('a read answered with HTML 200 is retried, then reported as a server problem', async () => {
    const member = enabledWithPoints();
    sandbox.addFault({ kind: 'html-200', count: 1, on: 'read' });
    expect((await client().getProfile(member.id)).point_available).toBe(sandbox.profile(member.id)!.point_available);
    sandbox.addFault({ kind: 'html-200', count: 4, on: 'read' });
    const error = await expectCode(client().getProfile(member.id), 'server');
    expect(error.message).toMatch(/not Haravan's answer/);
  });
});

describe('what the client learns and what it asks of caches', () => {
  it('learns Haravan’s clock from the Date header, however far the store’s clock is from the till’s', async () => {
    sandbox.addFault({ kind: 'clock-offset', ms: -86_400_000 });
    const api = client();
    expect(api.serverClock.at(performance.now())).toBeUndefined();
    await api.listProfiles({ limit: 1 });
    await api.listProfiles({ limit: 1 });
    const range = api.serverClock.at(performance.now())!;
    const storeNow = Date.now() - 86_400_000;
    expect(range.earliest).toBeLessThanOrEqual(storeNow + 50);
    expect(range.latest).toBeGreaterThanOrEqual(storeNow - 50);
    expect(range.latest - range.earliest).toBeLessThanOrEqual(1_100);
  });

  it('every read reaches the store and asks caches on the way not to answer it', async () => {
    const member = enabledWithPoints();
    const api = client();
    const first = await api.getProfile(member.id);
    sandbox.adjustDirectly(member.id, 'add', 1, 'Quầy 2');
    const requests = sandbox.stats().requests;
    expect((await api.getProfile(member.id)).point_available).toBe(first.point_available + 1);
    expect(sandbox.stats().requests).toBe(requests + 1);

    const seen: Record<string, string | string[] | undefined>[] = [];
    const listener = await import('node:http').then(({ createServer: http }) => http((request, response) => {
      seen.push(request.headers);
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ profile: { ...first } }));
    }));
    await new Promise<void>((done) => listener.listen(0, '127.0.0.1', done));
    try {
      await client({ baseURL: `http://127.0.0.1:${(listener.address() as { port: number }).port}` }).getProfile(member.id);
      expect(seen[0]).toMatchObject({ 'cache-control': 'no-cache', pragma: 'no-cache' });
      expect(seen[0]!['cookie']).toBeUndefined();
    } finally {
      listener.closeAllConnections();
      await new Promise((done) => listener.close(done));
    }
  });
});

describe('errors a cashier screen can explain', () => {
  it('unauthorized: unknown and revoked tokens', async () => {
    await expectCode(client({ token: 'not-a-token-of-this-shop' }).listProfiles({ limit: 1 }), 'unauthorized');
    const token = sandbox.issueToken(['loy.read_profiles', 'loy.write_profiles']);
    await client({ token }).listProfiles({ limit: 1 });
    sandbox.revokeToken(token);
    await expectCode(client({ token }).listProfiles({ limit: 1 }), 'unauthorized');
  });

  it('missing scope: a read-only token cannot change points', async () => {
    const member = enabledWithPoints();
    const readOnly = client({ token: sandbox.tokens.readOnly });
    expect((await readOnly.getProfile(member.id)).id).toBe(member.id);
    await expectCode(readOnly.adjustPoints(member.id, 'add', { value: 1, reason: 'x', ref_id: '' }), 'missing_scope');
    expect(ledgerFor(member.id).filter((e) => e.reason === 'x')).toHaveLength(0);
  });

  it('not found', async () => {
    const missing = Math.max(...sandbox.profiles().map((p) => p.id)) + 1000;
    await expectCode(client().getProfile(missing), 'not_found');
  });

  it('validation in the object shape: subtract beyond the balance', async () => {
    const member = enabledWithPoints();
    const balance = sandbox.profile(member.id)!.point_available;
    const error = await expectCode(client().adjustPoints(member.id, 'subtract', { value: balance + 1, reason: 'Đổi điểm', ref_id: '' }), 'validation');
    expect(error.status).toBe(422);
    expect(error.detail).toBe('point is greater than point_available');
  });

  it('validation in the string shape: a disabled member', async () => {
    const error = await expectCode(client().adjustPoints(disabled().id, 'add', { value: 1, reason: 'Mua hàng', ref_id: '' }), 'validation');
    expect(error.detail).toBe('Profile is disabled');
  });

  it('rate limited after the allowed 429s', async () => {
    sandbox.addFault({ kind: 'rate-limit', count: 3, retryAfterSeconds: 0.01 });
    await expectCode(client().listProfiles({ limit: 1 }), 'rate_limited');
    sandbox.clearFaults();
    sandbox.addFault({ kind: 'rate-limit', count: 3, retryAfterSeconds: 0.01 });
    // Background work is more patient than a cashier.
    expect(await client().listProfiles({ limit: 1 }, { lane: 'background' })).toHaveLength(1);
  });

  it("a card's reads held back by 429s give up within the cashier's patience, however long the drain", async () => {
    // Haravan's drain: after each 429 the bucket is taken as full, and three reads take turns refilling it.
    const haravanShaped = client({ scheduler: createScheduler({ drainPerSecond: 4 }) });
    const id = enabledWithPoints().id;
    sandbox.addFault({ kind: 'rate-limit', count: 40, retryAfterSeconds: 0.01 });
    const askedAt = performance.now();
    const settled = await Promise.allSettled([haravanShaped.getProfile(id), haravanShaped.getTags(id), haravanShaped.getAttributes(id)]);
    const waitedMs = performance.now() - askedAt;
    expect(settled.map((outcome) => outcome.status === 'rejected' && (outcome.reason as LoyaltyError).code)).toEqual(['rate_limited', 'rate_limited', 'rate_limited']);
    expect(waitedMs).toBeLessThan(INTERACTIVE_PATIENCE_MS + 1_000);
  });

  it('server error on reads after retries, and a read retried through passing 5xx', async () => {
    sandbox.addFault({ kind: 'server-error', status: 503, count: 4, on: 'read' });
    await expectCode(client().listProfiles({ limit: 1 }), 'server');
    sandbox.clearFaults();
    sandbox.addFault({ kind: 'server-error', status: 500, count: 2, on: 'read' });
    expect(await client().listProfiles({ limit: 1 })).toHaveLength(1);
  });

  it('a read survives a dropped connection and a hang by retrying', async () => {
    sandbox.addFault({ kind: 'drop-before-apply', count: 1, on: 'read' });
    expect(await client().listProfiles({ limit: 2 })).toHaveLength(2);
    sandbox.addFault({ kind: 'hang', count: 1, on: 'read' });
    expect(await client({ timeoutMs: 300 }).listProfiles({ limit: 2 })).toHaveLength(2);
  });

  it('offline when the store cannot be reached', async () => {
    const port = await closedPort();
    await expectCode(client({ baseURL: `http://127.0.0.1:${port}` }).listProfiles({ limit: 1 }), 'offline');
  });

  it('never carries the token in a message, a detail or a serialised error', async () => {
    const token = sandbox.issueToken(['loy.read_profiles']);
    const member = enabledWithPoints();
    const port = await closedPort();
    const errors = await Promise.all([
      failure(client({ token: `${token}-wrong` }).listProfiles({ limit: 1 })),
      failure(client({ token }).adjustPoints(member.id, 'add', { value: 1, reason: 'x', ref_id: '' })),
      failure(client({ token, baseURL: `http://127.0.0.1:${port}` }).getProfile(member.id)),
    ]);
    for (const error of errors) {
      const text = [error.message, error.detail, error.stack, JSON.stringify(error), String(error)].join('\n');
      expect(text).not.toContain(token);
    }
  });
});

describe('connection checks and lifetime', () => {
  it('tells whether a token may change points without changing any', async () => {
    const ledger = sandbox.ledger().length;
    expect(await client().canWritePoints()).toBe(true);
    expect(await client({ token: sandbox.tokens.readOnly }).canWritePoints()).toBe(false);
    await expectCode(client({ token: 'unknown-token-000' }).canWritePoints(), 'unauthorized');
    expect(sandbox.ledger()).toHaveLength(ledger);
  });

  it('ends queued and in-flight requests when closed', async () => {
    const api = client({ scheduler: createScheduler({ bucketSize: 1, drainPerSecond: 0.5 }) });
    sandbox.addFault({ kind: 'latency', ms: 300 });
    const inFlight = api.listProfiles({ limit: 1 });
    const queued = api.listProfiles({ limit: 2 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    api.close();
    await expectCode(inFlight, 'not_connected');
    await expectCode(queued, 'not_connected');
  });
});

describe('one scheduler per shop', () => {
  it('two clients sharing the shop scheduler never overfill the bucket', async () => {
    const small = await startSandbox({ members: 30, bucketSize: 10, drainPerSecond: 50 });
    try {
      const scheduler = createScheduler({ bucketSize: 10, drainPerSecond: 50, backgroundReserve: 2 });
      const make = () => createHaravanClient({ token: small.tokens.readWrite, baseURL: small.url, scheduler, retry: FAST_RETRY });
      const [till1, till2] = [make(), make()];
      const ids = small.profiles().map((p: Profile) => p.id);
      const work = Array.from({ length: 60 }, (_, i) =>
        (i % 2 ? till1 : till2).getProfile(ids[i % ids.length]!, { lane: i % 3 ? 'background' : 'interactive' }),
      );
      const profiles = await Promise.all(work);
      expect(profiles).toHaveLength(60);
      expect(small.stats().rejected429).toBe(0);
      expect(small.stats().peakLevel).toBeLessThanOrEqual(10);
    } finally {
      await small.close();
    }
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}
