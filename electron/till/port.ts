// What the desk asks of the program it runs in: its versions and its updates, its log, its window and login
// item, and how this run started. The Electron adapter (main/) and the browser harness each provide one;
// the desk stays Electron-free.

import type { Settings } from '../settings/settings.ts';
import type { RestartAnswer, UpdateStatus } from '../updates/service.ts';

export interface TillPort {
  /** The program's version and those of what it runs on. */
  versions(): Record<string, string>;
  /** The updater's state; null where this program does not update itself (a development build). */
  updates(): UpdateStatus | null;
  checkForUpdates(): Promise<UpdateStatus | null>;
  /** Installs a downloaded update now, if the till allows it (updates/decide.ts), else says why not. */
  restartToUpdate(): Promise<RestartAnswer>;
  /** The log's files, newest first, for the diagnostics file. */
  logFiles(): string[];
  /** The settings main acts on, at start and after every change: the window, the login item and the updater follow. */
  applySettings(settings: Settings): void;
  /** The screen shown now, kept so that a restart after a crash comes back to it. */
  setScreen(screen: string): void;
  /** This run followed one that did not end by quitting (a crash, a power cut): the screen it was on. */
  afterCrash(): { screen: string | undefined } | null;
}

/** A program that neither updates nor logs to files (tests of the desk alone). */
export const NO_TILL: TillPort = {
  versions: () => ({ node: process.versions.node }),
  updates: () => null,
  checkForUpdates: async () => null,
  restartToUpdate: async () => ({ ok: false, blockedBy: ['not_downloaded'] }),
  logFiles: () => [],
  applySettings: () => undefined,
  setScreen: () => undefined,
  afterCrash: () => null,
};
