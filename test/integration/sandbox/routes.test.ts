// Every endpoint's JSON shape, the 404s, auth (401/403, revoked tokens, cookies) and the admin routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxStore } from '../../../electron/sandbox/server.ts';
import { admin, clientFor, points } from './helpers.ts';

const LIST_KEYS = [
  'id', 'first_name', 'last_name', 'gender', 'birthday', 'profile_card_number', 'phone', 'email', 'address',
  'country_code', 'country_name', 'province_code', 'province_name', 'district_code', 'district_name',
  'ward_code', 'ward_name', 'point_used', 'point_available', 'point_ranking', 'point_incoming', 'level_id',
  'level_name', 'total_spent', 'total_order', 'status', 'last_order_at', 'created_at', 'updated_at',
];
const INVALID_TOKEN = { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' };
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

let store: SandboxStore;
let api: ReturnType<typeof clientFor>;

beforeAll(async () => {
  store = await startSandbox({ members: 40, bucketSize: 10_000 });
  api = clientFor(store);
});
afterAll(() => store.close());

describe('the store', () => {
  it('listens on 127.0.0.1 with a url without trailing slash', () => {
    expect(store.url).toBe(`http://127.0.0.1:${store.port}`);
    expect(store.port).toBeGreaterThan(0);
  });
});

describe('GET /loy/profiles.json', () => {
  it('answers {profiles} with the seed list shape: no attributes, keys in the seed order', async () => {
    const answer = await api.get('/loy/profiles.json');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(answer.body)).toEqual(['profiles']);
    expect(answer.body.profiles).toHaveLength(40);
    const first = answer.body.profiles[0];
    expect(Object.keys(first)).toEqual(LIST_KEYS);
    expect(first).toMatchObject({ id: 360101, phone: '0909977921', point_available: 6100, total_spent: 1035000 });
    expect(first.created_at).toMatch(TIMESTAMP);
  });
});

describe('GET /loy/profiles/{id}.json', () => {
  it('answers {profile} with the list keys and no attributes', async () => {
    const answer = await api.get('/loy/profiles/360110.json');
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body)).toEqual(['profile']);
    expect(Object.keys(answer.body.profile)).toEqual(LIST_KEYS);
    expect(answer.body.profile).toMatchObject({ id: 360110, first_name: 'Trâm', last_name: 'Bùi Ngọc', profile_card_number: '100006037110' });
  });

  it('answers 404 {"errors":"Not Found"} for an unknown id', async () => {
    for (const path of ['/loy/profiles/999.json', '/loy/profiles/999/tags.json', '/loy/profiles/999/attributes.json']) {
      const answer = await api.get(path);
      expect([path, answer.status, answer.body]).toEqual([path, 404, { errors: 'Not Found' }]);
    }
  });
});

describe('tags and attributes', () => {
  it('GET …/tags.json answers {profile:{tags:"A,B"}}', async () => {
    const answer = await api.get('/loy/profiles/360101/tags.json');
    expect(answer.body).toEqual({ profile: { tags: 'MUA_HANG_KM,Online,Facebook' } });
    expect(store.tags(360101)).toBe('MUA_HANG_KM,Online,Facebook');
  });

  it('GET …/attributes.json answers {profile:{attributes:[{id,key,value}]}}', async () => {
    const answer = await api.get('/loy/profiles/360110/attributes.json');
    expect(answer.status).toBe(200);
    expect(answer.body.profile.attributes).toHaveLength(6);
    expect(answer.body.profile.attributes[0]).toEqual({ id: 1240, key: 'ref_id', value: 'KOV-88123' });
    expect((await api.get('/loy/profiles/360109/attributes.json')).body).toEqual({ profile: { attributes: [] } });
  });
});

describe('points PUTs', () => {
  it('answer the full profile unwrapped, attributes and profile_card_number included', async () => {
    const answer = await api.put('/loy/profiles/360104/points/add.json', points(10));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: 360104, point_available: 12010, profile_card_number: '100006037104' });
    expect(answer.body.attributes).toEqual([{ id: 1220, key: 'nguon', value: 'Website' }]);
    expect(Object.keys(answer.body)).toEqual([...LIST_KEYS.slice(0, -3), 'attributes', ...LIST_KEYS.slice(-3)]);
  });
});

describe('unknown routes', () => {
  it.each([
    ['GET', '/loy/profiles'],
    ['GET', '/loy/profiles/abc.json'],
    ['GET', '/loy/customers.json'],
    ['POST', '/loy/profiles.json'],
    ['GET', '/loy/profiles/360101/points/add.json'],
    ['PUT', '/loy/profiles/360101.json'],
    ['DELETE', '/loy/profiles/360101.json'],
  ])('%s %s → 404 Not Found', async (method, path) => {
    const response = await api.fetch(path, { method });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: 'Not Found' });
  });
});

