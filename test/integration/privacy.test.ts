// Personal data on the till: what is deleted is overwritten (secure_delete), a disconnected store's members
// leave the file (compacted) even when no session had it open, settled journal entries go after the
// retention period, and exports go where the manager chose.

import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryTokenVault, type TokenVault } from '../../electron/connection/token-vault.ts';
import { createDesk, type Desk } from '../../electron/desk.ts';
import { openJournal } from '../../electron/journal/journal.ts';
import { startSandbox, type SandboxStore } from '../../electron/sandbox/server.ts';
import { memorySettingsStore, type SettingsStore } from '../../electron/settings/settings.ts';
import { shopFile } from '../../electron/shop/session.ts';
import { recordingPrinter } from '../harness/printer.ts';
import { deskCalls, MANAGER_PIN } from './desk-calls.ts';
import { adjustment, temporaryFolder } from './journal/helpers.ts';

let sandbox: SandboxStore;
let dataDir: string;
let vault: TokenVault;
let settingsFile: SettingsStore;
let desk: Desk;

beforeAll(async () => {
  sandbox = await startSandbox({ members: 60 });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'loyalty-desk-privacy-'));
  vault = memoryTokenVault();
  settingsFile = memorySettingsStore({ apiUrl: sandbox.url });
  desk = start();
});
afterEach(async () => {
  await desk.close();
  await rm(dataDir, { recursive: true, force: true });
});

function start(): Desk {
  return createDesk({ vault, settings: settingsFile, dataDir, printer: recordingPrinter(), previewUrl: (id) => `preview/${id}` });
}
const { value, refused, connectAsManager } = deskCalls(() => desk);

async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the shop file', () => {
  it('overwrites what is deleted', () => {
    const folder = temporaryFolder();
    const journal = openJournal(folder.path('j.sqlite'), { till: 'Quầy 1' });
    try {
      expect(journal.database.prepare('PRAGMA secure_delete').get()).toEqual({ secure_delete: 1 });
    } finally {
      journal.close();
      folder.remove();
    }
  });

  it('loses the store’s members when it is disconnected, even with no session open, and keeps the journal', async () => {
    await connectAsManager(sandbox.tokens.readWrite);
    await until(async () => (await value('getDirectoryStatus')).complete);
    await value('addPoints', { memberId: 360101, points: 5, reason: 'Mua hàng', orderRef: 'P-1', reasonKind: 'promotion' });
    const shop = `store:${settingsFile.read().shopId}`;
    await desk.close();
    // The app restarts, and the first thing the manager does is disconnect: no session was opened.
    desk = start();
    await value('unlockSettings', { pin: MANAGER_PIN });
    await value('disconnectStore');
    const bytes = readFileSync(shopFile(dataDir, shop));
    // Only in the directory: the big spender, and a member generated from the seed.
    expect(bytes.includes(Buffer.from('Huỳnh Đức Thịnh'))).toBe(false);
    expect(bytes.includes(Buffer.from(sandbox.profiles().at(-1)!.last_name + ' '))).toBe(false);
    const db = new DatabaseSync(shopFile(dataDir, shop), { readOnly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM directory_members').get()).toEqual({ n: 0 });
      expect(db.prepare('PRAGMA freelist_count').get()).toEqual({ freelist_count: 0 });
      expect(db.prepare('SELECT ref_id FROM entries').all()).toEqual([{ ref_id: 'P-1' }]);
    } finally {
      db.close();
    }
  });
});

describe('settled journal entries', () => {
  it('are purged with their history after the retention period; nothing with work left ever is', () => {
    const folder = temporaryFolder();
    const past = openJournal(folder.path('j.sqlite'), { till: 'Quầy 1', wallClock: () => Date.now() - 100 * 86_400_000 });
    const member = sandbox.profiles()[0]!;
    const applied = past.record(adjustment(member, 'add', 1));
    const sent = past.beginSend(applied.id, { point_available: member.point_available }, 0);
    if (!sent.started) throw new Error('not started');
    past.settle(sent.entry, 'applied', { detail: 'applied', serverBalance: member.point_available + 1 });
    const discarded = past.record(adjustment(member, 'add', 2));
    past.discard(discarded.id, { by: 'Quản lý Hoa', reason: 'Nhầm' });
    const waiting = past.record(adjustment(member, 'add', 3));
    past.close();
    const journal = openJournal(folder.path('j.sqlite'), { till: 'Quầy 1' });
    try {
      const recent = journal.record(adjustment(member, 'add', 4));
      expect(journal.purgeSettledBefore(new Date(Date.now() - 90 * 86_400_000).toISOString())).toBe(2);
      expect(journal.list().map((entry) => entry.id)).toEqual([waiting.id, recent.id]);
      expect(journal.history(applied.id)).toEqual([]);
      expect(journal.history(waiting.id)).toHaveLength(1);
    } finally {
      journal.close();
      folder.remove();
    }
  });
});

describe('exports', () => {
  it('go to the folder the manager chose, behind the PIN', async () => {
    await connectAsManager(sandbox.tokens.readWrite);
    const chosen = await mkdtemp(join(tmpdir(), 'loyalty-desk-exports-'));
    try {
      expect(await refused('updateSettings', { exportFolder: 'exports' })).toMatchObject({ code: 'invalid_input', detail: 'exportFolder' });
      await value('updateSettings', { exportFolder: chosen });
      const { file } = await value('exportJournal');
      expect(file.startsWith(chosen)).toBe(true);
      expect(await readdir(chosen)).toHaveLength(1);
      await value('lockSettings');
      expect(await refused('updateSettings', { exportFolder: tmpdir() })).toMatchObject({ code: 'pin_required' });
    } finally {
      await rm(chosen, { recursive: true, force: true });
    }
  });
});
