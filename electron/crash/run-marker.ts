// Which screen the app was on, kept on disk as it changes, and whether the last run ended by quitting. A run
// that did not (a crash, a power cut, the process killed) leaves `running: true` behind, and the next start
// opens on the screen it was on. Electron-free: crash.ts and the screen's IPC call it.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface RunMarker {
  /** The last run ended without quitting. */
  readonly previousRunCrashed: boolean;
  /** The screen to open on: the one the crashed run was on; undefined after a clean quit or on a first start. */
  readonly restoreScreen: string | undefined;
  /** The screen now (what a renderer reload after a crash comes back to). */
  screen(): string | undefined;
  setScreen(name: string): void;
  /** The app is quitting normally: the next start opens as usual. */
  closeCleanly(): void;
}

/** A screen name is the screen's own identifier ("cashier", "settings/store"), never data typed at the till. */
const SCREEN_NAME = /^[a-z][a-z0-9_/-]{0,63}$/;

interface Stored {
  running: boolean;
  screen?: string;
}

export function openRunMarker(file: string): RunMarker {
  const previous = read(file);
  const previousRunCrashed = previous?.running === true;
  const restoreScreen = previousRunCrashed ? previous?.screen : undefined;
  let current: string | undefined = restoreScreen;
  const save = (stored: Stored) => write(file, stored);
  save({ running: true, ...(current ? { screen: current } : {}) });
  return {
    previousRunCrashed,
    restoreScreen,
    screen: () => current,
    setScreen(name) {
      if (!SCREEN_NAME.test(name) || name === current) return;
      current = name;
      save({ running: true, screen: name });
    },
    closeCleanly() {
      save({ running: false, ...(current ? { screen: current } : {}) });
    },
  };
}

function read(file: string): Stored | undefined {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<Stored>;
    if (typeof data.running !== 'boolean') return undefined;
    return { running: data.running, ...(typeof data.screen === 'string' && SCREEN_NAME.test(data.screen) ? { screen: data.screen } : {}) };
  } catch {
    return undefined;
  }
}

/** Written beside and renamed over, so a crash mid-write leaves the old marker rather than half a file. */
function write(file: string, stored: Stored): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify(stored));
  renameSync(temporary, file);
}
