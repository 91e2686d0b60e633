// The Electron layer, proven without Electron: the built main process runs under the stand-in
// `electron` module (test/stand-ins/electron) in child processes (electron-wiring.probe.ts), and the
// reports they print are checked here. The preload bundle is checked by running it against fakes.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { API_GLOBAL, CHANNEL_NAMES, ipcChannel } from '../../electron/ipc/contract.ts';
import { BUILT_IN_FEED_URL } from '../../electron/updates/feed.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const node = join(repoRoot, 'node_modules/.bin/node');
const mainBundle = join(repoRoot, 'dist/electron/main/index.js');
const preloadBundle = join(repoRoot, 'dist/electron/preload/index.cjs');
const REPORT_MARKER = 'ELECTRON-WIRING-REPORT ';
const REFUSED = { ok: false, error: { code: 'internal', message: expect.stringMatching(/^Refused/) } };

// Loose on purpose: each assertion below names the fields it relies on.
type Report = Record<string, any>;

const workDir = mkdtempSync(join(tmpdir(), 'loyalty-desk-wiring-'));
const reports: Record<string, Report> = {};

beforeAll(async () => {
  await buildIfStale();
  const dataDir = (scenario: string) => join(workDir, scenario);
  const [fresh, noEncryption, basicText, undecryptable, lockedOut] = await Promise.all(
    ['fresh', 'no-encryption', 'basic-text', 'undecryptable', 'locked-out'].map((scenario) => probe(scenario, dataDir(scenario))),
  );
  Object.assign(reports, { fresh, noEncryption, basicText, undecryptable, lockedOut });
  // A second start on the folder the first one left; and the updater's runs, each on a folder of its own.
  const [restart, updateInstall, updateBlocked, updateTampered] = await Promise.all([
    probe('restart', dataDir('fresh')),
    ...['update-install', 'update-blocked', 'update-tampered'].map((scenario) => probe(scenario, dataDir(scenario))),
  ]);
  Object.assign(reports, { restart, updateInstall, updateBlocked, updateTampered });
}, 90_000);

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('requests to the store', () => {
  it('go through the client’s own transport, never Electron’s net.fetch (an HTTP cache, no phase of failure)', () => {
    const lookups = reports['fresh']!['calls'].filter((call: Report) => call['channel'] === 'lookup');
    expect(lookups.map((call: Report) => call['result'].ok)).toEqual([true, true]);
    expect(reports['fresh']!['netFetchCalls']).toBe(0);
  });
});

describe('main process start', () => {
  it('names the app, keeps its data in its own folder and enforces the sandbox before ready', () => {
    expect(reports['fresh']!['beforeReady']).toEqual({
      appName: 'Loyalty Desk',
      userData: join(workDir, 'fresh', 'Loyalty Desk'),
      sandboxEnabled: true,
      appUserModelId: null, // Windows only
      windows: 0,
    });
  });

  it('registers one IPC handler per contract channel and nothing else', () => {
    const { handled, listened } = reports['fresh']!['ipc'];
    expect([...handled].sort()).toEqual(CHANNEL_NAMES.map(ipcChannel).sort());
    // electron-store's own channel (it answers its renderer-side API, which no preload exposes).
    expect(listened).toEqual(['electron-store-get-data']);
  });

  it('creates one hardened window that shows once painted and loads the built page', () => {
    const window = reports['fresh']!['window'];
    expect(window.count).toBe(1);
    const preferences = window.options.webPreferences;
    expect(preferences.contextIsolation).toBe(true);
    expect(preferences.sandbox).toBe(true);
    expect(preferences.nodeIntegration).toBe(false);
    expect(preferences.nodeIntegrationInWorker).toBe(false);
    expect(preferences.nodeIntegrationInSubFrames).toBe(false);
    expect(preferences.webSecurity).toBe(true);
    expect(preferences.allowRunningInsecureContent).toBe(false);
    expect(preferences.webviewTag).toBe(false);
    expect(preferences.spellcheck).toBe(false);
    expect(preferences.disableBlinkFeatures).toBe('Auxclick');
    expect(preferences.preload).toBe(preloadBundle);
    expect(existsSync(preferences.preload)).toBe(true);
    expect(window.loads).toEqual([{ method: 'loadURL', target: 'loyalty-desk://app/index.html' }]);
    expect(window.options.show).toBe(false);
    expect(window.shownBeforeReadyToShow).toBe(false);
    expect(window.shownAfterReadyToShow).toBe(true);
  });

  it('focuses the window when the app is started a second time', () => {
    expect(reports['fresh']!['secondInstanceFocused']).toBe(true);
  });

  it('quits at once, without a window or IPC, when another instance is running', () => {
    expect(reports['lockedOut']!['lockedOut']).toEqual({ quitted: true, windows: 0, handlers: 0 });
  });
});

