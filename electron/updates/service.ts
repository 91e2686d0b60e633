// The updater's behaviour without Electron: checks the feed at start and every few hours, has the engine
// (electron-updater, in electron/main/updater.ts) download what is newer in the background, and lets it
// install on quit or at the manager's time, only when mayInstallNow allows. The screen reads status() and
// offers "restart to update" (restartToUpdate).

import type { EventLog } from '../logging/log.ts';
import { isNewer, mayInstallNow, type Blocker, type TillState } from './decide.ts';
import { fetchFeed, type Channel, type FeedProblem } from './feed.ts';
import { DEFAULT_POLICY, nextCheckAt, nextInstallStep, type UpdatePolicy } from './schedule.ts';

/** What a manager chooses (settings, behind the PIN); the feed address defaults to the one built in. */
export interface UpdatePreferences {
  channel: Channel;
  feedUrl: string;
  /** "HH:MM" to install at that time of day; "" to install on quit only. */
  installTime: string;
}

/** What downloads and installs: electron-updater's autoUpdater behind a small port. */
export interface UpdateEngine {
  /** Downloads and verifies the update the feed offers; its version, or null when the engine declines (an unpackaged build). */
  download(preferences: UpdatePreferences): Promise<string | null>;
  /** Whether quitting the app installs the downloaded update. */
  setInstallOnQuit(allowed: boolean): void;
  /** Quits, installs and starts the new version. */
  install(): void;
}

export interface UpdateStatus {
  /** The version running now. */
  version: string;
  channel: Channel;
  feedUrl: string;
  /** When the feed was last asked (ISO 8601), and what went wrong then; null before the first check. */
  lastCheckAt: string | null;
  lastCheckProblem: FeedProblem | null;
  /** The newer version the feed offers this channel, or null. */
  available: string | null;
  downloading: boolean;
  /** Downloaded and verified, ready to install at the next allowed moment. */
  downloaded: string | null;
  downloadProblem: string | null;
  /** Why the last attempt to install (or to allow install on quit) was refused; [] when it was not. */
  blockedBy: Blocker[];
  installTime: string;
  nextCheckAt: string | null;
}

export type RestartAnswer = { ok: true } | { ok: false; blockedBy: (Blocker | 'not_downloaded')[] };

export interface UpdateService {
  /** Schedules the first check (shortly after start) and the ones after it. */
  start(): void;
  stop(): void;
  checkNow(): Promise<UpdateStatus>;
  status(): UpdateStatus;
  /** "Restart to update": installs now if there is an update and the till allows it, else says why not. */
  restartToUpdate(): Promise<RestartAnswer>;
  /** Before the app quits: quitting installs only if the till allows it now. */
  prepareQuit(): Promise<void>;
  /** The manager changed channel, feed or install time: looks again at once. */
  preferencesChanged(): Promise<UpdateStatus>;
  /** The engine could not install (electron-updater says so with an error and returns): the next try may go. */
  installFailed(error: unknown): void;
}

export interface UpdateServiceDeps {
  currentVersion: string;
  preferences: () => UpdatePreferences;
  /** undefined when the state cannot be read (which refuses the install). */
  tillState: () => Promise<TillState | undefined>;
  engine: UpdateEngine;
  log?: EventLog;
  now?: () => number;
  policy?: Partial<UpdatePolicy>;
  fetch?: typeof globalThis.fetch;
  platform?: NodeJS.Platform;
  arch?: string;
}

