// What the till asks of the shop's one bucket, counted at the sandbox through the real handlers: a card
// costs one request once its tags and attributes are known (none when read moments ago), an offline card is
// complete, and an online phone lookup asks for the form the shop stores its phones in first.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryTokenVault } from '../../electron/connection/token-vault.ts';
import { createDesk, type Desk } from '../../electron/desk.ts';
import { EXTRAS_MAX_AGE_MS } from '../../electron/directory/extras.ts';
import { RECENT_READ_MS } from '../../electron/members/members.ts';
import { startSandbox, type SandboxStore } from '../../electron/sandbox/server.ts';
import { memorySettingsStore } from '../../electron/settings/settings.ts';
import { recordingPrinter } from '../harness/printer.ts';
import { deskCalls } from './desk-calls.ts';

let sandbox: SandboxStore;
let desk: Desk;
let dataDir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ members: 120, drainPerSecond: 200, bucketSize: 400 });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'loyalty-desk-budget-'));
  desk = tillOn(dataDir);
  await connectAsManager(sandbox.tokens.readWrite);
  await vi.waitFor(async () => expect((await value('getDirectoryStatus')).lastIncrementalSync).not.toBeNull(), { timeout: 10_000 });
});
afterEach(async () => {
  vi.useRealTimers();
  await desk.close();
  sandbox.clearFaults();
  await rm(dataDir, { recursive: true, force: true });
});

const { value, connectAsManager } = deskCalls(() => desk);

/** A till's desk on this data folder, against the sandbox. */
function tillOn(folder: string): Desk {
  return createDesk({
    vault: memoryTokenVault(),
    settings: memorySettingsStore({ apiUrl: sandbox.url }),
    dataDir: folder,
    printer: recordingPrinter(),
    previewUrl: (id) => `preview/${id}`,
  });
}

/** The requests `work` made, by endpoint. */
async function requestsOf(work: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = sandbox.stats().byEndpoint;
  await work();
  const after = sandbox.stats().byEndpoint;
  return Object.fromEntries(
    Object.entries(after)
      .map(([endpoint, count]) => [endpoint, count! - (before[endpoint as keyof typeof before] ?? 0)] as const)
      .filter(([, count]) => count > 0),
  );
}

/** Moves the till's wall clock on (the sandbox shares it): what was read becomes that much older. */
function later(ms: number): void {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + ms });
}

const cards = () => sandbox.profiles().slice(0, 20);
const openAll = () => Promise.all(cards().map((member) => value('getMember', { memberId: member.id })));

describe('opening a card', () => {
  it('costs one request once the till holds its tags and attributes, none when read moments ago', async () => {
    later(RECENT_READ_MS + 1_000);
    // The first time on this till: the profile, its tags and its attributes.
    expect(await requestsOf(openAll)).toEqual({ profile: 20, tags: 20, attributes: 20 });
    // Read moments ago: nothing to ask.
    expect(await requestsOf(openAll)).toEqual({});
    later(2 * RECENT_READ_MS + 2_000);
    expect(await requestsOf(openAll)).toEqual({ profile: 20 });
    // A week on, tags and attributes are read again.
    later(EXTRAS_MAX_AGE_MS + 3 * RECENT_READ_MS);
    expect(await requestsOf(openAll)).toEqual({ profile: 20, tags: 20, attributes: 20 });
  });

  it('shows what it held when the store cannot be reached: figures, tags and attributes, and when they were read', async () => {
    const member = sandbox.profiles().find((profile) => (profile.attributes?.length ?? 0) > 0 && sandbox.tags(profile.id) !== '')!;
    const online = await value('getMember', { memberId: member.id });
    expect(online.tags.length).toBeGreaterThan(0);
    await sandbox.stop();
    try {
      later(RECENT_READ_MS + 1_000);
      const offline = await value('getMember', { memberId: member.id });
      expect(offline).toMatchObject({ live: false, tags: online.tags, attributes: online.attributes, extrasReadAt: online.extrasReadAt });
      expect(offline.attributes).toEqual(member.attributes);
    } finally {
      await sandbox.start();
    }
  });

  it('offline, a member never opened on this till says its tags are not known rather than "none"', async () => {
    const member = sandbox.profiles()[30]!;
    await sandbox.stop();
    try {
      later(RECENT_READ_MS + 1_000);
      expect(await value('getMember', { memberId: member.id })).toMatchObject({ live: false, tags: [], attributes: [], extrasReadAt: null });
    } finally {
      await sandbox.start();
    }
  });

  it('keeps the attributes a points change answers with: the next card needs no attributes request', async () => {
    const member = sandbox.profiles().find((profile) => profile.status === 'enabled' && (profile.attributes?.length ?? 0) > 0)!;
    await value('addPoints', { memberId: member.id, points: 5, reason: 'Tích điểm', orderRef: 'BUDGET-1', reasonKind: 'promotion' });
    later(RECENT_READ_MS + 1_000);
    const asked = await requestsOf(() => value('getMember', { memberId: member.id }));
    expect(asked).toEqual({ profile: 1, tags: 1 });
  });

  it('reads again a member whose queued changes were just sent, moments after its last read', async () => {
    const member = sandbox.profiles().find((profile) => profile.status === 'enabled')!;
    expect(await value('getMember', { memberId: member.id })).toMatchObject({ live: true, point_available: member.point_available });
    await sandbox.stop();
    try {
      expect(await value('addPoints', { memberId: member.id, points: 30, reason: 'Khuyến mãi', orderRef: 'QUEUED-1', reasonKind: 'promotion' })).toMatchObject({ state: 'queued' });
    } finally {
      await sandbox.start();
    }
    await value('retryJournal');
    await vi.waitFor(async () => expect((await value('getStatus')).pendingAdjustments).toBe(0), { timeout: 10_000 });
    expect(await value('getMember', { memberId: member.id })).toMatchObject({ live: true, point_available: member.point_available + 30 });
  });
});

