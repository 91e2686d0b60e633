// The updater's behaviour with a real feed on 127.0.0.1 and an engine that records what it is asked to do
// (electron-updater itself is exercised by the wiring test): check, download in the background, install on
// quit or at the manager's time, and never while a shift is open or the journal is sending or uncertain.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TillState } from '../../../electron/updates/decide.ts';
import { DEFAULT_POLICY, installWindow, nextCheckAt, nextInstallStep, parseInstallTime } from '../../../electron/updates/schedule.ts';
import { createUpdateService, type UpdateEngine, type UpdatePreferences, type UpdateService } from '../../../electron/updates/service.ts';
import { channelYaml, startFeedServer, type FeedServer } from './feed-server.ts';

let feed: FeedServer;
const services: UpdateService[] = [];

beforeAll(async () => {
  feed = await startFeedServer();
});
afterAll(() => feed.close());
afterEach(() => {
  feed.clear();
  for (const service of services.splice(0)) service.stop();
});

const IDLE: TillState = { shiftOpen: false, journalSending: 0, journalUncertain: 0 };

interface Recorder extends UpdateEngine {
  downloads: UpdatePreferences[];
  installOnQuit: boolean[];
  installs: number;
}

function engine(version: string | null = '1.2.0'): Recorder {
  const recorder: Recorder = {
    downloads: [],
    installOnQuit: [],
    installs: 0,
    download: async (preferences) => {
      recorder.downloads.push(preferences);
      return version;
    },
    setInstallOnQuit: (allowed) => recorder.installOnQuit.push(allowed),
    install: () => {
      recorder.installs += 1;
    },
  };
  return recorder;
}

function service(options: { engine: UpdateEngine; till?: () => TillState | undefined; preferences?: Partial<UpdatePreferences>; now?: () => number; current?: string }) {
  const preferences: UpdatePreferences = { channel: 'latest', feedUrl: feed.url, installTime: '', ...options.preferences };
  const created = createUpdateService({
    currentVersion: options.current ?? '1.1.0',
    preferences: () => preferences,
    tillState: async () => (options.till ?? (() => IDLE))(),
    engine: options.engine,
    now: options.now,
    platform: 'win32',
    arch: 'x64',
  });
  services.push(created);
  return { service: created, preferences };
}

