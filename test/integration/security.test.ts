// What an attacker at the till (or a script in the renderer) could try, through the real handlers: send the
// token to a server of theirs by changing a setting, use the till without a PIN, guess the PIN across
// restarts, edit the settings file, or push one huge adjustment.

import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryTokenVault, type TokenVault } from '../../electron/connection/token-vault.ts';
import { createDesk, type Desk } from '../../electron/desk.ts';
import { startSandbox, type SandboxStore } from '../../electron/sandbox/server.ts';
import { memorySettingsStore, type SettingsStore } from '../../electron/settings/settings.ts';
import { recordingPrinter } from '../harness/printer.ts';
import { deskCalls, MANAGER_PIN } from './desk-calls.ts';

let sandbox: SandboxStore;
let dataDir: string;
let vault: TokenVault;
let settingsFile: SettingsStore;
let desk: Desk;

/** A server of the attacker's, counting every request and every token it is sent. */
let rogue: Server;
let rogueUrl: string;
const rogueSaw: { authorization?: string }[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ members: 40 });
  rogue = createServer((request, response) => {
    rogueSaw.push({ authorization: request.headers.authorization });
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ profiles: [{ id: 360101, created_at: '2020-04-15T09:28:57.000000Z' }] }));
  });
  await new Promise<void>((done) => rogue.listen(0, '127.0.0.1', done));
  rogueUrl = `http://127.0.0.1:${(rogue.address() as { port: number }).port}`;
});
afterAll(async () => {
  rogue.closeAllConnections();
  await new Promise((done) => rogue.close(done));
  await sandbox.close();
});

/** The app started on this computer's vault and settings file (the same ones across a restart). */
function start(): Desk {
  desk = createDesk({ vault, settings: settingsFile, dataDir, printer: recordingPrinter(), previewUrl: (id) => `preview/${id}` });
  return desk;
}

async function restart(): Promise<void> {
  await desk.close();
  start();
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'loyalty-desk-security-'));
  vault = memoryTokenVault();
  settingsFile = memorySettingsStore({ apiUrl: sandbox.url });
  rogueSaw.length = 0;
  start();
});
afterEach(async () => {
  await desk.close();
  sandbox.clearFaults();
  await rm(dataDir, { recursive: true, force: true });
});

const { value, refused, connectAsManager } = deskCalls(() => desk);
const tokenSent = () => rogueSaw.filter((request) => request.authorization?.includes(sandbox.tokens.readWrite)).length;

describe('the token goes nowhere but the store it was checked against', () => {
  it('changing the API address forgets the token instead of sending it there', async () => {
    await connectAsManager(sandbox.tokens.readWrite);
    expect(vault.read()).toEqual({ token: sandbox.tokens.readWrite, address: sandbox.url });
    await value('lockSettings');
    // A script in the renderer tries first without the PIN, then during a manager's unlock.
    expect(await refused('updateSettings', { apiUrl: rogueUrl })).toMatchObject({ code: 'pin_required' });
    await value('unlockSettings', { pin: MANAGER_PIN });
    await value('updateSettings', { apiUrl: rogueUrl });
    expect(vault.read()).toBeUndefined();
    expect(await value('getStatus')).toMatchObject({ mode: 'none' });
    for (const [channel, input] of [
      ['lookup', { query: '0909977921' }],
      ['getMember', { memberId: 360101 }],
      ['addPoints', { memberId: 360101, points: 5, reason: 'x', orderRef: '', reasonKind: 'promotion' }],
      ['syncDirectory', undefined],
    ] as const) {
      expect(await refused(channel, input)).toMatchObject({ code: 'not_connected' });
    }
    expect(rogueSaw).toEqual([]);
  });

  it('a restart reads the address from where the token was checked, not from the settings file', async () => {
    await connectAsManager(sandbox.tokens.readWrite);
    // The settings file is edited to point elsewhere: the seal breaks, and the token still only goes home.
    settingsFile.write({ ...settingsFile.read(), apiUrl: rogueUrl });
    await restart();
    expect(await value('getStatus')).toMatchObject({ settingsTampered: true });
    await value('lookup', { query: '0909977921' });
    await value('getMember', { memberId: 360101 });
    expect(tokenSent()).toBe(0);
  });

  it('refuses plain http to anything but this computer, and absurd addresses', async () => {
    expect(await refused('updateSettings', { apiUrl: 'http://evil.example' })).toMatchObject({ code: 'invalid_input', detail: 'apiUrl' });
    expect(await refused('updateSettings', { apiUrl: `https://evil.example/${'a'.repeat(100_000)}` })).toMatchObject({ detail: 'apiUrl' });
  });
});

