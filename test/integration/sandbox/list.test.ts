// GET /loy/profiles.json: filters, paging (since_id and page), the limit cap, fields, and the 400s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxStore } from '../../../electron/sandbox/server.ts';
import { clientFor } from './helpers.ts';

let store: SandboxStore;
let api: ReturnType<typeof clientFor>;
let allIds: number[];

beforeAll(async () => {
  store = await startSandbox({ members: 300, seed: 3, bucketSize: 10_000 });
  api = clientFor(store);
  allIds = store.profiles().map((profile) => profile.id);
});
afterAll(() => store.close());

const ids = async (query: string): Promise<number[]> => {
  const answer = await api.get(`/loy/profiles.json?${query}`);
  expect(answer.status, answer.text).toBe(200);
  return answer.body.profiles.map((profile: { id: number }) => profile.id);
};

describe('paging', () => {
  it('orders by id ascending, 50 per page by default, the featured members first', async () => {
    const firstPage = await ids('');
    expect(firstPage).toEqual(allIds.slice(0, 50));
    expect(firstPage.slice(0, 12)).toEqual(Array.from({ length: 12 }, (_, i) => 360101 + i));
    expect([...allIds].sort((a, b) => a - b)).toEqual(allIds);
  });

  it('cuts limit above 50 to 50 and refuses limit below 1', async () => {
    expect(await ids('limit=250')).toHaveLength(50);
    expect(await ids('limit=7')).toEqual(allIds.slice(0, 7));
    for (const limit of ['0', '-1', 'abc', '1.5']) {
      const answer = await api.get(`/loy/profiles.json?limit=${limit}`);
      expect(answer.status).toBe(400);
      expect(typeof answer.body.errors).toBe('string');
    }
  });

  it('walks every profile with since_id, once each', async () => {
    const seen: number[] = [];
    for (let sinceId = 0; ; ) {
      const page = await ids(`since_id=${sinceId}&limit=50`);
      if (page.length === 0) break;
      seen.push(...page);
      sinceId = page.at(-1)!;
    }
    expect(seen).toEqual(allIds);
  });

  it('since_id takes ids strictly greater, even when the id does not exist', async () => {
    expect(await ids(`since_id=${allIds[99]}&limit=3`)).toEqual(allIds.slice(100, 103));
    expect(await ids(`since_id=${allIds[99]! + 1}&limit=1`)).toEqual([allIds[100]]);
    expect(await ids(`since_id=${allIds.at(-1)}`)).toEqual([]);
  });

  it('pages with page (1-based), alone and after since_id', async () => {
    expect(await ids('page=2&limit=50')).toEqual(allIds.slice(50, 100));
    expect(await ids('page=7&limit=50')).toEqual([]);
    expect(await ids(`since_id=${allIds[9]}&page=3&limit=10`)).toEqual(allIds.slice(30, 40));
    expect((await api.get('/loy/profiles.json?page=0')).status).toBe(400);
  });
});

describe('filters', () => {
  it('matches phone exactly as stored, returning every profile that shares it', async () => {
    expect(await ids('phone=0903123456')).toEqual([360102, 360103]);
    expect(await ids('phone=0909977921')).toEqual([360101]);
    expect(await ids('phone=%2B84912345678')).toEqual([360104]);
    expect(await ids('phone=84987654321')).toEqual([360105]);
    expect(await ids('phone=01689977921')).toEqual([360106]);
    expect(await ids('phone=0389977921')).toEqual([]);
    expect(await ids('phone=0912345678')).toEqual([]);
    expect(await ids(`phone=${encodeURIComponent('0905 678 123')}`)).toEqual([360112]);
  });

  it('decodes an unencoded "+" as a space, like any form-encoded query', async () => {
    expect(await ids('phone=+84912345678')).toEqual([]);
  });

  it('combines phone with since_id', async () => {
    expect(await ids('phone=0903123456&since_id=360102')).toEqual([360103]);
  });

  it('filters updated_at_min and updated_at_max, both inclusive', async () => {
    const profiles = store.profiles();
    const stamps = profiles.map((p) => p.updated_at).sort();
    const middle = stamps[150]!;
    const expectedMin = profiles.filter((p) => p.updated_at >= middle).map((p) => p.id);
    const expectedMax = profiles.filter((p) => p.updated_at <= middle).map((p) => p.id);
    const collect = async (query: string) => {
      const found: number[] = [];
      for (let page = 1; ; page++) {
        const batch = await ids(`${query}&limit=50&page=${page}`);
        found.push(...batch);
        if (batch.length < 50) return found;
      }
    };
    expect(await collect(`updated_at_min=${middle}`)).toEqual(expectedMin);
    expect(await collect(`updated_at_max=${middle}`)).toEqual(expectedMax);
    const exact = await collect(`updated_at_min=${middle}&updated_at_max=${middle}`);
    expect(exact.length).toBeGreaterThanOrEqual(1);
    expect(exact).toEqual(profiles.filter((p) => p.updated_at === middle).map((p) => p.id));
  });

  it('accepts the doc format, plain dates and offsets for updated_at', async () => {
    const profile = store.updateProfile(allIds[200]!, { email: 'touched@example.com' });
    const stamp = new Date(Date.parse(profile.updated_at));
    const millisIso = new Date(stamp.getTime() - 1).toISOString(); // 2008-12-31T02:01:27.483Z
    expect(await ids(`updated_at_min=${millisIso}`)).toEqual([allIds[200]]);
    const inHanoi = new Date(stamp.getTime() - 1 + 7 * 3_600_000).toISOString().replace('Z', '+07:00');
    expect(await ids(`updated_at_min=${encodeURIComponent(inHanoi)}`)).toEqual([allIds[200]]);
    expect(await ids('updated_at_max=2019-12-31')).toEqual([]);
    expect(await ids('updated_at_max=2020-01-03&limit=5')).toContain(360106);
  });

  it('refuses malformed numbers and dates with 400', async () => {
    for (const query of ['since_id=abc', 'since_id=-5', 'updated_at_min=yesterday', 'updated_at_max=2021-02-30', 'page=x']) {
      const answer = await api.get(`/loy/profiles.json?${query}`);
      expect([query, answer.status]).toEqual([query, 400]);
    }
  });

  it.each(['phone', 'since_id', 'fields', 'updated_at_min', 'updated_at_max', 'limit', 'page'])(
    'refuses an empty %s with 400 "<name> can\'t be blank"',
    async (name) => {
      const answer = await api.get(`/loy/profiles.json?${name}=`);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ errors: `${name} can't be blank` });
    },
  );
});

describe('fields', () => {
  it('keeps only the named keys, ignoring unknown names', async () => {
    const answer = await api.get('/loy/profiles.json?limit=2&fields=phone,id,not_a_field,point_available');
    expect(answer.body.profiles).toEqual([
      { id: 360101, phone: '0909977921', point_available: 6100 },
      { id: 360102, phone: '0903123456', point_available: 4200 },
    ]);
  });

  it('never adds attributes to list objects', async () => {
    const answer = await api.get('/loy/profiles.json?limit=1&fields=id,attributes');
    expect(answer.body.profiles).toEqual([{ id: 360101 }]);
  });
});
