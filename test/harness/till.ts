// The program as the browser harness runs it: a real log file (redacted as the app's is) in the data folder,
// the real update service against whatever feed the settings name, with an engine that "downloads" by reading
// the feed and records installs instead of replacing a program, and a run marker for restarts after a crash.

import { join } from 'node:path';
import { openRunMarker } from '../../electron/crash/run-marker.ts';
import type { Dispatch } from '../../electron/ipc/dispatch.ts';
import { createFileLog, type FileLog } from '../../electron/logging/log.ts';
import type { Settings } from '../../electron/settings/settings.ts';
import type { TillPort } from '../../electron/till/port.ts';
import { tillState } from '../../electron/till/state.ts';
import { fetchFeed } from '../../electron/updates/feed.ts';
import { createUpdateService, type UpdateService } from '../../electron/updates/service.ts';

export interface HarnessTill extends TillPort {
  log: FileLog;
  /** Versions "installed" by restart to update, in order. */
  installs: string[];
  /** The desk's dispatch, once the desk exists (the update service asks it what the till is doing). */
  bind(dispatch: Dispatch): void;
  /** `clean`: the program quit (the next start opens as usual); else it crashed. */
  stop(clean: boolean): void;
}

export function harnessTill(options: { dataDir: string; version: string; secrets: () => readonly string[] }): HarnessTill {
  const log = createFileLog({ dir: join(options.dataDir, 'logs'), secrets: options.secrets, console: false });
  const marker = openRunMarker(join(options.dataDir, 'run-state.json'));
  const installs: string[] = [];
  let applied: Settings | undefined;
  let dispatch: Dispatch | undefined;
  const updates: UpdateService = createUpdateService({
    currentVersion: options.version,
    preferences: () => ({ channel: applied?.updateChannel ?? 'latest', feedUrl: applied?.updateFeedUrl ?? '', installTime: applied?.updateInstallTime ?? '' }),
    tillState: async () => (dispatch ? tillState(dispatch) : undefined),
    engine: {
      async download(preferences) {
        const read = await fetchFeed(preferences.feedUrl, preferences.channel);
        return read.ok ? read.feed.version : null;
      },
      setInstallOnQuit: () => undefined,
      install: () => void installs.push(updates.status().downloaded ?? '?'),
    },
    log,
  });
  return {
    log,
    installs,
    bind: (next) => void (dispatch = next),
    stop(clean) {
      updates.stop();
      if (clean) marker.closeCleanly();
    },
    versions: () => ({ app: options.version, node: process.versions.node, shell: 'browser harness' }),
    // Without a feed of its own the harness does not update (it would ask the real feed).
    updates: () => (applied?.updateFeedUrl ? updates.status() : null),
    checkForUpdates: async () => (applied?.updateFeedUrl ? updates.checkNow() : null),
    restartToUpdate: () => updates.restartToUpdate(),
    logFiles: () => log.files(),
    applySettings(settings) {
      const before = applied;
      applied = settings;
      if (before && before.updateFeedUrl !== settings.updateFeedUrl) void updates.preferencesChanged();
    },
    setScreen: (screen) => marker.setScreen(screen),
    afterCrash: () => (marker.previousRunCrashed ? { screen: marker.restoreScreen } : null),
  };
}