describe('the manager PIN', () => {
  it('is set when a store is connected, checked before any request is sent', async () => {
    const requests = sandbox.stats().requests;
    expect(await refused('connectStore', { token: sandbox.tokens.readWrite })).toMatchObject({ code: 'invalid_input', detail: 'pin_needed' });
    expect(await refused('connectStore', { token: sandbox.tokens.readWrite, pin: '1234' })).toMatchObject({ code: 'invalid_input', detail: 'pin_needed' });
    expect(sandbox.stats().requests).toBe(requests);
    expect(await value('connectStore', { token: sandbox.tokens.readWrite, pin: MANAGER_PIN })).toMatchObject({ mode: 'store', pinSet: true });
  });

  it('Training mode needs none', async () => {
    expect(await value('setTrainingMode', { enabled: true })).toMatchObject({ mode: 'training', pinSet: false });
  });

  it('guards settings, disconnecting, the journal’s decisions and full phone exports; cannot be removed while a store is connected', async () => {
    await connectAsManager(sandbox.tokens.readWrite);
    await value('lockSettings');
    expect(await value('getStatus')).toMatchObject({ pinSet: true, unlocked: false });
    expect(await refused('updateSettings', { storeName: 'Khác' })).toMatchObject({ code: 'pin_required' });
    expect(await refused('disconnectStore')).toMatchObject({ code: 'pin_required' });
    expect(await refused('setTrainingMode', { enabled: true })).toMatchObject({ code: 'pin_required' });
    expect(await refused('exportJournal', { fullPhones: true })).toMatchObject({ code: 'pin_required' });
    expect(await value('exportJournal')).toHaveProperty('file');
    // The language is the cashier's.
    expect(await value('setLanguage', { language: 'en' })).toMatchObject({ language: 'en' });
    await value('unlockSettings', { pin: MANAGER_PIN });
    expect(await refused('setManagerPin', { pin: null })).toMatchObject({ code: 'invalid_input', detail: 'pin_needed_for_store' });
    await value('setManagerPin', { pin: '13579135' });
    await value('lockSettings');
    await value('unlockSettings', { pin: '13579135' });
  });

  it('counts wrong PINs across a restart and says how long to wait', async () => {
    await connectAsManager(sandbox.tokens.readWrite);
    await value('lockSettings');
    await refused('unlockSettings', { pin: '000000' });
    await refused('unlockSettings', { pin: '000000' });
    await restart();
    expect(await refused('unlockSettings', { pin: '000000' })).toMatchObject({ code: 'wrong_pin', detail: 'wait', waitSeconds: 30 });
    await restart();
    expect(await refused('unlockSettings', { pin: MANAGER_PIN })).toMatchObject({ code: 'wrong_pin', detail: 'wait' });
  });

  it('an unlock ends with the shift', async () => {
    await connectAsManager(sandbox.tokens.readWrite);
    await value('openShift', { operator: 'Lan' });
    expect((await value('getStatus')).unlocked).toBe(true);
    await value('closeShift');
    expect((await value('getStatus')).unlocked).toBe(false);
  });

  it('one adjustment above the limit needs the PIN, whatever the screen sent; nothing is recorded without it', async () => {
    await connectAsManager(sandbox.tokens.readWrite);
    const rich = sandbox.profiles().find((p) => p.point_available > 20_000 && p.status === 'enabled')!;
    await value('getMember', { memberId: rich.id });
    await value('lockSettings');
    expect(await refused('subtractPoints', { memberId: rich.id, points: 10_001, reason: 'Đổi quà', orderRef: '' })).toMatchObject({
      code: 'pin_required',
      detail: 'over_limit',
    });
    expect(await value('listJournal', {})).toEqual([]);
    expect((await value('addPoints', { memberId: rich.id, points: 10_000, reason: 'Mua hàng', orderRef: '', reasonKind: 'promotion' })).state).toBe('applied');
    await value('unlockSettings', { pin: MANAGER_PIN });
    expect((await value('subtractPoints', { memberId: rich.id, points: 10_001, reason: 'Đổi quà', orderRef: '' })).state).toBe('applied');
  });
});

describe('settings edited by hand', () => {
  it('lock the guarded actions and say why, until the manager connects the store again with a new PIN', async () => {
    await connectAsManager(sandbox.tokens.readWrite);
    await value('lockSettings');
    // Someone removes the PIN and lifts the adjustment limit in the settings file.
    settingsFile.write({ ...settingsFile.read(), managerPin: '', pinAbovePoints: 1_000_000_000 });
    await restart();
    expect(await value('getStatus')).toMatchObject({ settingsTampered: true });
    expect(await refused('updateSettings', { storeName: 'Khác' })).toMatchObject({ code: 'settings_tampered' });
    expect(await refused('disconnectStore')).toMatchObject({ code: 'settings_tampered' });
    expect(await refused('subtractPoints', { memberId: 360101, points: 20_000, reason: 'x', orderRef: '' })).toMatchObject({ code: 'settings_tampered' });
    expect(await refused('connectStore', { token: sandbox.tokens.readWrite })).toMatchObject({ code: 'invalid_input', detail: 'pin_needed' });
    await value('connectStore', { token: sandbox.tokens.readWrite, pin: '112233' });
    expect(await value('getStatus')).toMatchObject({ settingsTampered: false, pinSet: true });
    await restart();
    expect(await value('getStatus')).toMatchObject({ settingsTampered: false });
  });
});