describe('the app’s own scheme', () => {
  it('registers both of the app’s schemes, privileged, in the one call Electron honours', () => {
    const { privileged, calls } = reports['fresh']!['schemes'];
    expect(calls).toBe(1);
    expect(privileged).toEqual([
      { scheme: 'loyalty-desk', privileges: { standard: true, secure: true } },
      { scheme: 'loyalty-print', privileges: { standard: true, secure: true } },
    ]);
  });

  it('serves the built page with its policy, and nothing outside the renderer folder, however it is asked', () => {
    const { served } = reports['fresh']!['schemes'];
    expect(served.page).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(served.page.csp).toMatch(/^default-src 'self'; script-src 'self';/);
    expect(served.page.csp).toContain("frame-ancestors 'none'");
    expect(served.pageWithQuery.status).toBe(200);
    for (const escape of ['dotDot', 'encodedDotDot', 'encodedSlash', 'backslash', 'nulByte', 'otherHost', 'missing', 'post']) {
      expect(served[escape].status, escape).toBe(404);
    }
  });

  it('packages with the fuses that close file:// and check the app’s integrity', () => {
    const builder = readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8');
    for (const fuse of ['runAsNode: false', 'enableNodeOptionsEnvironmentVariable: false', 'enableNodeCliInspectArguments: false', 'onlyLoadAppFromAsar: true', 'grantFileProtocolExtraPrivileges: false', 'enableEmbeddedAsarIntegrityValidation: true']) {
      expect(builder).toContain(`  ${fuse}`);
    }
  });
});

describe('navigation and permissions', () => {
  it('keeps the window on its page: no navigation or redirect elsewhere, no window.open, no webview', () => {
    expect(reports['fresh']!['navigation']).toEqual({
      toForeignSite: true,
      toOtherFile: true,
      toOwnPage: false,
      redirectToForeignSite: true,
      webviewAttach: true,
      windowOpen: { action: 'deny' },
    });
  });

  it('guards webContents created later the same way', () => {
    expect(reports['fresh']!['laterContents']).toEqual({ toForeignSite: true, webviewAttach: true, windowOpen: { action: 'deny' } });
  });

  it('denies every permission request and check', () => {
    expect(reports['fresh']!['permissions']).toEqual({
      request: { media: false, notifications: false, geolocation: false },
      check: { media: false, clipboardRead: false },
    });
  });
});

