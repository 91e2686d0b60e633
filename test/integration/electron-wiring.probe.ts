// Runs the built main process (dist/electron/main/index.js) under the Electron stand-in and reports
// what it did as JSON; electron-wiring.test.ts starts it in a child process and asserts on the report.
// A child process because the bundle's `import 'electron'` must be redirected by a loader hook:
//
//   node_modules/.bin/node --import ./test/stand-ins/electron/register.ts \
//     test/integration/electron-wiring.probe.ts <scenario> <appDataDir>
//
// Scenarios: `fresh` (full tour: navigation, permissions, IPC sender checks, every channel in Training
// mode and with a store connected; then crashes, page errors and the window moved to a second screen),
// `no-encryption` and `basic-text` (the OS cannot encrypt), `restart` (a second start on the data folder
// `fresh` left, as if it had crashed, with the second screen unplugged), `undecryptable` (the stored token
// cannot be decrypted), `locked-out` (another instance holds the single-instance lock), `update-install`
// and `update-blocked` (a development feed on 127.0.0.1 offers a new version; the real electron-updater
// downloads it and installs it on quit, or does not because a shift is open), `update-tampered` (the
// installer served does not match the feed's checksum: never installed).

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startSandbox } from '../../electron/sandbox/server.ts';
import { app, BrowserWindow, crashReporter, ipcMain, Menu, net, protocol, safeStorage, screen, session, StandInWebContents } from '../stand-ins/electron/index.ts';
import type { SenderFrameDescription } from '../stand-ins/electron/index.ts';

/** Prefixes the report line on stdout (electron-wiring.test.ts looks for it). */
const REPORT_MARKER = 'ELECTRON-WIRING-REPORT ';

const FEATURED_MEMBER = { id: 360101, phone: '0909 977 921' };
/** The manager PIN a store connection sets, and the one the tour changes it to. */
const PIN = '246813';
const NEXT_PIN = '135791';
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const [scenario = 'fresh', appData = ''] = process.argv.slice(2);
if (!appData) throw new Error('usage: electron-wiring.probe.ts <scenario> <appDataDir>');
const userData = join(appData, 'Loyalty Desk');

const logs: string[] = [];
console.error = (...parts: unknown[]) => {
  logs.push(parts.map((part) => (part instanceof Error ? `${part.name}: ${part.message}` : String(part))).join(' '));
};

/** The cashier's screen and a customer-facing one to its right. */
const CASHIER_SCREEN = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const CUSTOMER_SCREEN = { id: 2, bounds: { x: 1920, y: 0, width: 1024, height: 768 }, workArea: { x: 1920, y: 0, width: 1024, height: 768 } };
/** Where the cashier drags the window in `fresh`: onto the customer's screen. */
const ON_CUSTOMER_SCREEN = { x: 1950, y: 20, width: 1000, height: 700 };
const NEW_VERSION = '9.9.9';

