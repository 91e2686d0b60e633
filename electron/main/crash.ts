// Crashes caught and kept: Electron's crashReporter writes minidumps into the app's data folder (sent
// nowhere unless a manager gave an address), uncaught errors in main and errors in the page are logged, and
// a page whose renderer died is reloaded. The screen it was on comes back through the run marker
// (crash/run-marker.ts), which also covers a crash of the whole app: the next start opens on that screen.

import { join } from 'node:path';
import { app, crashReporter, type BrowserWindow } from 'electron';
import { openRunMarker, type RunMarker } from '../crash/run-marker.ts';
import type { EventLog } from '../logging/log.ts';

export interface CrashOptions {
  log: EventLog;
  /** The app's data folder: dumps go to crash-dumps/ in it, the run marker beside them. */
  dataDir: string;
  /** Where a manager asked dumps to be sent; none by default, and then nothing leaves the till. */
  uploadUrl?: string;
}

export interface CrashWatch {
  /** Started before this run: what the run marker says about the last one. */
  marker: RunMarker;
  /** The app or its page came back from a crash in this run: the screen it was on. */
  recovery(): { screen: string | undefined } | null;
  /**
   * The address the manager set, as the sealed settings trust it: uploads go on only if it is the one the
   * reporter started with (an address changed by hand in the file never receives a dump; a new one applies at the next start).
   */
  allowUpload(url: string): void;
  dumpsDir: string;
  /** Reloads the window's page when its renderer dies, and logs what the page reports as errors. */
  watchWindow(window: BrowserWindow): void;
}

/** More reloads than this within RELOAD_WINDOW_MS: the page crashes as it loads, and reloading again would only loop. */
const MAX_RELOADS = 3;
const RELOAD_WINDOW_MS = 60_000;

/** Call before the app is ready: the crash reporter must start before any other process does. */
export function startCrashHandling(options: CrashOptions): CrashWatch {
  const { log } = options;
  const dumpsDir = join(options.dataDir, 'crash-dumps');
  // Set before start(): Crashpad reads the folder when it starts.
  app.setPath('crashDumps', dumpsDir);
  const uploadUrl = options.uploadUrl?.trim() ?? '';
  crashReporter.start({
    productName: 'Loyalty Desk',
    companyName: 'Loyalty Desk',
    submitURL: uploadUrl,
    // Off until the sealed settings, readable once the app is ready, confirm the address (allowUpload).
    uploadToServer: false,
    // Nothing in the dumps' annotations but versions: Electron adds its own, the app adds none.
    compress: true,
  });
  log.info('crash.reporter', { dumpsDir, uploadAddressGiven: uploadUrl !== '' });

  const marker = openRunMarker(join(options.dataDir, 'run-state.json'));
  if (marker.previousRunCrashed) log.warn('app.previous_run_crashed', { restoreScreen: marker.restoreScreen ?? null });

  // With a listener Electron shows no dialog and the app keeps running: a till mid-sale is better served by a
  // logged error than by a dialog or a restart; the desk's work is per request and survives one failing.
  process.on('uncaughtException', (error, origin) => log.error('main.uncaught_exception', { origin, error }));
  process.on('unhandledRejection', (reason) => log.error('main.unhandled_rejection', { reason }));
  app.on('child-process-gone', (_event, details) => {
    log.error('child_process.gone', { type: details.type, reason: details.reason, exitCode: details.exitCode, name: details.name ?? null });
  });
  app.on('will-quit', () => marker.closeCleanly());

  const reloads: number[] = [];
  let recovered: { screen: string | undefined } | null = marker.previousRunCrashed ? { screen: marker.restoreScreen } : null;
  return {
    marker,
    dumpsDir,
    recovery: () => recovered,
    allowUpload(url) {
      const allowed = uploadUrl !== '' && url.trim() === uploadUrl;
      crashReporter.setUploadToServer(allowed);
      if (url.trim() !== uploadUrl) log.info('crash.upload_address_changed', { appliesAtNextStart: true, allowedNow: allowed });
    },
    watchWindow(window) {
      const contents = window.webContents;
      contents.on('render-process-gone', (_event, details) => {
        const fields = { reason: details.reason, exitCode: details.exitCode, screen: marker.screen() ?? null };
        if (details.reason === 'clean-exit') return log.info('renderer.gone', fields);
        log.error('renderer.gone', fields);
        if (window.isDestroyed()) return;
        const now = Date.now();
        while (reloads.length > 0 && now - reloads[0]! > RELOAD_WINDOW_MS) reloads.shift();
        if (reloads.length >= MAX_RELOADS) {
          log.error('renderer.reload_given_up', { reloads: reloads.length });
          return;
        }
        reloads.push(now);
        recovered = { screen: marker.screen() };
        // The same page: it asks for the screen to restore (recovery()) as it starts.
        contents.reload();
      });
      contents.on('unresponsive', () => log.warn('renderer.unresponsive', { screen: marker.screen() ?? null }));
      contents.on('responsive', () => log.info('renderer.responsive', {}));
      contents.on('console-message', (details) => logPageError(log, details));
    },
  };
}

/** The page's uncaught errors reach the console as errors: logged (redacted), the rest of the console is not. */
function logPageError(log: EventLog, details: { level?: unknown; message?: unknown; sourceId?: unknown; lineNumber?: unknown }): void {
  if (details.level !== 'error') return;
  log.error('renderer.error', { message: String(details.message ?? ''), source: String(details.sourceId ?? ''), line: Number(details.lineNumber ?? 0) });
}