describe('IPC', () => {
  it('refuses calls from another page, a subframe or a closed frame without running them', () => {
    const { foreign, afterForeign } = reports['fresh']!;
    expect(Object.keys(foreign)).toEqual(['foreignSite', 'otherFile', 'subframeOfOwnPage', 'closedFrame']);
    for (const attempt of Object.values<Report>(foreign)) {
      expect(attempt['training']).toEqual(REFUSED);
      expect(attempt['settings']).toEqual(REFUSED);
    }
    expect(afterForeign.status).toMatchObject({ ok: true, value: { mode: 'none', tokenMissing: false, canEncrypt: true } });
    expect(afterForeign.settings.value.storeName).toBe('');
  });

  it('validates input through the desk', () => {
    expect(reports['fresh']!['invalidInput']).toMatchObject({ ok: false, error: { code: 'invalid_input', detail: 'memberId' } });
  });

  it('serves every channel in Training mode and with a store connected', () => {
    const { calls, disconnect, reconnect, trainingAtQuit } = reports['fresh']!;
    const served = new Set([...calls.map((call: Report) => call['channel']), 'disconnectStore']);
    expect([...served].sort()).toEqual([...CHANNEL_NAMES].sort());
    const refusedByDesign = new Set(['discardEntry', 'resolveEntry', 'resendEntry', 'settleDuplicate']);
    for (const call of [...calls, { channel: 'disconnectStore', result: disconnect }, { channel: 'connectStore', result: reconnect }]) {
      const expected = refusedByDesign.has(call.channel) ? { ok: false, error: { code: 'invalid_input', detail: 'state' } } : { ok: true };
      expect(call.result, `${call.phase} ${call.channel}`).toMatchObject(expected);
    }
    for (const phase of ['training', 'store']) {
      expect(reports['fresh']![`${phase}PreviewServed`]).toEqual({
        status: 200,
        csp: "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        hasMember: true,
      });
    }
    const lookups = calls.filter((call: Report) => call['channel'] === 'lookup');
    expect(lookups.map((call: Report) => call['phase'])).toEqual(['training', 'store']);
    for (const lookup of [...lookups.map((call: Report) => call['result']), trainingAtQuit]) {
      expect(lookup.value.members.map((member: Report) => member['id'])).toContain(360101);
    }
    const connected = calls.find((call: Report) => call['channel'] === 'connectStore').result.value;
    expect(connected).toMatchObject({ mode: 'store', canEncrypt: true, tokenMissing: false });
  });

  it('never lets the token out: not in any result, not in the logs, not in the settings file', () => {
    for (const name of ['fresh', 'noEncryption', 'basicText', 'restart']) {
      const { secret, ...rest } = reports[name]!;
      const token: string = secret ?? reports['fresh']!['secret'];
      expect(token).toMatch(/^\S{8,}$/);
      expect(JSON.stringify(rest).includes(token), `${name} report carries the token`).toBe(false);
    }
    const hint = reports['fresh']!['reconnect'].value.tokenHint;
    expect(hint).toBe(`…${reports['fresh']!['secret'].slice(-4)}`);
  });
});

describe('token storage', () => {
  it('stores the token encrypted with safeStorage, and clears it on disconnect', () => {
    const { secret, vaultWhileConnected, vaultAfterDisconnect } = reports['fresh']!;
    expect(vaultWhileConnected).not.toContain(secret);
    const stored = JSON.parse(vaultWhileConnected).encryptedToken;
    // The stand-in's ciphertext: proves encryptString was used, not a plain encoding of the token.
    expect(Buffer.from(stored, 'base64').toString('latin1')).toMatch(/^stand-in-cipher:/);
    // The key that seals the settings stays, encrypted the same way; the token is gone.
    const after = JSON.parse(vaultAfterDisconnect);
    expect(Object.keys(after)).toEqual(['encryptedSettingsKey']);
    expect(Buffer.from(after.encryptedSettingsKey, 'base64').toString('latin1')).toMatch(/^stand-in-cipher:/);
  });

  it('seals the settings under that key: the settings file carries the seal, never the key', () => {
    const { settingsFile, vaultWhileConnected } = reports['fresh']!;
    const settings = JSON.parse(settingsFile);
    expect(settings.seal).toMatch(/^v2:[0-9a-f]{64}$/);
    expect(settingsFile).not.toContain(JSON.parse(vaultWhileConnected).encryptedSettingsKey);
    expect(reports['restart']!['statusAtStart'].value).toMatchObject({ settingsTampered: false });
  });

  it('reads the stored token back on the next start', () => {
    const { statusAtStart, backToStore } = reports['restart']!;
    expect(statusAtStart.value).toMatchObject({ mode: 'training', canEncrypt: true });
    expect(backToStore.value).toMatchObject({ mode: 'store', tokenMissing: false, tokenHint: `…${reports['fresh']!['secret'].slice(-4)}` });
  });

  it('forgets a stored token it cannot decrypt and asks for it again', () => {
    const { statusAtStart, vaultAfterStatus } = reports['undecryptable']!;
    expect(statusAtStart.value).toMatchObject({ mode: 'store', tokenMissing: true, canEncrypt: true });
    expect(JSON.parse(vaultAfterStatus)).not.toHaveProperty('encryptedToken');
  });

  it.each(['noEncryption', 'basicText'])('keeps the token for this run only and writes nothing where the OS cannot encrypt (%s)', (name) => {
    const { secret, statusAtStart, connect, lookup, vaultWhileConnected } = reports[name]!;
    expect(statusAtStart.value.canEncrypt).toBe(false);
    expect(connect.value).toMatchObject({ mode: 'store', canEncrypt: false });
    expect(lookup.ok).toBe(true);
    expect(vaultWhileConnected ?? '').not.toContain(secret);
    expect(vaultWhileConnected ?? '').not.toContain('encryptedToken');
  });
});

