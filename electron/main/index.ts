// The Electron main process: one instance per user, the desk built from the Electron adapters, the
// IPC contract served to the app's page, one hardened window; the log, crash handling, the window's place
// and updates around them. Everything else lives in the Electron-free desk.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, session } from 'electron';
import { createDesk, type Desk } from '../desk.ts';
import { createFileLog } from '../logging/log.ts';
import { defaultChannel } from '../updates/decide.ts';
import { tillState } from '../till/state.ts';
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
import { keepWindowState, restoredPlacement, setKiosk, setStartAtLogin } from './window-state.ts';
import { appVersions } from './diagnostics.ts';
import type { Settings } from '../settings/settings.ts';
import type { TillPort } from '../till/port.ts';

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
/** Whether this program updates itself (updater.ts starts the schedule only then). */
const updating = app.isPackaged || developmentFeed !== undefined;

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
  const settingsStore = electronSettingsStore();
  // The reporter starts before anything else can crash, so with the file's address; the sealed settings,
  // readable once the app is ready, then decide whether uploads may go (crash.allowUpload).
  const crash = startCrashHandling({ log, dataDir: userData, uploadUrl: settingsStore.read().crashUploadUrl });
  /** The settings main acts on (the desk applies them at start and after every change). */
  let applied: Settings | undefined;
  /** The manager's channel, feed and install time (behind the PIN); a development feed wins in a development build. */
  const updatePreferences = (): UpdatePreferences => ({
    channel: applied?.updateChannel ?? defaultChannel(app.getVersion()),
    feedUrl: developmentFeed ?? (applied?.updateFeedUrl || BUILT_IN_FEED_URL),
    installTime: applied?.updateInstallTime ?? '',
  });
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
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });

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
      // No menu: its Quit (Ctrl+Q) and developer-tools keys would leave a dedicated till without the PIN.
      Menu.setApplicationMenu(null);
      const vault = safeStorageTokenVault();
      // The log blanks the stored token wherever it appears (logging/redact.ts).
      secrets = () => {
        const stored = vault.read();
        return stored ? [stored.token] : [];
      };
      const till: TillPort = {
        versions: appVersions,
        // A development build without a feed of its own does not update itself, nor ask the real feed.
        updates: () => (updating ? (updates?.status() ?? null) : null),
        checkForUpdates: async () => (updating && updates ? updates.checkNow() : null),
        restartToUpdate: async () => (updating && updates ? updates.restartToUpdate() : { ok: false, blockedBy: ['not_downloaded'] }),
        logFiles: () => log.files(),
        applySettings(settings) {
          const before = applied;
          applied = settings;
          crash.allowUpload(settings.crashUploadUrl);
          // At every start (the installed program's path may have changed), then when the setting does.
          if (before?.startAtLogin !== settings.startAtLogin) setStartAtLogin(settings.startAtLogin);
          if (window && before?.kiosk !== settings.kiosk) setKiosk(window, settings.kiosk);
          const updatesChanged = before && (['updateChannel', 'updateFeedUrl', 'updateInstallTime'] as const).some((field) => before[field] !== settings[field]);
          if (updatesChanged) void updates?.preferencesChanged();
        },
        setScreen: (screen) => crash.marker.setScreen(screen),
        afterCrash: () => crash.recovery(),
      };
      desk = createDesk({
        vault,
        settings: settingsStore,
        log,
        till,
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
      const windowStateFile = join(userData, 'window-state.json');
      const placement = restoredPlacement(windowStateFile);
      log.info('window.placement', { source: placement.source, displayId: placement.displayId, maximized: placement.maximized });
      window = createMainWindow(page, preload, { placement, kiosk: applied?.kiosk ?? false });
      keepWindowState(window, windowStateFile);
      // A dedicated till: Alt+F4 does not leave it; the manager turns kiosk mode off (behind the PIN) first.
      // Quitting the app (an update's install, the system shutting down) still closes it.
      window.on('close', (event) => {
        if (applied?.kiosk && !quitting) {
          event.preventDefault();
          log.info('window.close_refused', { kiosk: true });
        }
      });
      // Windows logging off or shutting down ends the app without will-quit: an ordinary end, not a crash.
      window.on('session-end', () => {
        quitting = true;
        crash.marker.closeCleanly();
      });
      crash.watchWindow(window);
      window.on('closed', () => {
        window = undefined;
      });
      const running = desk;
      updates = startUpdater({ preferences: updatePreferences, tillState: () => tillState(running.dispatch), log, developmentFeed });
      tillServices.updates = updates;
    })
    .catch((error: unknown) => {
      log.error('app.start_failed', { error });
      console.error('Loyalty Desk: could not start:', error);
      app.exit(1);
    });
}