/** Waits until the background download has finished. */
async function settled(updates: UpdateService): Promise<void> {
  for (let i = 0; i < 200 && updates.status().downloading; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('checking and downloading', () => {
  it('downloads a newer version in the background and reports it', async () => {
    feed.set('/loyalty-desk/latest.yml', { body: channelYaml('1.2.0') });
    const recorder = engine('1.2.0');
    const { service: updates } = service({ engine: recorder });
    const status = await updates.checkNow();
    expect(status).toMatchObject({ version: '1.1.0', channel: 'latest', available: '1.2.0', lastCheckProblem: null });
    expect(Date.parse(status.lastCheckAt!)).toBeGreaterThan(Date.now() - 5000);
    await settled(updates);
    expect(recorder.downloads).toHaveLength(1);
    expect(updates.status()).toMatchObject({ downloaded: '1.2.0', downloading: false, downloadProblem: null });
  });

  it('downloads nothing when the feed offers nothing newer, and says what was wrong with a broken feed', async () => {
    feed.set('/loyalty-desk/latest.yml', { body: channelYaml('1.1.0') });
    const recorder = engine();
    const { service: updates } = service({ engine: recorder });
    expect(await updates.checkNow()).toMatchObject({ available: null, lastCheckProblem: null });
    feed.set('/loyalty-desk/latest.yml', { body: '<html>portal</html>', type: 'text/html' });
    expect(await updates.checkNow()).toMatchObject({ available: null, lastCheckProblem: 'html' });
    expect(recorder.downloads).toHaveLength(0);
  });

  it('reads the beta channel’s file when the manager chose beta', async () => {
    feed.set('/loyalty-desk/latest.yml', { body: channelYaml('1.1.0') });
    feed.set('/loyalty-desk/beta.yml', { body: channelYaml('1.2.0-beta.1') });
    const recorder = engine('1.2.0-beta.1');
    const { service: updates, preferences } = service({ engine: recorder });
    expect(await updates.checkNow()).toMatchObject({ available: null });
    preferences.channel = 'beta';
    expect(await updates.preferencesChanged()).toMatchObject({ channel: 'beta', available: '1.2.0-beta.1' });
    await settled(updates);
    expect(recorder.downloads.map((asked) => asked.channel)).toEqual(['beta']);
    // Back on the stable channel, the downloaded beta is not an update any more.
    preferences.channel = 'latest';
    expect(updates.status().downloaded).toBeNull();
    expect(await updates.restartToUpdate()).toEqual({ ok: false, blockedBy: ['not_downloaded'] });
  });

  it('keeps a download the engine declines (an unpackaged build) as a problem, not as downloaded', async () => {
    feed.set('/loyalty-desk/latest.yml', { body: channelYaml('1.2.0') });
    const { service: updates } = service({ engine: engine(null) });
    await updates.checkNow();
    await settled(updates);
    expect(updates.status()).toMatchObject({ available: '1.2.0', downloaded: null, downloadProblem: 'declined' });
  });
});

describe('installing', () => {
  it('refuses "restart to update" while a shift is open, an entry is sending or uncertain, and installs after', async () => {
    feed.set('/loyalty-desk/latest.yml', { body: channelYaml('1.2.0') });
    const recorder = engine();
    let till: TillState = { shiftOpen: true, journalSending: 0, journalUncertain: 0 };
    const { service: updates } = service({ engine: recorder, till: () => till });
    expect(await updates.restartToUpdate()).toEqual({ ok: false, blockedBy: ['not_downloaded'] });
    await updates.checkNow();
    await settled(updates);

    expect(await updates.restartToUpdate()).toEqual({ ok: false, blockedBy: ['shift_open'] });
    expect(updates.status().blockedBy).toEqual(['shift_open']);
    till = { shiftOpen: false, journalSending: 1, journalUncertain: 0 };
    expect(await updates.restartToUpdate()).toEqual({ ok: false, blockedBy: ['journal_sending'] });
    till = { shiftOpen: false, journalSending: 0, journalUncertain: 1 };
    expect(await updates.restartToUpdate()).toEqual({ ok: false, blockedBy: ['journal_uncertain'] });
    expect(recorder.installs).toBe(0);

    till = IDLE;
    expect(await updates.restartToUpdate()).toEqual({ ok: true });
    expect(recorder.installs).toBe(1);
    expect(updates.status().blockedBy).toEqual([]);
  });

  it('says when the install failed, and lets "restart to update" try again', async () => {
    feed.set('/loyalty-desk/latest.yml', { body: channelYaml('1.2.0') });
    const recorder = engine();
    const { service: updates } = service({ engine: recorder });
    await updates.checkNow();
    await settled(updates);
    expect(await updates.restartToUpdate()).toEqual({ ok: true });
    // electron-updater could not run the installer (an AppImage outside its file, a refused sudo).
    updates.installFailed(new Error('APPIMAGE env is not defined'));
    expect(updates.status().downloadProblem).toBe('install failed: APPIMAGE env is not defined');
    expect(await updates.restartToUpdate()).toEqual({ ok: true });
    expect(recorder.installs).toBe(2);
  });

  it('installs on quit only when the till allows it at that moment', async () => {
    feed.set('/loyalty-desk/latest.yml', { body: channelYaml('1.2.0') });
    const recorder = engine();
    let till: TillState | undefined = { shiftOpen: false, journalSending: 0, journalUncertain: 1 };
    const { service: updates } = service({ engine: recorder, till: () => till });
    await updates.prepareQuit();
    expect(recorder.installOnQuit).toEqual([false]);
    await updates.checkNow();
    await settled(updates);
    await updates.prepareQuit();
    till = undefined;
    await updates.prepareQuit();
    till = IDLE;
    await updates.prepareQuit();
    expect(recorder.installOnQuit).toEqual([false, false, false, true]);
    expect(recorder.installs).toBe(0);
  });

  it('installs at the manager’s time once downloaded, and not before that time', async () => {
    feed.set('/loyalty-desk/latest.yml', { body: channelYaml('1.2.0') });
    const threeTen = new Date(2025, 10, 20, 3, 10).getTime();
    const due = engine();
    const { service: atTime } = service({ engine: due, preferences: { installTime: '03:00' }, now: () => threeTen });
    atTime.start();
    await atTime.checkNow();
    await settled(atTime);
    expect(due.installs).toBe(1);

    const early = engine();
    const { service: beforeTime } = service({ engine: early, preferences: { installTime: '04:00' }, now: () => threeTen });
    beforeTime.start();
    await beforeTime.checkNow();
    await settled(beforeTime);
    expect(beforeTime.status().downloaded).toBe('1.2.0');
    expect(early.installs).toBe(0);
  });

  it('does not install at the manager’s time while a shift is open', async () => {
    feed.set('/loyalty-desk/latest.yml', { body: channelYaml('1.2.0') });
    const threeTen = new Date(2025, 10, 20, 3, 10).getTime();
    const recorder = engine();
    const { service: updates } = service({ engine: recorder, preferences: { installTime: '03:00' }, now: () => threeTen, till: () => ({ ...IDLE, shiftOpen: true }) });
    updates.start();
    await updates.checkNow();
    await settled(updates);
    expect(recorder.installs).toBe(0);
    expect(updates.status().blockedBy).toEqual(['shift_open']);
  });
});

describe('the schedule', () => {
  const at = (hour: number, minute = 0, day = 20) => new Date(2025, 10, day, hour, minute).getTime();

  it('checks shortly after start, then every few hours, and sooner again after a failed check', () => {
    const start = at(9);
    expect(nextCheckAt(undefined, start)).toBe(start + DEFAULT_POLICY.firstCheckDelayMs);
    expect(nextCheckAt({ at: start, ok: true }, start)).toBe(start + 4 * 3_600_000);
    expect(nextCheckAt({ at: start, ok: false }, start)).toBe(start + 30 * 60_000);
  });

  it('reads the manager’s time as HH:MM, and nothing else', () => {
    expect(parseInstallTime('03:30')).toEqual({ hour: 3, minute: 30 });
    expect(parseInstallTime(' 23:59 ')).toEqual({ hour: 23, minute: 59 });
    for (const bad of ['', '24:00', '3:30', '03:60', 'soon']) expect(parseInstallTime(bad), bad).toBeUndefined();
  });

  it('opens a window at that time, still open just after midnight for a late time', () => {
    expect(installWindow('03:00', at(1))).toEqual({ start: at(3), end: at(5) });
    expect(installWindow('03:00', at(4))).toEqual({ start: at(3), end: at(5) });
    expect(installWindow('03:00', at(6))).toEqual({ start: at(3, 0, 21), end: at(5, 0, 21) });
    expect(installWindow('23:30', at(0, 30, 21))).toEqual({ start: at(23, 30), end: at(1, 30, 21) });
  });

  it('installs on quit without a time, waits for the time, retries while busy, and never at noon', () => {
    const ok = { ok: true } as const;
    const busy = { ok: false as const, blockedBy: ['shift_open' as const] };
    expect(nextInstallStep({ downloaded: false, installTime: '03:00', now: at(3, 5), answer: ok })).toEqual({ action: 'none' });
    expect(nextInstallStep({ downloaded: true, installTime: '', now: at(3, 5), answer: ok })).toEqual({ action: 'on_quit' });
    expect(nextInstallStep({ downloaded: true, installTime: '03:00', now: at(2), answer: ok })).toEqual({ action: 'wait', until: at(3), why: 'before_time' });
    expect(nextInstallStep({ downloaded: true, installTime: '03:00', now: at(3, 5), answer: ok })).toEqual({ action: 'install' });
    expect(nextInstallStep({ downloaded: true, installTime: '03:00', now: at(3, 5), answer: busy })).toEqual({ action: 'wait', until: at(3, 10), why: 'blocked' });
    // Busy through the window: the next chance is tomorrow's window, not the moment the shift closes at noon.
    expect(nextInstallStep({ downloaded: true, installTime: '03:00', now: at(12), answer: ok })).toEqual({ action: 'wait', until: at(3, 0, 21), why: 'before_time' });
  });
});