describe('quit', () => {
  it('waits for the desk to close (stopping the Training store) before quitting', () => {
    // The probe exits by itself only once the Training store has stopped; probe() fails on a timeout.
    for (const [name, report] of Object.entries(reports)) {
      if (name !== 'lockedOut') expect(report['quit'], name).toEqual({ completedAtOnce: false });
    }
  });
});

describe('the log file', () => {
  it('is written in the data folder, with the token and full phones never in it', () => {
    for (const name of ['fresh', 'restart', 'updateInstall']) {
      const log: string = reports[name]!['logFile'];
      expect(log, name).toMatch(/\[info\] +app\.start \{"version":/);
      expect(log.includes(reports['fresh']!['secret']), `${name} log carries the token`).toBe(false);
      for (const phone of ['0909977921', '0909 977 921']) expect(log.includes(phone), `${name} log carries ${phone}`).toBe(false);
    }
  });
});

describe('crashes', () => {
  it('start the crash reporter once, keeping dumps in the data folder and uploading nothing', () => {
    expect(reports['fresh']!['crashReporter']).toEqual([{ productName: 'Loyalty Desk', companyName: 'Loyalty Desk', submitURL: '', uploadToServer: false, compress: true }]);
    // Every later decision (at start and after each settings change) keeps uploads off: no address was set.
    expect(reports['fresh']!['crashUploads']).not.toHaveLength(0);
    expect(reports['fresh']!['crashUploads'].every((allowed: boolean) => allowed === false)).toBe(true);
    // No application menu: its Quit and developer-tools keys would leave a dedicated till.
    expect(reports['fresh']!['applicationMenus']).toEqual([null]);
    expect(reports['fresh']!['crashDumps']).toBe(join(workDir, 'fresh', 'Loyalty Desk', 'crash-dumps'));
  });

  it('log uncaught errors of main and the page’s errors, redacted, and keep the app running', () => {
    const { logFile, errorListeners } = reports['fresh']!;
    // The app's listener (and the probe's own): with one, Electron shows no dialog and the app goes on.
    expect(errorListeners).toEqual({ uncaughtException: 2, unhandledRejection: 1 });
    expect(logFile).toMatch(/\[error\] +main\.uncaught_exception \{"origin":"uncaughtException","error":\{"name":"Error","message":"boom while sending with \[token\] for 0909 \*\*\* 921","stack":"Error: boom/);
    expect(logFile).toMatch(/\[error\] +main\.unhandled_rejection \{"reason":\{"name":"Error","message":"rejected: Bearer \[token\]"/);
    expect(logFile).toMatch(/\[error\] +renderer\.error \{"message":"Uncaught TypeError: lookup 0909 \*\*\* 921 failed","source":"loyalty-desk:\/\/app\/assets\/index\.js","line":3\}/);
    expect(logFile).not.toContain('a chatty info line');
    // The quit after all that was a clean one (on the screen the IPC tour set last).
    expect(reports['fresh']!['runState']).toBe('{"running":false,"screen":"cashier"}');
  });

  it('reload the page when its renderer dies, not on a clean exit, and stop reloading a page that keeps crashing', () => {
    expect(reports['fresh']!['reloads']).toEqual([1, 1, 3]);
    expect(reports['fresh']!['logFile']).toMatch(/\[error\] +renderer\.gone \{"reason":"crashed","exitCode":139/);
    expect(reports['fresh']!['logFile']).toMatch(/\[error\] +renderer\.reload_given_up \{"reloads":3\}/);
  });

  it('bring the next start back to the screen the crashed run was on', () => {
    const { logFile, runState } = reports['restart']!;
    expect(logFile).toMatch(/\[warn\] +app\.previous_run_crashed \{"restoreScreen":"journal"\}/);
    expect(logFile).toMatch(/\[info\] +app\.start \{"version":"0\.0\.0-stand-in","packaged":false,"restoreScreen":"journal"\}/);
    expect(runState).toBe('{"running":false,"screen":"journal"}');
  });
});

describe('the till’s window', () => {
  it('follows the settings: kiosk mode (the window cannot be closed) and start at login on, and off again', () => {
    for (const phase of ['training', 'store']) {
      // On Linux (this machine) the autostart entry runs the program itself.
      expect(reports['fresh']![`${phase}Kiosk`]).toMatchObject({ kiosk: true, openAtLogin: true, stillOpen: true, autostart: expect.stringContaining(`Exec="${process.execPath}"`) });
      expect(reports['fresh']![`${phase}KioskLeft`]).toEqual({ kiosk: false, openAtLogin: false, autostart: null });
    }
  });

  it('opens centred on the cashier’s screen the first time, out of kiosk mode, with start at login set from the setting', () => {
    const { loginItems, ...placement } = reports['fresh']!['windowPlacement'];
    expect(placement).toEqual({ x: 320, y: 120, width: 1280, height: 800, kiosk: false });
    expect(loginItems).toEqual([{ openAtLogin: false, path: expect.any(String), args: [] }]);
  });

  it('remembers where the cashier left it, and on which display', () => {
    expect(JSON.parse(reports['fresh']!['windowState'])).toEqual({
      bounds: { x: 1950, y: 20, width: 1000, height: 700 },
      displayId: 2,
      displayBounds: { x: 1920, y: 0, width: 1024, height: 768 },
      maximized: false,
    });
  });

  it('opens on the cashier’s screen, keeping its size, when the screen it was left on is unplugged', () => {
    const { loginItems: _loginItems, ...placement } = reports['restart']!['windowPlacement'];
    expect(placement).toEqual({ x: 460, y: 170, width: 1000, height: 700, kiosk: false });
    expect(reports['restart']!['logFile']).toMatch(/window\.placement \{"source":"primary","displayId":1,"maximized":false\}/);
  });
});

describe('updates', () => {
  const installer = '#!/bin/sh\necho "installed $APPIMAGE_SILENT_INSTALL $APPIMAGE_EXIT_AFTER_INSTALL" > "$(dirname "$0")/installed.txt"\n';

  it('ask nothing of any server in a development build without a feed of its own', () => {
    for (const name of ['fresh', 'restart']) {
      expect(reports[name]!['netRequests'], name).toEqual([]);
      expect(reports[name]!['logFile'], name).not.toContain('update.check');
    }
  });

  it('are downloaded by electron-updater from the generic feed, after the app’s own check of the channel file', () => {
    const { update, logFile } = reports['updateInstall']!;
    expect(update.feedRequests).toEqual(['/feed/latest-linux.yml', '/feed/latest-linux.yml', '/feed/loyalty-desk-9.9.9-x86_64.AppImage']);
    expect(update.engineRequests).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/feed\/latest-linux\.yml\?noCache=/), expect.stringMatching(/\/feed\/loyalty-desk-9\.9\.9-x86_64\.AppImage$/)]);
    expect(logFile).toMatch(/update\.check \{"channel":"latest","url":"http:\/\/127\.0\.0\.1:\d+\/feed\/latest-linux\.yml","offered":"9\.9\.9","available":"9\.9\.9"\}/);
    expect(logFile).toMatch(/update\.download\.done \{"version":"9\.9\.9"\}/);
  });

  it('install on quit, silently, when no shift is open and nothing is sending or uncertain', () => {
    const { update, logFile } = reports['updateInstall']!;
    expect(logFile).toMatch(/update\.on_quit \{"version":"9\.9\.9","install":true,"blockedBy":\[\]\}/);
    expect(update.appImage).toBe(installer);
    expect(update.installed).toBe('installed true true\n');
  });

  it('do not install on quit while a shift is open', () => {
    const { update, logFile, shift } = reports['updateBlocked']!;
    expect(shift).toMatchObject({ ok: true, value: { operator: 'Lan', closedAt: null } });
    expect(logFile).toMatch(/update\.on_quit \{"version":"9\.9\.9","install":false,"blockedBy":\["shift_open"\]\}/);
    expect(logFile).toContain('Update will not be installed on quit because autoInstallOnAppQuit is set to false.');
    expect(update.appImage).toBe('the version before');
    expect(update.installed).toBeNull();
  });

  it('never install an installer that does not match the feed’s checksum', () => {
    const { update, logFile } = reports['updateTampered']!;
    expect(logFile).toMatch(/update\.download\.failed \{"version":"9\.9\.9","error":\{"name":"Error","message":"sha512 checksum mismatch/);
    expect(logFile).not.toContain('update.on_quit');
    expect(update.appImage).toBe('the version before');
    expect(update.installed).toBeNull();
  });

  it('are published by `npm run package`: the generic feed built in, its metadata for every channel, nothing uploaded', () => {
    const builder = load(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
    expect(builder['publish']).toEqual({ provider: 'generic', url: BUILT_IN_FEED_URL });
    expect(builder['generateUpdatesFilesForAllChannels']).toBe(true);
    const scripts = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts;
    expect(scripts.package).toMatch(/electron-builder --config electron-builder\.yml --publish never$/);
  });
});

describe('preload bundle', () => {
  it('requires only electron and exposes exactly one function per channel, each bound to its channel', async () => {
    const required: string[] = [];
    const exposed = new Map<string, Record<string, (input?: unknown) => Promise<unknown>>>();
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: never) => exposed.set(key, api) },
      ipcRenderer: { invoke: async (...args: unknown[]) => invoked.push(args) },
    };
    const fakeRequire = (id: string) => {
      required.push(id);
      if (id !== 'electron') throw new Error(`The preload required ${id}`);
      return electron;
    };
    const module = { exports: {} };
    new Function('require', 'module', 'exports', readFileSync(preloadBundle, 'utf8'))(fakeRequire, module, module.exports);

    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual([API_GLOBAL]);
    const api = exposed.get(API_GLOBAL)!;
    expect(Object.keys(api).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const name of CHANNEL_NAMES) {
      expect(typeof api[name]).toBe('function');
      await api[name]!({ probe: name });
    }
    expect(invoked).toEqual(CHANNEL_NAMES.map((name) => [ipcChannel(name), { probe: name }]));
  });
});

/** Builds main and preload when either is missing or older than any source it is built from. */
async function buildIfStale(): Promise<void> {
  const outputs = [mainBundle, preloadBundle];
  const sources = ['electron', 'resources/sandbox', 'scripts/build.ts', 'package-lock.json'].flatMap((path) => filesUnder(join(repoRoot, path)));
  const newestSource = Math.max(...sources.map((file) => statSync(file).mtimeMs));
  const fresh = outputs.every((file) => existsSync(file) && statSync(file).mtimeMs >= newestSource);
  if (fresh) return;
  const { code, output } = await run([join(repoRoot, 'scripts/build.ts'), 'main', 'preload', '--quiet'], 60_000);
  if (code !== 0) throw new Error(`Build failed:\n${output}`);
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

async function probe(scenario: string, appData: string): Promise<Report> {
  const args = ['--import', './test/stand-ins/electron/register.ts', 'test/integration/electron-wiring.probe.ts', scenario, appData];
  const { code, stdout, output } = await run(args, 25_000);
  const line = stdout.split('\n').find((text) => text.startsWith(REPORT_MARKER));
  if (code !== 0 || !line) throw new Error(`Probe ${scenario} failed (exit ${code}):\n${output}`);
  return JSON.parse(line.slice(REPORT_MARKER.length)) as Report;
}

/** `output` is stdout and stderr interleaved, for failure messages. */
function run(args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; output: string }> {
  // Without vitest's NODE_OPTIONS, and without a HARAVAN_API_URL from the shell.
  const { NODE_OPTIONS: _nodeOptions, HARAVAN_API_URL: _apiUrl, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(node, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} did not exit within ${timeoutMs} ms (a server left running?):\n${output}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, output });
    });
  });
}
