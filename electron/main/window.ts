// The cashier's window: hardened web preferences, shown once painted, loading the app's page, where the
// cashier left it (window-state.ts), in kiosk mode on a dedicated till.

import { app, BrowserWindow } from 'electron';
import type { WindowPlacement } from '../window/bounds.ts';
import type { AppPage } from './app-page.ts';
import { WINDOW_SIZE } from './window-state.ts';

export interface WindowLook {
  placement?: Pick<WindowPlacement, 'bounds' | 'maximized'>;
  /** Full screen without frame or taskbar, for a till that does nothing else. */
  kiosk?: boolean;
}

export function createMainWindow(page: AppPage, preload: string, look: WindowLook = {}): BrowserWindow {
  const bounds = look.placement?.bounds;
  const window = new BrowserWindow({
    title: 'Loyalty Desk',
    ...(bounds ? { x: bounds.x, y: bounds.y } : {}),
    width: bounds?.width ?? WINDOW_SIZE.width,
    height: bounds?.height ?? WINDOW_SIZE.height,
    minWidth: WINDOW_SIZE.minWidth,
    minHeight: WINDOW_SIZE.minHeight,
    kiosk: look.kiosk === true,
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
      // No developer tools at a till: they would give whoever stands there the page and its API.
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => {
    // Maximized before it shows, so the cashier does not see it jump.
    if (look.placement?.maximized && !look.kiosk) window.maximize();
    window.show();
  });
  const loading = window.loadURL(page.url);
  loading.catch((error: unknown) => console.error('Loyalty Desk: the window could not load its page:', error));
  return window;
}