export function createUpdateService(deps: UpdateServiceDeps): UpdateService {
  const now = deps.now ?? Date.now;
  const policy: UpdatePolicy = { ...DEFAULT_POLICY, ...deps.policy };
  const startedAt = now();
  let lastCheck: { at: number; ok: boolean; problem: FeedProblem | null } | undefined;
  let available: string | null = null;
  let downloaded: string | null = null;
  let downloading: Promise<void> | undefined;
  let downloadProblem: string | null = null;
  let blockedBy: Blocker[] = [];
  let checking: Promise<UpdateStatus> | undefined;
  let checkTimer: NodeJS.Timeout | undefined;
  let installTimer: NodeJS.Timeout | undefined;
  let running = false;
  let installing = false;

  /** A downloaded update counts only while it is still newer on the chosen channel (the channel may have changed). */
  const installable = () => downloaded !== null && isNewer(deps.currentVersion, { version: downloaded }, deps.preferences().channel).newer;

  const status = (): UpdateStatus => {
    const preferences = deps.preferences();
    return {
      version: deps.currentVersion,
      channel: preferences.channel,
      feedUrl: preferences.feedUrl,
      lastCheckAt: lastCheck ? new Date(lastCheck.at).toISOString() : null,
      lastCheckProblem: lastCheck?.problem ?? null,
      available,
      downloading: downloading !== undefined,
      downloaded: installable() ? downloaded : null,
      downloadProblem,
      blockedBy,
      installTime: preferences.installTime,
      nextCheckAt: running ? new Date(nextCheckAt(lastCheck, startedAt, policy)).toISOString() : null,
    };
  };

  const later = (at: number, run: () => void): NodeJS.Timeout => {
    const timer = setTimeout(run, Math.max(0, at - now()));
    // Timers never keep the process alive: quitting is the app's decision, not the updater's.
    timer.unref();
    return timer;
  };

  const scheduleCheck = () => {
    clearTimeout(checkTimer);
    if (!running) return;
    checkTimer = later(nextCheckAt(lastCheck, startedAt, policy), () => void service.checkNow());
  };

  const tillAnswer = async () => {
    const state = await deps.tillState().catch(() => undefined);
    const answer = mayInstallNow(state);
    blockedBy = answer.ok ? [] : answer.blockedBy;
    return answer;
  };

  const install = (why: string) => {
    if (installing) return;
    installing = true;
    deps.log?.info('update.install', { version: downloaded, why });
    deps.engine.install();
  };

  /** Installs at the manager's time when allowed, or looks again later. */
  const scheduleInstall = async () => {
    clearTimeout(installTimer);
    if (!running || !installable()) return;
    const preferences = deps.preferences();
    const answer = await tillAnswer();
    const step = nextInstallStep({ downloaded: true, installTime: preferences.installTime, now: now(), answer }, policy);
    if (step.action === 'install') install('install_time');
    else if (step.action === 'wait') installTimer = later(step.until, () => void scheduleInstall());
  };

  const startDownload = (version: string) => {
    if (downloading || downloaded === version) return;
    deps.log?.info('update.download.start', { version });
    downloadProblem = null;
    downloading = deps.engine
      .download(deps.preferences())
      .then(async (got) => {
        if (got === null) {
          downloadProblem = 'declined';
          deps.log?.info('update.download.declined', { version });
          return;
        }
        downloaded = got;
        deps.log?.info('update.download.done', { version: got });
        await scheduleInstall();
      })
      .catch((error: unknown) => {
        downloadProblem = error instanceof Error ? error.message : String(error);
        deps.log?.warn('update.download.failed', { version, error });
      })
      .finally(() => {
        downloading = undefined;
      });
  };

  const check = async (): Promise<UpdateStatus> => {
    const preferences = deps.preferences();
    const read = await fetchFeed(preferences.feedUrl, preferences.channel, { fetch: deps.fetch, platform: deps.platform, arch: deps.arch });
    lastCheck = { at: now(), ok: read.ok, problem: read.ok ? null : read.problem };
    if (!read.ok) {
      deps.log?.warn('update.check', { channel: preferences.channel, url: read.url, problem: read.problem, status: read.status });
    } else {
      const answer = isNewer(deps.currentVersion, read.feed, preferences.channel);
      available = answer.newer ? answer.version : null;
      deps.log?.info('update.check', { channel: preferences.channel, url: read.url, offered: read.feed.version, available, reason: answer.newer ? undefined : answer.reason });
      if (answer.newer) startDownload(answer.version);
    }
    scheduleCheck();
    return status();
  };

  const service: UpdateService = {
    start() {
      if (running) return;
      running = true;
      scheduleCheck();
    },
    stop() {
      running = false;
      clearTimeout(checkTimer);
      clearTimeout(installTimer);
    },
    checkNow() {
      checking ??= check().finally(() => {
        checking = undefined;
      });
      return checking;
    },
    status,
    async restartToUpdate() {
      if (!installable()) return { ok: false, blockedBy: ['not_downloaded'] };
      const answer = await tillAnswer();
      if (!answer.ok) {
        deps.log?.info('update.install.refused', { version: downloaded, blockedBy: answer.blockedBy });
        return answer;
      }
      install('restart_to_update');
      return { ok: true };
    },
    async prepareQuit() {
      const answer = installable() ? await tillAnswer() : undefined;
      const allowed = answer?.ok === true;
      deps.engine.setInstallOnQuit(allowed);
      if (installable()) deps.log?.info('update.on_quit', { version: downloaded, install: allowed, blockedBy: answer?.ok === false ? answer.blockedBy : [] });
    },
    async preferencesChanged() {
      const current = await service.checkNow();
      await scheduleInstall();
      return current;
    },
    installFailed(error) {
      if (!installing) return;
      installing = false;
      downloadProblem = `install failed: ${error instanceof Error ? error.message : String(error)}`;
      deps.log?.error('update.install.failed', { version: downloaded, error });
    },
  };
  return service;
}
