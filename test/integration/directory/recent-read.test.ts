// "Read moments ago" (which spares a card its profile request) must never trust a read that began before
// the member changed behind the directory's back: such an answer may hold the balance from before.
import { afterEach, expect, it } from 'vitest';
import { createDirectory } from '../../../electron/directory/directory.ts';
import { temporaryDatabase } from './helpers.ts';

const databases: ReturnType<typeof temporaryDatabase>[] = [];
afterEach(() => databases.splice(0).forEach((database) => database.close()));

function directory() {
  const database = temporaryDatabase();
  databases.push(database);
  return createDirectory(database.db);
}

const profile = { id: 7, first_name: 'An', point_available: 500, updated_at: '2026-01-01T00:00:00Z' };

it('a read answered after a change, but asked before it, does not count as read moments ago', () => {
  const members = directory();
  const askedAt = Date.now() - 50;
  // The journal sent a change while the read was on its way.
  members.forgetRead('shop', 7);
  members.refresh('shop', profile, askedAt);
  expect(members.lastReadAt('shop', 7)).toBeUndefined();
  // A read asked after the change counts, from when it was asked.
  const later = Date.now() + 1;
  members.refresh('shop', profile, later);
  expect(members.lastReadAt('shop', 7)).toBe(later);
});

it('a read with no change behind it counts from when it was asked', () => {
  const members = directory();
  const askedAt = Date.now() - 50;
  members.refresh('shop', profile, askedAt);
  expect(members.lastReadAt('shop', 7)).toBe(askedAt);
});
