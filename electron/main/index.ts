// The Electron main process: one instance per user, the desk built from the Electron adapters, the
// IPC contract served to the app's page, one hardened window. Everything else lives in the
// Electron-free desk.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { createDesk, type Desk } from '../desk.ts';
import { isAppPage, resolveAppPage } from './app-page.ts';
import { registerIpc } from './ipc.ts';
import { guardAllWebContents } from './navigation.ts';
import { denyAllPermissions } from './permissions.ts';
import { previewUrl, servePreviews } from './preview-protocol.ts';
import { registerSchemes, serveApp } from './schemes.ts';
import { electronPrinter } from './printer.ts';
import { electronSettingsStore } from './settings-store.ts';
import { safeStorageTokenVault } from './token-vault.ts';
import { createMainWindow } from './window.ts';

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

if (app.requestSingleInstanceLock()) {
  start();
} else {
  // A second start of the app: the first instance brings its window forward instead.
  app.quit();
}

function start(): void {
  let desk: Desk | undefined;
  let window: BrowserWindow | undefined;

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
    closing
      .close()
      .catch((error: unknown) => console.error('Loyalty Desk: closing failed:', error))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(() => {
      denyAllPermissions(session.defaultSession);
      desk = createDesk({
        vault: safeStorageTokenVault(),
        settings: electronSettingsStore(),
        dataDir: app.getPath('userData'),
        // Journal exports go where a manager finds them, not inside the app's data folder.
        exportDir: join(app.getPath('documents'), PRODUCT_NAME),
        printer: electronPrinter(() => window),
        // A variable on a till must not redirect the token: only a development build reads it (on loopback).
        developmentAddress: () => (app.isPackaged ? undefined : process.env['HARAVAN_API_URL']),
        previewUrl,
        logError: (channel, error) => console.error(`Loyalty Desk: ${channel} failed:`, error),
      });
      servePreviews(desk.previewDocument);
      if (page.kind === 'scheme') serveApp(page.rendererDir);
      registerIpc(ipcMain, desk.dispatch, isOwnPage);
      window = createMainWindow(page, preload);
      window.on('closed', () => {
        window = undefined;
      });
    })
    .catch((error: unknown) => {
      console.error('Loyalty Desk: could not start:', error);
      app.exit(1);
    });
}
