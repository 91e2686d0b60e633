// Points add/subtract over HTTP: balances, updated_at, the ledger, and every 400/422 with its exact body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxStore } from '../../../electron/sandbox/server.ts';
import { clientFor, points } from './helpers.ts';

let store: SandboxStore;
let api: ReturnType<typeof clientFor>;

beforeAll(async () => {
  store = await startSandbox({ members: 20, bucketSize: 10_000 });
  api = clientFor(store);
});
afterAll(() => store.close());

describe('add and subtract', () => {
  it('add raises point_available only; subtract lowers it and raises point_used', async () => {
    const before = store.profile(360101)!;
    const added = await api.put('/loy/profiles/360101/points/add.json', points(250, 'Tích điểm đơn #2001', '2001'));
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ point_available: 6350, point_used: 900, point_ranking: before.point_ranking });

    const subtracted = await api.put('/loy/profiles/360101/points/subtract.json', points(1350, 'Dùng điểm ở KOV mã ĐH #001234', '1234'));
    expect(subtracted.status).toBe(200);
    expect(subtracted.body).toMatchObject({ point_available: 5000, point_used: 2250 });
    expect(store.profile(360101)).toMatchObject({ point_available: 5000, point_used: 2250 });
    expect((await api.get('/loy/profiles/360101.json')).body.profile.point_available).toBe(5000);
  });

  it('appends ledger entries with increasing seq and the balances around each change', () => {
    const ledger = store.ledger();
    expect(ledger).toHaveLength(2);
    expect(ledger[0]).toMatchObject({
      seq: 1, profileId: 360101, direction: 'add', value: 250, reason: 'Tích điểm đơn #2001', ref_id: '2001',
      balanceBefore: 6100, balanceAfter: 6350, source: 'api',
    });
    expect(ledger[1]).toMatchObject({ seq: 2, direction: 'subtract', value: 1350, ref_id: '1234', balanceBefore: 6350, balanceAfter: 5000 });
    expect(ledger[1]!.at).toBe(store.profile(360101)!.updated_at);
  });

  it('bumps updated_at strictly, even for changes within one millisecond', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api.put('/loy/profiles/360102/points/add.json', points(1, `burst ${i}`))),
    );
    expect(results.every((result) => result.status === 200)).toBe(true);
    const stamps = store.ledger().filter((entry) => entry.profileId === 360102).map((entry) => entry.at);
    expect(stamps).toHaveLength(20);
    for (let i = 1; i < stamps.length; i++) expect(stamps[i]! > stamps[i - 1]!).toBe(true);
    expect(stamps.every((stamp) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(stamp))).toBe(true);
    expect(store.profile(360102)!.point_available).toBe(4220);
  });

  it('does not make ref_id idempotent: a resent PUT applies twice', async () => {
    await api.put('/loy/profiles/360103/points/add.json', points(5, 'x', 'same-ref'));
    await api.put('/loy/profiles/360103/points/add.json', points(5, 'x', 'same-ref'));
    expect(store.profile(360103)!.point_available).toBe(360);
  });

  it('allows subtracting exactly the whole balance', async () => {
    const answer = await api.put('/loy/profiles/360105/points/subtract.json', points(1500));
    expect(answer.body).toMatchObject({ point_available: 0, point_used: 1500 });
  });
});

