// The Electron main process: one instance per user, the desk built from the Electron adapters, the
// IPC contract served to the app's page, one hardened window; the log, crash handling, the window's place
// and updates around them. Everything else lives in the Electron-free desk.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { createDesk, type Desk } from '../desk.ts';
import type { DeskStatus } from '../ipc/contract.ts';
import { createFileLog } from '../logging/log.ts';
import { defaultChannel, type TillState } from '../updates/decide.ts';
import { BUILT_IN_FEED_URL } from '../updates/feed.ts';
import type { UpdatePreferences, UpdateService } from '../updates/service.ts';
import { isAppPage, resolveAppPage } from './app-page.ts';
import { startCrashHandling } from './crash.ts';
import { registerIpc } from './ipc.ts';
import { guardAllWebContents } from './navigation.ts';
import { denyAllPermissions } from './permissions.ts';
import { previewUrl, servePreviews } from './preview-protocol.ts';
import { registerSchemes, serveApp } from './schemes.ts';
import { electronPrinter } from './printer.ts';
import { electronSettingsStore } from './settings-store.ts';
import { tillServices } from './till-services.ts';
import { safeStorageTokenVault } from './token-vault.ts';
import { startUpdater } from './updater.ts';
import { createMainWindow } from './window.ts';
import { keepWindowState, restoredPlacement, setStartAtLogin } from './window-state.ts';

const PRODUCT_NAME = 'Loyalty Desk';
const APP_ID = 'vn.loyaltydesk.app';

// This file is bundled to dist/electron/main/index.js; the preload and the renderer are built beside it.
const mainDir = dirname(fileURLToPath(import.meta.url));
const preload = join(mainDir, '..', 'preload', 'index.cjs');
const rendererDir = join(mainDir, '..', '..', 'renderer');
const page = resolveAppPage({
  rendererDir,
  devServerUrl: process.env['VITE_DEV_SERVER_URL'],
  isPackaged: app.isPackaged,
});
const isOwnPage = (url: string) => isAppPage(page, url);

app.setName(PRODUCT_NAME);
// The same data folder whether started packaged or from the repository (where the name would be Electron's).
app.setPath('userData', join(app.getPath('appData'), PRODUCT_NAME));
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
app.enableSandbox();
registerSchemes();

// A development build may point at a feed of its own (on loopback or https) to try updates; a packaged one never.
const developmentFeed = app.isPackaged ? undefined : process.env['LOYALTY_DESK_UPDATE_URL'] || undefined;
/** Until the settings hold them (behind the PIN): kiosk mode for a dedicated till, and start at login; both off. */
const windowPreferences = { kiosk: false, startAtLogin: false };
/** Until the settings hold them (a manager's channel, feed and install time, behind the PIN): the defaults. */
const updatePreferences = (): UpdatePreferences => ({ channel: defaultChannel(app.getVersion()), feedUrl: developmentFeed ?? BUILT_IN_FEED_URL, installTime: '' });

if (app.requestSingleInstanceLock()) {
  start();
} else {
  // A second start of the app: the first instance brings its window forward instead.
  app.quit();
}

function start(): void {
  let desk: Desk | undefined;
  let window: BrowserWindow | undefined;
  const userData = app.getPath('userData');
  let secrets: () => readonly string[] = () => [];
  const log = createFileLog({ dir: join(userData, 'logs'), secrets: () => secrets(), console: !app.isPackaged });
  const crash = startCrashHandling({ log, dataDir: userData });
  let updates: UpdateService | undefined;
  Object.assign(tillServices, { log, crash, mainWindow: () => window });
  log.info('app.start', { version: app.getVersion(), packaged: app.isPackaged, restoreScreen: crash.marker.restoreScreen ?? null });

  guardAllWebContents(app, isOwnPage);

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  // A till app has nothing to do without its window, on every platform.
  app.on('window-all-closed', () => app.quit());

  app.on('will-quit', (event) => {
    if (!desk) return;
    // Quit waits for the desk to stop the Training store, which may be writing its data file.
    event.preventDefault();
    const closing = desk;
    desk = undefined;
    // Whether quitting installs a downloaded update is decided while the desk can still say what the till is doing.
    (updates?.prepareQuit() ?? Promise.resolve())
      .catch((error: unknown) => log.error('update.prepare_quit_failed', { error }))
      .then(() => closing.close())
      .catch((error: unknown) => {
        log.error('app.close_failed', { error });
        console.error('Loyalty Desk: closing failed:', error);
      })
      .finally(() => {
        updates?.stop();
        log.info('app.quit', {});
        app.quit();
      });
  });

  app
    .whenReady()
    .then(() => {
      denyAllPermissions(session.defaultSession);
      const vault = safeStorageTokenVault();
      // The log blanks the stored token wherever it appears (logging/redact.ts).
      secrets = () => {
        const stored = vault.read();
        return stored ? [stored.token] : [];
      };
      desk = createDesk({
        vault,
        settings: electronSettingsStore(),
        dataDir: app.getPath('userData'),
        // Journal exports go where a manager finds them, not inside the app's data folder.
        exportDir: join(app.getPath('documents'), PRODUCT_NAME),
        printer: electronPrinter(() => window),
        // A variable on a till must not redirect the token: only a development build reads it (on loopback).
        developmentAddress: () => (app.isPackaged ? undefined : process.env['HARAVAN_API_URL']),
        previewUrl,
        logError: (channel, error) => {
          log.error('ipc.failed', { channel, error });
          console.error(`Loyalty Desk: ${channel} failed:`, error);
        },
      });
      servePreviews(desk.previewDocument);
      if (page.kind === 'scheme') serveApp(page.rendererDir);
      registerIpc(ipcMain, desk.dispatch, isOwnPage);
      // Applied at every start, so that the login item follows the setting (and the installed program's path).
      setStartAtLogin(windowPreferences.startAtLogin);
      const windowStateFile = join(userData, 'window-state.json');
      const placement = restoredPlacement(windowStateFile);
      log.info('window.placement', { source: placement.source, displayId: placement.displayId, maximized: placement.maximized });
      window = createMainWindow(page, preload, { placement, kiosk: windowPreferences.kiosk });
      keepWindowState(window, windowStateFile);
      crash.watchWindow(window);
      window.on('closed', () => {
        window = undefined;
      });
      const running = desk;
      updates = startUpdater({ preferences: updatePreferences, tillState: () => tillState(running), log, developmentFeed });
      tillServices.updates = updates;
    })
    .catch((error: unknown) => {
      log.error('app.start_failed', { error });
      console.error('Loyalty Desk: could not start:', error);
      app.exit(1);
    });
}

/**
 * What an install must wait for, read through the desk's own channels. The status counts entries being sent
 * together with those waiting to be, so every one of them counts as possibly sending: the safe reading.
 */
async function tillState(desk: Desk): Promise<TillState | undefined> {
  const status = await desk.dispatch('getStatus', undefined);
  if (!status.ok) return undefined;
  const { mode, journal } = status.value as DeskStatus;
  const counts = { journalSending: journal.pending, journalUncertain: journal.uncertain };
  // No store and no Training: no shift can be open.
  if (mode === 'none') return { shiftOpen: false, ...counts };
  const shift = await desk.dispatch('getShift', undefined);
  return shift.ok ? { shiftOpen: shift.value !== null, ...counts } : undefined;
}
