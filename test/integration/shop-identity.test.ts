// Which shop a token belongs to, through the real handlers: two sandbox shops behind one address (as every
// Haravan shop is behind apis.haravan.com), sharing their first member; empty shops; a deleted first member;
// and what the till says about another store's changes left waiting.

import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as forward, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryTokenVault } from '../../electron/connection/token-vault.ts';
import { createDesk, type Desk } from '../../electron/desk.ts';
import { startSandbox, type SandboxStore } from '../../electron/sandbox/server.ts';
import { memorySettingsStore, type SettingsStore } from '../../electron/settings/settings.ts';
import { recordingPrinter } from '../harness/printer.ts';
import { deskCalls } from './desk-calls.ts';

/** One address in front of several stores, each request going to the store whose token it carries. */
async function oneAddress(stores: SandboxStore[]): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((incoming, outgoing) => {
    const token = (incoming.headers.authorization ?? '').replace(/^Bearer /, '');
    const store = stores.find((candidate) => candidate.tokens.readWrite === token || extraTokens.get(candidate)?.has(token)) ?? stores[0]!;
    const target = new URL(incoming.url ?? '/', store.url);
    const upstream = forward(target, { method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}

const extraTokens = new Map<SandboxStore, Set<string>>();
function newToken(store: SandboxStore): string {
  const token = store.issueToken(['loy.read_profiles', 'loy.write_profiles']);
  extraTokens.set(store, new Set([...(extraTokens.get(store) ?? []), token]));
  return token;
}

let shopA: SandboxStore;
let shopB: SandboxStore;
let address: Awaited<ReturnType<typeof oneAddress>>;
let dataDir: string;
let settings: SettingsStore;
let desk: Desk;

beforeEach(async () => {
  shopA = await startSandbox({ members: 40, seed: 1 });
  // Another shop whose first member is the same person record (id and creation time), the rest not.
  shopB = await startSandbox({ members: 40, seed: 2 });
  for (const profile of shopB.profiles().slice(1, 12)) shopB.removeProfile(profile.id);
  address = await oneAddress([shopA, shopB]);
  dataDir = await mkdtemp(join(tmpdir(), 'loyalty-desk-shops-'));
  settings = memorySettingsStore({ apiUrl: address.url });
  desk = createDesk({
    vault: memoryTokenVault(),
    settings,
    dataDir,
    printer: recordingPrinter(),
    previewUrl: (id) => `preview/${id}`,
    journalTiming: { settleMs: 200, retryMs: 50, maxRetryMs: 300 },
  });
});
afterEach(async () => {
  await desk.close();
  await address.close();
  await Promise.all([shopA.close(), shopB.close()]);
  await rm(dataDir, { recursive: true, force: true });
});

const { value, connectAsManager } = deskCalls(() => desk);
const FIRST = 360101;
const apiRows = (store: SandboxStore) => store.ledger().filter((row) => row.source === 'api');

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** An add of the first member recorded while the store does not answer as itself: queued, not sent. */
async function leaveOneWaiting(store: SandboxStore): Promise<string> {
  await value('getMember', { memberId: FIRST });
  store.addFault({ kind: 'wrong-address' });
  const outcome = await value('addPoints', { memberId: FIRST, points: 7, reason: 'Tích điểm đơn #A1', orderRef: 'A1', reasonKind: 'promotion' });
  expect(outcome.state).toBe('queued');
  return outcome.entryId;
}

describe('two shops behind one address', () => {
  it('sharing a first member do not share a journal: one shop’s change never reaches the other', async () => {
    expect(shopB.profiles()[0]!.id).toBe(FIRST);
    await connectAsManager(shopA.tokens.readWrite);
    await leaveOneWaiting(shopA);
    const shopAId = settings.read().shopId;

    await connectAsManager(shopB.tokens.readWrite);
    expect(settings.read().shopId).not.toBe(shopAId);
    const inB = await value('getStatus');
    expect(inB).toMatchObject({ pendingAdjustments: 0, otherStoresWaiting: [{ waiting: 1 }] });
    expect(inB.otherStoresWaiting[0]!.label).toBe(new URL(address.url).host);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(apiRows(shopB)).toEqual([]);
    expect(await value('listJournal', {})).toEqual([]);

    shopA.clearFaults();
    await connectAsManager(shopA.tokens.readWrite);
    expect(settings.read().shopId).toBe(shopAId);
    await until(async () => (await value('getStatus')).pendingAdjustments === 0);
    expect(apiRows(shopA).map((row) => [row.profileId, row.value, row.ref_id])).toEqual([[FIRST, 7, 'A1']]);
    expect(apiRows(shopB)).toEqual([]);
    expect((await value('getStatus')).otherStoresWaiting).toEqual([]);
  });

  it('a replacement token of the same shop resumes what the revoked one left waiting', async () => {
    await connectAsManager(shopA.tokens.readWrite);
    await leaveOneWaiting(shopA);
    const shopAId = settings.read().shopId;
    shopA.clearFaults();
    await connectAsManager(newToken(shopA));
    expect(settings.read().shopId).toBe(shopAId);
    await until(() => apiRows(shopA).length === 1);
  });

  it('a shop whose first member was deleted is still the same shop', async () => {
    await connectAsManager(shopA.tokens.readWrite);
    const entry = await value('addPoints', { memberId: 360102, points: 5, reason: 'Tích điểm', orderRef: 'A2', reasonKind: 'promotion' });
    expect(entry.state).toBe('applied');
    shopA.addFault({ kind: 'wrong-address' });
    expect((await value('addPoints', { memberId: 360102, points: 6, reason: 'Tích điểm', orderRef: 'A3', reasonKind: 'promotion' })).state).toBe('queued');
    const shopAId = settings.read().shopId;
    shopA.removeProfile(FIRST);
    shopA.clearFaults();
    await connectAsManager(newToken(shopA));
    expect(settings.read().shopId).toBe(shopAId);
    await until(() => apiRows(shopA).length === 2);
    expect((await value('getStatus')).otherStoresWaiting).toEqual([]);
  });
});

describe('empty shops', () => {
  it('two shops without members are told apart by their tokens', async () => {
    for (const store of [shopA, shopB]) for (const profile of store.profiles()) store.removeProfile(profile.id);
    await connectAsManager(shopA.tokens.readWrite);
    const emptyA = settings.read().shopId;
    await connectAsManager(shopB.tokens.readWrite);
    expect(settings.read().shopId).not.toBe(emptyA);
    await connectAsManager(shopA.tokens.readWrite);
    expect(settings.read().shopId).toBe(emptyA);
  });
});