describe('validation', () => {
  const unchanged = async (body: unknown, status: number, expected: unknown, direction = 'add', id = 360104) => {
    const before = store.profile(id)!;
    const ledgerLength = store.ledger().length;
    const answer = await api.put(`/loy/profiles/${id}/points/${direction}.json`, body);
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual(expected);
    expect(store.profile(id)).toEqual(before);
    expect(store.ledger()).toHaveLength(ledgerLength);
  };

  it.each([0, -5, 1.5, '10', null, Number.MAX_SAFE_INTEGER + 2])('422 for value %s', async (value) => {
    await unchanged(points(value), 422, { errors: { value: ['must be a positive integer'] } });
  });

  it('422 when value is missing', async () => {
    await unchanged({ point: { reason: 'x', ref_id: '' } }, 422, { errors: { value: ['must be a positive integer'] } });
  });

  it('422 "Point can\'t be blank" when the point object is missing', async () => {
    await unchanged({}, 422, { errors: "Point can't be blank" });
    await unchanged({ value: 10, reason: 'x' }, 422, { errors: "Point can't be blank" });
    await unchanged({ point: 'ten' }, 422, { errors: "Point can't be blank" });
  });

  it('422 for a blank or missing reason', async () => {
    await unchanged(points(10, ''), 422, { errors: { reason: ["can't be blank"] } });
    await unchanged(points(10, '   '), 422, { errors: { reason: ["can't be blank"] } });
    await unchanged({ point: { value: 10 } }, 422, { errors: { reason: ["can't be blank"] } });
  });

  it('reports value and reason together', async () => {
    await unchanged(points(-1, ''), 422, { errors: { value: ['must be a positive integer'], reason: ["can't be blank"] } });
  });

  it('422 when subtracting more than point_available', async () => {
    await unchanged(points(12_001), 422, { errors: { point: ['is greater than point_available'] } }, 'subtract');
    await unchanged(points(1), 422, { errors: { point: ['is greater than point_available'] } }, 'subtract', 360109);
  });

  it('422 "Profile is disabled" for both directions on a disabled profile', async () => {
    await unchanged(points(10), 422, { errors: 'Profile is disabled' }, 'add', 360107);
    await unchanged(points(10), 422, { errors: 'Profile is disabled' }, 'subtract', 360107);
  });

  it('400 without Content-Type: application/json, or with a body that is not JSON', async () => {
    const plain = await api.fetch('/loy/profiles/360104/points/add.json', {
      method: 'PUT',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify(points(10)),
    });
    expect(plain.status).toBe(400);
    expect(await plain.json()).toEqual({ errors: 'Content-Type must be application/json' });
    expect(store.profile(360104)!.point_available).toBe(12_000);
    const charset = await api.put('/loy/profiles/360104/points/add.json', points(1), { 'Content-Type': 'application/json; charset=utf-8' });
    expect(charset.status).toBe(200);
    await unchanged('{"point": {"value": 10,', 400, { errors: 'The request body is not valid JSON' });
  });

  it('404 for an unknown profile', async () => {
    const answer = await api.put('/loy/profiles/42/points/add.json', points(10));
    expect([answer.status, answer.body]).toEqual([404, { errors: 'Not Found' }]);
  });
});

describe('another till (adjustDirectly) and shop edits (updateProfile)', () => {
  it('adjustDirectly follows the same rules and is ledgered as direct', () => {
    const profile = store.adjustDirectly(360110, 'subtract', 5000, 'Quầy 2 đổi quà');
    expect(profile).toMatchObject({ point_available: 40_000, point_used: 25_000 });
    expect(store.ledger().at(-1)).toMatchObject({ profileId: 360110, source: 'direct', balanceBefore: 45_000, balanceAfter: 40_000 });
    expect(() => store.adjustDirectly(360110, 'subtract', 40_001, 'x')).toThrow(/point_available/);
    expect(() => store.adjustDirectly(360107, 'add', 1, 'x')).toThrow(/disabled/);
    expect(() => store.adjustDirectly(1, 'add', 1, 'x')).toThrow(/Not Found/);
  });

  it('updateProfile patches and bumps updated_at; profiles() are deep copies', () => {
    const before = store.profile(360108)!;
    const after = store.updateProfile(360108, { first_name: 'Khách', attributes: [{ id: 9, key: 'k', value: 'v' }] });
    expect(after.first_name).toBe('Khách');
    expect(after.updated_at > before.updated_at).toBe(true);
    after.attributes![0]!.value = 'mutated';
    store.profiles()[0]!.point_available = -1;
    expect(store.profile(360108)!.attributes).toEqual([{ id: 9, key: 'k', value: 'v' }]);
    expect(store.profile(360101)!.point_available).toBe(5000);
  });
});
