// The updater's Electron half: electron-updater's autoUpdater as the engine of the Electron-free update
// service (updates/service.ts), which decides what to take and when it may install. electron-updater only
// downloads, verifies (sha512 from the feed; the publisher's signature on Windows) and installs.

import electronUpdater from 'electron-updater';
import { app } from 'electron';
import type { EventLog } from '../logging/log.ts';
import type { TillState } from '../updates/decide.ts';
import { createUpdateService, type UpdateEngine, type UpdatePreferences, type UpdateService } from '../updates/service.ts';

export { BUILT_IN_FEED_URL } from '../updates/feed.ts';

export interface UpdaterOptions {
  preferences: () => UpdatePreferences;
  tillState: () => Promise<TillState | undefined>;
  log: EventLog;
  /**
   * A development build's own feed (LOYALTY_DESK_UPDATE_URL): checked at once, and electron-updater is told to
   * work although the app is not packaged. Never honoured by a packaged app.
   */
  developmentFeed?: string;
}

/**
 * The update service over electron-updater, started when updates can happen: in a packaged app, or in a
 * development build given its own feed (an unpackaged app would otherwise ask the real feed on every run).
 */
export function startUpdater(options: UpdaterOptions): UpdateService {
  const { autoUpdater } = electronUpdater;
  const development = !app.isPackaged && options.developmentFeed !== undefined;
  autoUpdater.logger = {
    info: (message?: unknown) => options.log.info('updater.engine', { message: String(message) }),
    warn: (message?: unknown) => options.log.warn('updater.engine', { message: String(message) }),
    error: (message?: unknown) => options.log.error('updater.engine', { message: String(message) }),
    debug: () => undefined,
  };
  // The service decides when to download and whether quitting installs; electron-updater decides nothing.
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.autoRunAppAfterInstall = true;
  autoUpdater.forceDevUpdateConfig = development;

  const engine: UpdateEngine = {
    async download(preferences) {
      autoUpdater.setFeedURL({ provider: 'generic', url: preferences.feedUrl, channel: preferences.channel });
      autoUpdater.channel = preferences.channel;
      // Setting the channel allows downgrades (electron-updater's rule): a till never goes back a version.
      autoUpdater.allowDowngrade = false;
      autoUpdater.allowPrerelease = preferences.channel !== 'latest';
      const result = await autoUpdater.checkForUpdates();
      if (!result?.isUpdateAvailable) return null;
      // On while downloading: electron-updater adds its quit handler only if it is on when the download ends.
      // The service then sets it before every quit (prepareQuit), so the handler installs only when allowed.
      autoUpdater.autoInstallOnAppQuit = true;
      try {
        await autoUpdater.downloadUpdate();
      } finally {
        autoUpdater.autoInstallOnAppQuit = false;
      }
      return result.updateInfo.version;
    },
    setInstallOnQuit(allowed) {
      autoUpdater.autoInstallOnAppQuit = allowed;
    },
    install() {
      // Silent, and the new version starts by itself: the till comes back without anyone at the keyboard.
      // A failure is an 'error' event, and quitAndInstall returns as if nothing happened: the service is told.
      autoUpdater.once('error', (error: unknown) => service.installFailed(error));
      autoUpdater.quitAndInstall(true, true);
    },
  };

  const service = createUpdateService({
    currentVersion: app.getVersion(),
    preferences: options.preferences,
    tillState: options.tillState,
    engine,
    log: options.log,
    policy: development ? { firstCheckDelayMs: 0 } : {},
  });
  if (app.isPackaged || development) service.start();
  return service;
}