// The app logs uncaught errors and keeps running (crash.ts); the probe's own failures must still end it.
const deliberate = new WeakSet<object>();
process.on('uncaughtException', (error) => {
  if (deliberate.has(error)) return;
  process.stderr.write(`Probe failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

app.setPath('appData', appData);
// Start at login on Linux writes an XDG autostart entry: into this run's folder, never the machine's.
process.env['XDG_CONFIG_HOME'] = join(appData, 'xdg-config');
const autostartFile = join(appData, 'xdg-config', 'autostart', 'loyalty-desk.desktop');
screen.displays = scenario === 'fresh' ? [CASHIER_SCREEN, CUSTOMER_SCREEN] : [CASHIER_SCREEN];
if (scenario === 'restart') {
  // As if the `fresh` run had crashed on the journal screen: it left its marker saying it was running.
  writeFileSync(join(userData, 'run-state.json'), JSON.stringify({ running: true, screen: 'journal' }));
}
const feed = scenario.startsWith('update-') ? await startUpdateFeed() : undefined;
if (scenario === 'locked-out') app.hasSingleInstanceLock = false;
if (scenario === 'no-encryption') safeStorage.encryptionAvailable = false;
if (scenario === 'basic-text') safeStorage.storageBackend = 'basic_text';
if (scenario === 'undecryptable') {
  mkdirSync(userData, { recursive: true });
  writeFileSync(join(userData, 'token-vault.json'), JSON.stringify({ encryptedToken: Buffer.from('sealed elsewhere').toString('base64') }));
  writeFileSync(join(userData, 'settings.json'), JSON.stringify({ mode: 'store' }));
}

const report: Record<string, unknown> = { scenario, logs };

await import(pathToFileURL(join(repoRoot, 'dist/electron/main/index.js')).href);
report['beforeReady'] = {
  appName: app.getName(),
  userData: app.getPath('userData'),
  sandboxEnabled: app.sandboxEnabled,
  appUserModelId: app.appUserModelId ?? null,
  windows: BrowserWindow.created.length,
};
app.becomeReady();
if (scenario === 'locked-out') {
  await new Promise((resolve) => setTimeout(resolve, 50));
  report['lockedOut'] = { quitted: app.quitted, windows: BrowserWindow.created.length, handlers: ipcMain.handlers.size };
  process.stdout.write(`${REPORT_MARKER}${JSON.stringify(report)}\n`);
  process.exit(0);
}
await until(() => BrowserWindow.created.length > 0);

const window = BrowserWindow.created[0]!;
const ownPage = window.loads[0]?.target ?? '';
const appFrame: SenderFrameDescription = { url: `${ownPage}#/member`, isMainFrame: true };
const call = (channel: string, input?: unknown, frame: SenderFrameDescription | null = appFrame) =>
  ipcMain.invokeFrom(frame, `loyalty-desk:${channel}`, input);

const { x, y, width, height, kiosk } = window.options;
report['windowPlacement'] = { x, y, width, height, kiosk, loginItems: [...app.loginItemSettings] };

if (scenario === 'fresh') await fullTour();
else if (feed) await updateTour();
else await storageTour();
report['netFetchCalls'] = net.calls;
report['netRequests'] = net.requested;
if (scenario === 'fresh') await crashTour();

// Quitting must stop the desk (the Training store) before the app really quits.
app.quit();
report['quit'] = { completedAtOnce: app.quitted };
await until(() => app.quitted);
if (feed) {
  report['update'] = {
    feedRequests: feed.requests,
    engineRequests: net.requested,
    appImage: readText(feed.appImage),
    installed: readText(join(appData, 'installed.txt')),
  };
  await new Promise((resolve) => feed.server.close(resolve));
}
report['windowState'] = readText(join(userData, 'window-state.json'));
report['runState'] = readText(join(userData, 'run-state.json'));
report['crashReporter'] = crashReporter.starts;
report['crashUploads'] = crashReporter.uploads;
report['applicationMenus'] = Menu.applicationMenus;
report['crashDumps'] = app.getPath('crashDumps');
// The log file as written: the token-leak test reads the whole report, this included.
report['logFile'] = readText(join(userData, 'logs', 'main.log'));

process.stdout.write(`${REPORT_MARKER}${JSON.stringify(report)}\n`);

async function fullTour(): Promise<void> {
  const shownBeforeReadyToShow = window.shown;
  window.emit('ready-to-show');
  report['window'] = {
    options: window.options,
    loads: window.loads,
    shownBeforeReadyToShow,
    shownAfterReadyToShow: window.shown,
    count: BrowserWindow.created.length,
  };
  report['ipc'] = { handled: [...ipcMain.handlers.keys()], listened: ipcMain.eventNames().map(String) };
  report['schemes'] = { privileged: protocol.privileged, calls: protocol.privilegedCalls, served: await servedByAppScheme() };

  const contents = window.webContents;
  report['navigation'] = {
    toForeignSite: contents.attempt('will-navigate', 'https://evil.example/'),
    toOtherFile: contents.attempt('will-navigate', pathToFileURL(join(repoRoot, 'package.json')).href),
    toOwnPage: contents.attempt('will-navigate', `${ownPage}#/settings`),
    redirectToForeignSite: contents.attempt('will-redirect', 'https://evil.example/'),
    webviewAttach: contents.attempt('will-attach-webview'),
    windowOpen: contents.windowOpenHandler?.({ url: 'https://evil.example/' } as never) ?? null,
  };
  // Contents created later (a devtools window, say) get the same guards.
  const later = new StandInWebContents();
  app.emit('web-contents-created', { preventDefault() {} }, later);
  report['laterContents'] = {
    toForeignSite: later.attempt('will-navigate', 'https://evil.example/'),
    webviewAttach: later.attempt('will-attach-webview'),
    windowOpen: later.windowOpenHandler?.({ url: 'https://evil.example/' } as never) ?? null,
  };

  const { permissionRequestHandler, permissionCheckHandler } = session.defaultSession;
  const requested = (permission: string) =>
    new Promise<unknown>((resolve) => (permissionRequestHandler as ((...args: unknown[]) => void) | null)?.({}, permission, resolve, {}));
  report['permissions'] = {
    request: { media: await requested('media'), notifications: await requested('notifications'), geolocation: await requested('geolocation') },
    check: {
      media: (permissionCheckHandler as ((...args: unknown[]) => unknown) | null)?.({}, 'media', 'file://', {}) ?? null,
      clipboardRead: (permissionCheckHandler as ((...args: unknown[]) => unknown) | null)?.({}, 'clipboard-read', 'file://', {}) ?? null,
    },
  };

  app.emit('second-instance', {}, [], '');
  report['secondInstanceFocused'] = window.focused;

  // Calls that must be refused without running: each would change something if it ran.
  const foreignFrames: Record<string, SenderFrameDescription | null> = {
    foreignSite: { url: 'https://evil.example/', isMainFrame: true },
    otherFile: { url: pathToFileURL(join(repoRoot, 'package.json')).href, isMainFrame: true },
    subframeOfOwnPage: { url: ownPage, isMainFrame: false },
    closedFrame: null,
  };
  const foreign: Record<string, unknown> = {};
  for (const [name, frame] of Object.entries(foreignFrames)) {
    foreign[name] = {
      training: await call('setTrainingMode', { enabled: true }, frame),
      settings: await call('updateSettings', { storeName: 'Hacked' }, frame),
    };
  }
  report['foreign'] = foreign;
  report['afterForeign'] = { status: await call('getStatus'), settings: await call('getSettings') };
  report['invalidInput'] = await call('getMember', { memberId: -1 });

  const store = await startSandbox({});
  try {
    process.env['HARAVAN_API_URL'] = store.url;
    report['secret'] = store.tokens.readWrite;
    // Results only: the inputs hold the token, the results must not.
    const calls: { phase: string; channel: string; result: unknown }[] = [];
    const record = async (phase: string, channel: string, input?: unknown) => {
      const result = await call(channel, input);
      calls.push({ phase, channel, result });
      return result;
    };
    await record('training', 'setTrainingMode', { enabled: true });
    await everyChannel('training', record);
    await record('training', 'setTrainingMode', { enabled: false });
    // Spaces around the token, as a paste from an e-mail would have.
    await record('store', 'connectStore', { token: ` ${store.tokens.readWrite} `, pin: PIN });
    await everyChannel('store', record);
    await record('store', 'setTrainingMode', { enabled: true });
    await record('store', 'setTrainingMode', { enabled: false });
    report['calls'] = calls;
    report['vaultWhileConnected'] = readText(join(userData, 'token-vault.json'));
    report['settingsFile'] = readText(join(userData, 'settings.json'));
    report['disconnect'] = await call('disconnectStore');
    report['vaultAfterDisconnect'] = readText(join(userData, 'token-vault.json'));
    // Connected again, then Training mode with its store running: quitting must stop that store (or this
    // process never exits), and the `restart` scenario starts from here.
    report['reconnect'] = await call('connectStore', { token: store.tokens.readWrite });
    await call('setTrainingMode', { enabled: true });
    report['trainingAtQuit'] = await call('lookup', { query: FEATURED_MEMBER.phone });
  } finally {
    await store.close();
  }
}

/** Every channel but the connection ones, with valid input. */
async function everyChannel(phase: string, record: (phase: string, channel: string, input?: unknown) => Promise<unknown>): Promise<void> {
  await record(phase, 'getStatus');
  await record(phase, 'getSettings');
  await record(phase, 'updateSettings', { storeName: `Cửa hàng ${phase}`, pointValueDong: 500 });
  await record(phase, 'lookup', { query: FEATURED_MEMBER.phone });
  await record(phase, 'getMember', { memberId: FEATURED_MEMBER.id });
  await record(phase, 'addPoints', { memberId: FEATURED_MEMBER.id, points: 100, reason: 'Mua hàng', orderRef: '#1001', reasonKind: 'promotion' });
  await record(phase, 'subtractPoints', { memberId: FEATURED_MEMBER.id, points: 50, reason: 'Đổi điểm', orderRef: '#1002' });
  await record(phase, 'listJournal', {});
  await record(phase, 'retryJournal');
  await record(phase, 'exportJournal');
  await record(phase, 'getDirectoryStatus');
  await record(phase, 'syncDirectory');
  // An applied entry can be neither discarded nor resolved: typed refusals that prove both channels answer.
  const journal = (await call('listJournal', { states: ['applied'], limit: 1 })) as { value: { id: string }[] };
  const applied = journal.value[0]!.id;
  await record(phase, 'discardEntry', { id: applied, reason: 'Thử' });
  await record(phase, 'resolveEntry', { id: applied, resolution: 'applied', note: 'Thử' });
  await record(phase, 'resendEntry', { id: applied, note: 'Thử' });
  await record(phase, 'settleDuplicate', { id: applied, decision: 'dismiss', note: 'Thử' });
  // A refund of the applied change: a new entry that reverses it, sent at once.
  await record(phase, 'reverseEntry', { id: applied, note: 'Thử' });
  await record(phase, 'recentMembers');
  await record(phase, 'listPrinters');
  await record(phase, 'openShift', { operator: 'Lan' });
  await record(phase, 'getShift');
  const slip = (await record(phase, 'previewSlip', { memberId: FEATURED_MEMBER.id })) as { value: { previewId: string; previewUrl: string } };
  report[`${phase}PreviewServed`] = await servedPreview(slip.value.previewUrl);
  await record(phase, 'printPreview', { previewId: slip.value.previewId });
  await record(phase, 'savePreviewPdf', { previewId: slip.value.previewId });
  await record(phase, 'previewLastSlip');
  await record(phase, 'previewShiftReport', {});
  const shift = (await record(phase, 'closeShift')) as { value: { id: number } };
  await record(phase, 'exportShiftCsv', { shiftId: shift.value.id });
  // The shift's end locked a manager's unlock (Training has no PIN: nothing to unlock).
  await record(phase, 'unlockSettings', { pin: PIN });
  await record(phase, 'setManagerPin', { pin: NEXT_PIN });
  await record(phase, 'lockSettings');
  await record(phase, 'unlockSettings', { pin: NEXT_PIN });
  // A connected store is always guarded: its PIN is changed back, not removed.
  await record(phase, 'setManagerPin', { pin: phase === 'training' ? null : PIN });
  await record(phase, 'setLanguage', { language: 'vi' });
  // The program: its versions and updates (an unpackaged build does not update itself), a screen kept for a restart, diagnostics.
  await record(phase, 'getTillInfo');
  await record(phase, 'checkForUpdates');
  await record(phase, 'setScreen', { screen: 'journal' });
  await record(phase, 'setScreen', { screen: 'cashier' });
  // Still unlocked from the PIN changes above (Training has none).
  await record(phase, 'restartToUpdate');
  await record(phase, 'exportDiagnostics');
  // A dedicated till: the settings put the window in kiosk mode and the app at login; the PIN takes them out.
  await record(phase, 'updateSettings', { kiosk: true, startAtLogin: true });
  // Alt+F4 (a close of the window) does not leave a dedicated till.
  window.close();
  report[`${phase}Kiosk`] = {
    kiosk: window.isKiosk(),
    openAtLogin: app.loginItemSettings.at(-1)?.openAtLogin ?? null,
    stillOpen: !window.isDestroyed(),
    autostart: readText(autostartFile),
  };
  await record(phase, 'updateSettings', { kiosk: false, startAtLogin: false });
  report[`${phase}KioskLeft`] = { kiosk: window.isKiosk(), openAtLogin: app.loginItemSettings.at(-1)?.openAtLogin ?? null, autostart: readText(autostartFile) };
}

/** The scenarios about where the token is kept. */
/** After the IPC tour: uncaught errors in main, the page's errors, renderer crashes, then the window dragged to the second screen and closed. */
async function crashTour(): Promise<void> {
  const secret = String(report['secret']);
  report['errorListeners'] = { uncaughtException: process.listenerCount('uncaughtException'), unhandledRejection: process.listenerCount('unhandledRejection') };
  // What a bug would throw: its message carrying the token and a member's phone.
  const thrown = new Error(`boom while sending with ${secret} for ${FEATURED_MEMBER.phone}`);
  deliberate.add(thrown);
  (process.emit as (event: string, ...args: unknown[]) => boolean)('uncaughtException', thrown, 'uncaughtException');
  process.emit('unhandledRejection', new Error(`rejected: Bearer ${secret}`), Promise.resolve());
  window.webContents.emit('console-message', { level: 'error', message: `Uncaught TypeError: lookup 0909977921 failed`, lineNumber: 3, sourceId: 'loyalty-desk://app/assets/index.js' });
  window.webContents.emit('console-message', { level: 'info', message: 'a chatty info line', lineNumber: 1, sourceId: 'x' });
  const reloads: number[] = [];
  window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
  reloads.push(window.webContents.reloads);
  window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
  reloads.push(window.webContents.reloads);
  // A page that crashes as it loads is reloaded a few times, then left alone rather than looping.
  for (let i = 0; i < 4; i += 1) window.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
  reloads.push(window.webContents.reloads);
  report['reloads'] = reloads;
  window.moveTo(ON_CUSTOMER_SCREEN);
  window.close();
}

/** A development feed offers NEW_VERSION: wait for electron-updater to download it, with a shift open in `update-blocked`. */
async function updateTour(): Promise<void> {
  const log = () => readText(join(userData, 'logs', 'main.log')) ?? '';
  await until(() => /update\.download\.(done|failed|declined)/.test(log()), 10_000);
  if (scenario === 'update-blocked') {
    report['training'] = await call('setTrainingMode', { enabled: true });
    report['shift'] = await call('openShift', { operator: 'Lan' });
  }
}

/**
 * The feed a release would publish, on 127.0.0.1: latest-linux.yml naming an "AppImage" (a shell script that
 * says it ran, standing in for the new version's installer) with its sha512, and the app's current AppImage.
 */
async function startUpdateFeed(): Promise<{ url: string; server: Server; requests: string[]; appImage: string }> {
  const installer = Buffer.from('#!/bin/sh\necho "installed $APPIMAGE_SILENT_INSTALL $APPIMAGE_EXIT_AFTER_INSTALL" > "$(dirname "$0")/installed.txt"\n');
  const fileName = `loyalty-desk-${NEW_VERSION}-x86_64.AppImage`;
  const sha512 = createHash('sha512').update(installer).digest('base64');
  // Someone between the server and the till changed the installer: same length, other bytes.
  const served = scenario === 'update-tampered' ? Buffer.from(installer.toString().replace('installed', 'tampered!')) : installer;
  const yml = `version: ${NEW_VERSION}\nfiles:\n  - url: ${fileName}\n    sha512: ${sha512}\n    size: ${installer.length}\npath: ${fileName}\nsha512: ${sha512}\nreleaseDate: '2025-11-20T08:00:00.000Z'\n`;
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://feed').pathname;
    requests.push(path);
    if (path === '/feed/latest-linux.yml') response.writeHead(200, { 'content-type': 'text/yaml' }).end(yml);
    else if (path === `/feed/${fileName}`) response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': served.length }).end(served);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed/`;
  // Read by the bundle as it loads: a development build's own feed, its cache, and the AppImage it runs from.
  const appImage = join(appData, 'Loyalty Desk.AppImage');
  mkdirSync(appData, { recursive: true });
  writeFileSync(appImage, 'the version before', { mode: 0o755 });
  Object.assign(process.env, { LOYALTY_DESK_UPDATE_URL: url, XDG_CACHE_HOME: join(appData, 'cache'), APPIMAGE: appImage });
  app.version = '1.0.0';
  return { url, server, requests, appImage };
}

async function storageTour(): Promise<void> {
  report['statusAtStart'] = await call('getStatus');
  if (scenario === 'restart') {
    // Leaving Training mode back to the store needs the PIN the store connection set.
    report['unlockAfterRestart'] = await call('unlockSettings', { pin: PIN });
    report['backToStore'] = await call('setTrainingMode', { enabled: false });
    return;
  }
  if (scenario === 'undecryptable') {
    report['vaultAfterStatus'] = readText(join(userData, 'token-vault.json'));
    return;
  }
  const store = await startSandbox({});
  try {
    process.env['HARAVAN_API_URL'] = store.url;
    report['secret'] = store.tokens.readWrite;
    report['connect'] = await call('connectStore', { token: store.tokens.readWrite, pin: PIN });
    report['lookup'] = await call('lookup', { query: FEATURED_MEMBER.phone });
    report['status'] = await call('getStatus');
    report['vaultWhileConnected'] = readText(join(userData, 'token-vault.json'));
  } finally {
    await store.close();
  }
}

function readText(path: string): string | null {
  if (!existsSync(path)) return null;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** What the app's scheme answers for its own files and for every way of asking for something else. */
async function servedByAppScheme(): Promise<Record<string, { status: number; csp?: string | null; type?: string | null }>> {
  const handler = protocol.handlers.get('loyalty-desk');
  const answers: Record<string, { status: number; csp?: string | null; type?: string | null }> = {};
  const asks: [string, string, string?][] = [
    ['page', 'loyalty-desk://app/index.html'],
    ['pageWithQuery', 'loyalty-desk://app/index.html?x=1#/member'],
    ['dotDot', 'loyalty-desk://app/../package.json'],
    ['encodedDotDot', 'loyalty-desk://app/%2e%2e/%2e%2e/package.json'],
    ['encodedSlash', 'loyalty-desk://app/..%2F..%2Fpackage.json'],
    ['backslash', 'loyalty-desk://app/..%5C..%5Cpackage.json'],
    ['nulByte', 'loyalty-desk://app/index.html%00.js'],
    ['otherHost', 'loyalty-desk://evil/index.html'],
    ['missing', 'loyalty-desk://app/no-such-file.js'],
    ['post', 'loyalty-desk://app/index.html', 'POST'],
  ];
  for (const [name, url, method] of asks) {
    const response = handler ? await handler(new Request(url, { method: method ?? 'GET' })) : new Response(null, { status: 0 });
    answers[name] = { status: response.status, csp: response.headers.get('content-security-policy'), type: response.headers.get('content-type') };
  }
  return answers;
}

/** The preview document as the app's preview scheme serves it to the frame: status, policy and text. */
async function servedPreview(url: string): Promise<{ status: number; csp: string | null; hasMember: boolean }> {
  const handler = protocol.handlers.get(new URL(url).protocol.replace(':', ''));
  if (!handler) return { status: 0, csp: null, hasMember: false };
  const response = await handler(new Request(url));
  return { status: response.status, csp: response.headers.get('content-security-policy'), hasMember: (await response.text()).includes('Nguyễn Văn An') };
}