describe('authentication', () => {
  it('refuses a missing, unknown or malformed token with 401', async () => {
    const noToken = await fetch(`${store.url}/loy/profiles.json`);
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual(INVALID_TOKEN);
    expect((await clientFor(store, 'not-a-token').get('/loy/profiles.json')).status).toBe(401);
    const basic = await fetch(`${store.url}/loy/profiles.json`, { headers: { Authorization: `Basic ${store.tokens.readWrite}` } });
    expect(basic.status).toBe(401);
  });

  it('lets a read-only token read but answers 403 on the PUTs, changing nothing', async () => {
    const readOnly = clientFor(store, store.tokens.readOnly);
    expect((await readOnly.get('/loy/profiles/360101.json')).status).toBe(200);
    for (const direction of ['add', 'subtract']) {
      const answer = await readOnly.put(`/loy/profiles/360101/points/${direction}.json`, points(5));
      expect(answer.status).toBe(403);
      expect(answer.body).toEqual({ errors: '[API] This action requires merchant approval for loy.write_profiles scope.' });
    }
    expect(store.profile(360101)?.point_available).toBe(6100);
  });

  it('answers 403 on GETs for a token without loy.read_profiles', async () => {
    const writeOnly = clientFor(store, store.issueToken(['loy.write_profiles']));
    const answer = await writeOnly.get('/loy/profiles.json');
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ errors: '[API] This action requires merchant approval for loy.read_profiles scope.' });
    expect((await writeOnly.put('/loy/profiles/360105/points/add.json', points(1))).status).toBe(200);
  });

  it('answers 401 to a revoked token from then on', async () => {
    const token = store.issueToken(['loy.read_profiles', 'loy.write_profiles']);
    const client = clientFor(store, token);
    expect((await client.get('/loy/profiles/360101.json')).status).toBe(200);
    store.revokeToken(token);
    const answer = await client.get('/loy/profiles/360101.json');
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual(INVALID_TOKEN);
  });

  it('refuses a bearer request that carries cookies with 400', async () => {
    const answer = await api.get('/loy/profiles.json', { Cookie: 'session=abc' });
    expect(answer.status).toBe(400);
    expect(typeof answer.body.errors).toBe('string');
  });
});

describe('admin routes', () => {
  it('require X-Sandbox-Admin', async () => {
    expect((await admin(store, 'GET', 'stats', undefined, 'wrong')).status).toBe(401);
    expect((await fetch(`${store.url}/__sandbox/stats`)).status).toBe(401);
  });

  it('serve stats, ledger and full profiles without touching the bucket', async () => {
    const before = store.stats().requests;
    const stats = await admin(store, 'GET', 'stats');
    expect(stats.status).toBe(200);
    expect(Object.keys(stats.body).sort()).toEqual(['byEndpoint', 'peakLevel', 'rejected429', 'requests']);
    expect(stats.headers.get('x-haravan-api-call-limit')).toBeNull();
    const profile = await admin(store, 'GET', 'profiles/360110');
    expect(profile.body).toMatchObject({ id: 360110, profile_card_number: '100006037110' });
    expect(profile.body.attributes).toHaveLength(6);
    expect((await admin(store, 'GET', 'profiles/1')).status).toBe(404);
    expect(store.stats().requests).toBe(before);
  });

  it('adjust directly (ledgered as direct) and patch profiles', async () => {
    const adjusted = await admin(store, 'POST', 'profiles/360112/adjust', { direction: 'subtract', value: 400, reason: 'Quầy 2' });
    expect(adjusted.status).toBe(200);
    expect(adjusted.body).toMatchObject({ point_available: 5000, point_used: 1000 });
    expect((await admin(store, 'GET', 'ledger')).body.ledger.at(-1)).toMatchObject({
      profileId: 360112, direction: 'subtract', value: 400, reason: 'Quầy 2', ref_id: '', source: 'direct',
      balanceBefore: 5400, balanceAfter: 5000,
    });
    const tooMuch = await admin(store, 'POST', 'profiles/360112/adjust', { direction: 'subtract', value: 999_999, reason: 'x' });
    expect([tooMuch.status, tooMuch.body]).toEqual([422, { errors: { point: ['is greater than point_available'] } }]);

    const before = store.profile(360112)!.updated_at;
    const patched = await admin(store, 'PATCH', 'profiles/360112', { phone: '0905678123', email: 'moi@example.com' });
    expect(patched.body).toMatchObject({ phone: '0905678123', email: 'moi@example.com' });
    expect(patched.body.updated_at > before).toBe(true);
    expect((await api.get('/loy/profiles.json?phone=0905678123')).body.profiles.map((p: any) => p.id)).toEqual([360112]);
    expect((await admin(store, 'PATCH', 'profiles/360112', { tags: 'x' })).status).toBe(400);
  });

  it('issue and revoke tokens, add and clear faults', async () => {
    const issued = await admin(store, 'POST', 'tokens', { scopes: ['loy.read_profiles'] });
    const client = clientFor(store, issued.body.token);
    expect((await client.get('/loy/profiles/360101.json')).status).toBe(200);
    expect((await admin(store, 'POST', 'revoke', { token: issued.body.token })).status).toBe(200);
    expect((await client.get('/loy/profiles/360101.json')).status).toBe(401);

    expect((await admin(store, 'POST', 'faults', { kind: 'server-error', status: 500, count: 5 })).status).toBe(200);
    expect((await api.get('/loy/profiles/360101.json')).status).toBe(500);
    expect((await admin(store, 'DELETE', 'faults')).status).toBe(200);
    expect((await api.get('/loy/profiles/360101.json')).status).toBe(200);
    expect((await admin(store, 'POST', 'faults', { kind: 'explode', count: 1 })).status).toBe(400);
  });
});
