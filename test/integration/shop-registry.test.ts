// The shop registry on its own, with its real index file: which samples of first members are one shop.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleOf, shopRegistry, type ShopRegistry } from '../../electron/shop/identity.ts';
import { temporaryFolder } from './journal/helpers.ts';

const ORIGIN = 'https://apis.haravan.com';
/** A shop's members by id, each with its own creation time. */
const members = Array.from({ length: 30 }, (_, index) => `${360101 + index}@2024-01-${String(index + 1).padStart(2, '0')}T08:00:00.000000Z`);
const candidate = (sample: string[], token = 'token-of-the-day-1234') => ({ origin: ORIGIN, sample, token, label: 'Cửa hàng Lê Lợi' });

let folder: ReturnType<typeof temporaryFolder>;
let registry: ShopRegistry;
beforeEach(() => {
  folder = temporaryFolder();
  registry = shopRegistry(folder.path(''));
});
afterEach(() => folder.remove());

describe('the same shop', () => {
  it.each([1, 5, 8])('after %i of its first ten members were deleted, with a new token', (deleted) => {
    const first = registry.identify(candidate(members.slice(0, 10)));
    const later = registry.identify(candidate(members.slice(deleted, deleted + 10), 'replacement-token-5678'));
    expect(later.id).toBe(first.id);
    expect(later.sample).toEqual(members.slice(deleted, deleted + 10));
  });

  it('after members in the middle of the sample were deleted', () => {
    const first = registry.identify(candidate(members.slice(0, 10)));
    const remaining = members.filter((_, index) => index % 3 !== 1).slice(0, 10);
    expect(registry.identify(candidate(remaining)).id).toBe(first.id);
  });

  it('whatever order the list answered in', () => {
    const first = registry.identify(candidate(sampleOf(members.slice(0, 10).reverse().map(asProfile))));
    expect(first.sample).toEqual(members.slice(0, 10));
    expect(registry.identify(candidate(sampleOf(members.slice(0, 12).map(asProfile)))).id).toBe(first.id);
  });
});

describe('another shop', () => {
  it('when all but one of the known first members are gone: too little to tell, so a new file', () => {
    const first = registry.identify(candidate(members.slice(0, 10)));
    expect(registry.identify(candidate(members.slice(9, 19))).id).not.toBe(first.id);
  });

  it('sharing the first member only, the rest of its first members being others', () => {
    const first = registry.identify(candidate(members.slice(0, 10)));
    const other = [members[0]!, ...members.slice(10, 19).map((member) => member.replace('T08', 'T09'))];
    expect(registry.identify(candidate(other)).id).not.toBe(first.id);
  });

  it('with the same ids created at other times', () => {
    const first = registry.identify(candidate(members.slice(0, 10)));
    expect(registry.identify(candidate(members.slice(0, 10).map((member) => member.replace('T08', 'T10')))).id).not.toBe(first.id);
  });

  it('with members the known sample would have held', () => {
    const first = registry.identify(candidate(members.slice(0, 10)));
    const mixed = [...members.slice(0, 5), '360103@2024-01-03T08:00:01.000000Z', ...members.slice(5, 9)].sort();
    expect(registry.identify(candidate(mixed)).id).not.toBe(first.id);
  });

  it('at another address with the same members', () => {
    const first = registry.identify(candidate(members.slice(0, 10)));
    expect(registry.identify({ ...candidate(members.slice(0, 10)), origin: 'https://haravan.example' }).id).not.toBe(first.id);
  });
});

function asProfile(member: string) {
  const [id, createdAt] = member.split('@');
  return { id: Number(id), created_at: createdAt };
}
