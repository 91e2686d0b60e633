// When the till looks for an update and when it installs one: plain functions of the clock, so that the
// policy is tested without waiting hours. Checking is cheap (one small file); installing restarts the app,
// so it happens on quit, or at the time a manager picked, and never while mayInstallNow says no.

import type { InstallAnswer } from './decide.ts';

export interface UpdatePolicy {
  /** After start: late enough not to compete with the first screen and lookups, early enough to matter. */
  firstCheckDelayMs: number;
  /** Between checks that reached the feed. */
  checkEveryMs: number;
  /** After a check that could not read the feed (the till offline, the server down). */
  retryFailedCheckMs: number;
  /** While the chosen install time has come but the till is busy. */
  retryBlockedMs: number;
  /**
   * How long after the chosen time an install may still start. A shop closing late still gets its update that
   * night; one that is busy all night does not restart at noon, when the cashier is in the middle of a sale.
   */
  installWindowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const DEFAULT_POLICY: UpdatePolicy = {
  firstCheckDelayMs: 10_000,
  checkEveryMs: 4 * HOUR,
  retryFailedCheckMs: 30 * MINUTE,
  retryBlockedMs: 5 * MINUTE,
  installWindowMs: 2 * HOUR,
};

/** When to look at the feed next. `lastCheck` undefined: none yet this run. */
export function nextCheckAt(lastCheck: { at: number; ok: boolean } | undefined, startedAt: number, policy: UpdatePolicy = DEFAULT_POLICY): number {
  if (!lastCheck) return startedAt + policy.firstCheckDelayMs;
  return lastCheck.at + (lastCheck.ok ? policy.checkEveryMs : policy.retryFailedCheckMs);
}

/** "HH:MM" (24 h, the till's local time) as hour and minute; undefined for "" (no time: install on quit) or nonsense. */
export function parseInstallTime(text: string): { hour: number; minute: number } | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}

/**
 * The install window that contains `now`, or else the next one: [the chosen time, + installWindowMs]. Local
 * time, through Date, so that a daylight-saving change moves the clock time rather than the window.
 */
export function installWindow(installTime: string, now: number, policy: UpdatePolicy = DEFAULT_POLICY): { start: number; end: number } | undefined {
  const time = parseInstallTime(installTime);
  if (!time) return undefined;
  // Yesterday's window may still be open just after midnight (a 23:30 time with a two-hour window).
  for (const dayOffset of [-1, 0, 1]) {
    const day = new Date(now);
    day.setDate(day.getDate() + dayOffset);
    day.setHours(time.hour, time.minute, 0, 0);
    const start = day.getTime();
    const end = start + policy.installWindowMs;
    if (now < end) return { start, end };
  }
  return undefined;
}

export type InstallStep =
  /** Nothing downloaded: nothing to install. */
  | { action: 'none' }
  /** No time chosen: installed when the app quits, if the till allows it then. */
  | { action: 'on_quit' }
  | { action: 'install' }
  /** Look again at `until`; `blocked`: the time has come but the till is busy. */
  | { action: 'wait'; until: number; why: 'before_time' | 'blocked' };

/** What to do about a downloaded update now, given the manager's install time and what the till allows. */
export function nextInstallStep(input: { downloaded: boolean; installTime: string; now: number; answer: InstallAnswer }, policy: UpdatePolicy = DEFAULT_POLICY): InstallStep {
  if (!input.downloaded) return { action: 'none' };
  const window = installWindow(input.installTime, input.now, policy);
  if (!window) return { action: 'on_quit' };
  if (input.now < window.start) return { action: 'wait', until: window.start, why: 'before_time' };
  if (input.answer.ok) return { action: 'install' };
  // Past the window's end the next look finds tomorrow's window and waits for it.
  return { action: 'wait', until: input.now + policy.retryBlockedMs, why: 'blocked' };
}