describe('an online phone lookup', () => {
  it('asks for the shop’s usual form first, and for the others only when it finds nothing', async () => {
    const newcomer = sandbox.profiles().at(-1)!;
    sandbox.updateProfile(newcomer.id, { phone: '0866123987' });
    expect(await requestsOf(() => value('lookup', { query: '0866 123 987' }))).toEqual({ list: 1 });
    // Nobody: the national form, then +84… and 84… together.
    expect(await requestsOf(() => value('lookup', { query: '0977 000 111' }))).toEqual({ list: 3 });
  });

  it('in a shop that stores +84…, asks for +84… first', async () => {
    const stored = sandbox.profiles().filter((member) => /^0\d{9}$/.test(member.phone));
    for (const member of stored) sandbox.updateProfile(member.id, { phone: `+84${member.phone.slice(1)}` });
    await value('syncDirectory');
    const last = stored.at(-1)!;
    await vi.waitFor(async () => expect((await value('lookup', { query: last.phone })).members.map((m) => m.phone)).toEqual([`+84${last.phone.slice(1)}`]));
    // A fresh till on the same data folder learns the habit from its directory.
    const synced = (await value('getDirectoryStatus')).lastIncrementalSync;
    await desk.close();
    desk = tillOn(dataDir);
    await connectAsManager(sandbox.tokens.readWrite);
    // Its first incremental sync done, nothing else asks the store meanwhile.
    await vi.waitFor(async () => expect((await value('getDirectoryStatus')).lastIncrementalSync).not.toBe(synced), { timeout: 10_000 });
    const newcomer = sandbox.profiles().at(-2)!;

    sandbox.updateProfile(newcomer.id, { phone: '+84866555444' });
    expect(await requestsOf(() => value('lookup', { query: '0866 555 444' }))).toEqual({ list: 1 });
  });
});

// Last: it revokes the token the other tests use.
describe('a card the store will not read', () => {
  it('after one stray 401, a card read with the same token lifts the pause it caused', async () => {
    const member = sandbox.profiles().find((profile) => profile.status === 'enabled')!;
    sandbox.addFault({ kind: 'unauthorized', count: 1, on: 'read' });
    later(RECENT_READ_MS + 1_000);
    expect(await value('getMember', { memberId: member.id })).toMatchObject({ live: false });
    expect((await value('getStatus')).journalPausedBy).toBe('token_refused');
    later(2 * RECENT_READ_MS + 2_000);
    expect(await value('getMember', { memberId: member.id })).toMatchObject({ live: true });
    expect((await value('getStatus')).journalPausedBy).toBeNull();
  });

  it('with the token refused, is the directory’s, marked not live, and the till says the token was refused', async () => {
    const member = sandbox.profiles().find((profile) => profile.status === 'enabled')!;
    await value('getMember', { memberId: member.id });
    sandbox.revokeToken(sandbox.tokens.readWrite);
    later(RECENT_READ_MS + 1_000);
    expect(await value('getMember', { memberId: member.id })).toMatchObject({ live: false, point_available: member.point_available });
    expect((await value('getStatus')).journalPausedBy).toBe('token_refused');
  });
});
