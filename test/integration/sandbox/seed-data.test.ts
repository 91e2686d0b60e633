// The generated store: deterministic, fast at 100 000 members, realistic, and the featured members intact.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../../electron/haravan/types.ts';
import { generateMembers } from '../../../electron/sandbox/seed-data.ts';
import { startSandbox, type SandboxStore } from '../../../electron/sandbox/server.ts';
import { canonicalMobile, levelFor } from '../../../electron/sandbox/vietnam.ts';
import { clientFor } from './helpers.ts';

const featuredFile = JSON.parse(
  readFileSync(new URL('../../../resources/sandbox/featured-members.json', import.meta.url), 'utf8'),
) as { members: { why: string; tags: string; profile: Profile }[] };

const MOBILE = /^0(3[2-9]|5[2689]|7[06-9]|8[1-9]|9\d)\d{7}$/;
const TIMESTAMP = /^20(2[0-6])-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000000Z$/;

describe('determinism', () => {
  it('gives identical stores for the same seed and different ones for another seed', async () => {
    const [a, b, c] = await Promise.all([
      startSandbox({ members: 400, seed: 42 }),
      startSandbox({ members: 400, seed: 42 }),
      startSandbox({ members: 400, seed: 43 }),
    ]);
    try {
      expect(a.profiles()).toEqual(b.profiles());
      expect(a.profiles().map((p) => a.tags(p.id))).toEqual(b.profiles().map((p) => b.tags(p.id)));
      expect(a.profiles().slice(12)).not.toEqual(c.profiles().slice(12));
      expect(a.profiles().slice(0, 12)).toEqual(c.profiles().slice(0, 12)); // featured members do not depend on the seed
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});

describe('generated members', () => {
  const members = generateMembers(3000, 1);
  const profiles = members.map((member) => member.profile);
  const generated = profiles.slice(12);

  it('starts with the featured members, exactly as in the resource file', () => {
    expect(members.slice(0, 12)).toEqual(featuredFile.members.map(({ profile, tags }) => ({ profile, tags })));
    expect(generateMembers(5, 1).map((member) => member.profile.id)).toEqual([360101, 360102, 360103, 360104, 360105]);
  });

  it('has increasing ids with gaps, and unique 12-digit card numbers', () => {
    for (let i = 1; i < profiles.length; i++) expect(profiles[i]!.id).toBeGreaterThan(profiles[i - 1]!.id);
    expect(generated[0]!.id).toBeGreaterThan(360112);
    expect(generated.at(-1)!.id - generated[0]!.id).toBeGreaterThan(generated.length * 2);
    const cards = profiles.map((p) => p.profile_card_number!);
    expect(cards.every((card) => /^\d{12}$/.test(card))).toBe(true);
    expect(new Set(cards).size).toBe(cards.length);
  });

  it('stores phones the way shops type them, all valid mobiles, some shared by 2–3 profiles', () => {
    const phones = generated.map((p) => p.phone);
    const share = (test: (phone: string) => boolean) => phones.filter(test).length / phones.length;
    expect(share((p) => /^0\d{9}$/.test(p))).toBeGreaterThan(0.6);
    expect(share((p) => p.startsWith('+84'))).toBeGreaterThan(0.02);
    expect(share((p) => /^84\d{9}$/.test(p))).toBeGreaterThan(0.01);
    expect(share((p) => p.includes(' '))).toBeGreaterThan(0.01);
    expect(share((p) => p.includes('.'))).toBeGreaterThan(0.01);
    expect(share((p) => /^01\d{9}$/.test(p))).toBeGreaterThan(0.003);
    expect(share((p) => p === '')).toBeGreaterThan(0.01);
    for (const phone of phones.filter(Boolean)) expect(canonicalMobile(phone)).toMatch(MOBILE);

    const counts = new Map<string, number>();
    for (const phone of phones.filter(Boolean)) counts.set(phone, (counts.get(phone) ?? 0) + 1);
    const shared = [...counts.values()].filter((count) => count > 1);
    expect(shared.length).toBeGreaterThan(20);
    expect(Math.max(...shared)).toBeLessThanOrEqual(3);
  });

  it('never reuses a featured phone (in any spelling), id or card number', () => {
    const featuredPhones = new Set(featuredFile.members.map((m) => canonicalMobile(m.profile.phone)));
    const featuredCards = new Set(featuredFile.members.map((m) => m.profile.profile_card_number));
    for (const profile of generated) {
      expect(featuredPhones.has(canonicalMobile(profile.phone)) && profile.phone !== '').toBe(false);
      expect(featuredCards.has(profile.profile_card_number)).toBe(false);
    }
  });

  it('has Vietnamese names (given name first_name, family + middle last_name) and plausible e-mails', () => {
    const withName = generated.filter((p) => p.first_name !== '');
    expect(withName.length / generated.length).toBeGreaterThan(0.95);
    expect(withName.every((p) => p.last_name.split(' ').length >= 2)).toBe(true);
    expect(withName.filter((p) => p.last_name.startsWith('Nguyễn ')).length / withName.length).toBeGreaterThan(0.25);
    expect(generated.some((p) => /[ăâđêôơư]/i.test(p.first_name))).toBe(true);
    const emails = generated.map((p) => p.email).filter(Boolean);
    expect(emails.length / generated.length).toBeGreaterThan(0.5);
    expect(emails.every((email) => /^[a-z0-9.]+@[a-z.]+$/.test(email))).toBe(true);
  });

  it('has consistent money, points, levels and timestamps', () => {
    for (const p of generated) {
      expect(p.total_spent % 1000).toBe(0);
      expect(p.point_ranking).toBe(Math.floor(p.total_spent / 100));
      expect(p.point_available).toBeGreaterThanOrEqual(0);
      expect(p.point_available + p.point_used).toBeLessThanOrEqual(p.point_ranking);
      expect([p.level_id, p.level_name]).toEqual([levelFor(p.point_ranking).id, levelFor(p.point_ranking).name]);
      expect(p.created_at).toMatch(TIMESTAMP);
      expect(p.updated_at >= p.created_at).toBe(true);
      expect(p.total_order === 0 ? p.last_order_at === null : p.last_order_at! >= p.created_at).toBe(true);
      expect(['HC', 'HI', 'DA', '']).toContain(p.province_code);
      expect(p.attributes!.length).toBeLessThanOrEqual(3);
    }
    const disabled = generated.filter((p) => p.status === 'disabled').length / generated.length;
    expect(disabled).toBeGreaterThan(0.01);
    expect(disabled).toBeLessThan(0.06);
    expect(new Set(generated.map((p) => p.level_name))).toEqual(new Set(['Thành viên', 'Bạc', 'Vàng', 'Kim cương']));
    expect(generated.some((p) => p.last_order_at === null)).toBe(true);
    const years = new Set(generated.map((p) => p.created_at.slice(0, 4)));
    expect([...years].sort()).toEqual(['2020', '2021', '2022', '2023', '2024', '2025', '2026']);
  });
});

describe('100 000 members', () => {
  let store: SandboxStore;
  beforeAll(async () => {
    store = await startSandbox({ members: 100_000, bucketSize: 100_000 });
  });
  afterAll(() => store.close());

  it('are generated with unique ids', () => {
    const members = generateMembers(100_000, 5);
    expect(members).toHaveLength(100_000);
    expect(new Set(members.map((member) => member.profile.id)).size).toBe(100_000);
  });

  it('pages with since_id and looks up phones', async () => {
    const api = clientFor(store);
    const last = await api.get('/loy/profiles.json?since_id=0&limit=1&page=2000');
    expect(last.body.profiles).toHaveLength(1);
    let sinceId = last.body.profiles[0].id;
    let count = 0;
    for (let i = 0; i < 100; i++) {
      const page = await api.get(`/loy/profiles.json?since_id=${sinceId}&limit=50&fields=id`);
      count += page.body.profiles.length;
      sinceId = page.body.profiles.at(-1).id;
    }
    const phone = await api.get('/loy/profiles.json?phone=0903123456&fields=id');
    expect(phone.body.profiles).toEqual([{ id: 360102 }, { id: 360103 }]);
    expect(count).toBe(5000);
  });
});
