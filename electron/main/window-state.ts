// The till's window between starts: its place (window/bounds.ts decides it from what was saved and the
// displays there are now), kiosk mode for dedicated tills, and start at login (Electron's login items; an
// XDG autostart entry on Linux). The screen's settings call setKiosk and setStartAtLogin after the PIN;
// nothing here asks for it.

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { app, screen, type BrowserWindow } from 'electron';
import { setLinuxAutostart } from '../window/autostart.ts';
import { chooseWindowPlacement, parseWindowState, type SavedWindowState, type WindowPlacement, type WindowSize } from '../window/bounds.ts';

export const WINDOW_SIZE: WindowSize = { width: 1280, height: 800, minWidth: 960, minHeight: 640 };

/** Where the window opens this time. Call once the app is ready (the screen module needs it). */
export function restoredPlacement(file: string, size: WindowSize = WINDOW_SIZE): WindowPlacement {
  let saved: SavedWindowState | undefined;
  try {
    saved = parseWindowState(readFileSync(file, 'utf8'));
  } catch {
    saved = undefined;
  }
  return chooseWindowPlacement(saved, screen.getAllDisplays(), screen.getPrimaryDisplay(), size);
}

/** Saves the window's place as the cashier moves it, and once more as it closes. */
export function keepWindowState(window: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    if (window.isDestroyed()) return;
    // The normal bounds: a maximized or kiosk window comes back maximized or in kiosk, over its normal place.
    const bounds = window.getNormalBounds();
    const display = screen.getDisplayMatching(bounds);
    const state: SavedWindowState = { bounds, displayId: display.id, displayBounds: display.bounds, maximized: window.isMaximized() };
    try {
      writeFileSync(`${file}.tmp`, JSON.stringify(state));
      renameSync(`${file}.tmp`, file);
    } catch {
      // A place not kept is a window opening centred next time: never worth failing for.
    }
  };
  // Moves and resizes come in bursts while the cashier drags: saved once the drag settles. `resized` and
  // `moved` fire once at the end on Windows and macOS; Linux has only `resize` and `move`, as it goes.
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  for (const event of ['resized', 'moved', 'resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event as 'resized', soon);
  window.on('close', save);
}

/** Kiosk mode: full screen without the window's frame or the taskbar; leaving it is behind the PIN (the screen's IPC). */
export function setKiosk(window: BrowserWindow, enabled: boolean): void {
  window.setKiosk(enabled);
}

/** Start at login: Electron's login items on Windows and macOS, an XDG autostart entry on Linux. */
export function setStartAtLogin(enabled: boolean): boolean {
  // The installed program itself, with no arguments: the same entry is found again to turn it off.
  app.setLoginItemSettings({ openAtLogin: enabled, path: process.execPath, args: [] });
  if (process.platform !== 'linux') return process.platform === 'win32' || process.platform === 'darwin';
  // Electron's login items do nothing here. An AppImage runs from a temporary mount: the entry starts the file itself.
  setLinuxAutostart(process.env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), enabled, process.env['APPIMAGE'] || process.execPath);
  return true;
}

export function startsAtLogin(): boolean {
  if (process.platform !== 'win32' && process.platform !== 'darwin') return false;
  return app.getLoginItemSettings({ path: process.execPath, args: [] }).openAtLogin;
}
