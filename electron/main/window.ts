// The cashier's window: hardened web preferences, shown once painted, loading the app's page.

import { BrowserWindow } from 'electron';
import type { AppPage } from './app-page.ts';

export function createMainWindow(page: AppPage, preload: string): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Loyalty Desk',
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 640,
    // Shown on ready-to-show, so the cashier never sees a blank white frame.
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Vietnamese names and addresses are not dictionary words; and the spellchecker would download
      // dictionaries from Google.
      spellcheck: false,
      // A middle click on a link would ask for a new window; refused anyway, but better never asked.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  const loading = window.loadURL(page.url);
  loading.catch((error: unknown) => console.error('Loyalty Desk: the window could not load its page:', error));
  return window;
}
