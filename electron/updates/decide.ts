// The two questions an update asks of the till, answered without Electron: is the feed's version one this
// till should take, and may it be installed now. electron-updater is configured to agree (no downgrade,
// prereleases only on the beta channel), but the app asks here first.

import { gt, prerelease, valid } from 'semver';
import type { Channel, Feed } from './feed.ts';

export type NewerAnswer =
  | { newer: true; version: string }
  | {
      newer: false;
      /** `other_channel`: a prerelease on the stable channel, or another prerelease line (alpha) on beta. */
      reason: 'same' | 'older' | 'other_channel' | 'bad_version';
    };

/** Whether the feed offers this till something newer on its channel. Never a downgrade: a till only moves forward. */
export function isNewer(current: string, feed: Pick<Feed, 'version'>, channel: Channel): NewerAnswer {
  const mine = valid(current);
  const offered = valid(feed.version);
  if (!mine || !offered) return { newer: false, reason: 'bad_version' };
  if (!onChannel(offered, channel)) return { newer: false, reason: 'other_channel' };
  if (offered === mine) return { newer: false, reason: 'same' };
  return gt(offered, mine) ? { newer: true, version: offered } : { newer: false, reason: 'older' };
}

/** Stable releases are on both channels (a beta till moves on to the release); `-beta.N` only on beta. */
function onChannel(version: string, channel: Channel): boolean {
  const tags = prerelease(version);
  if (!tags) return true;
  return channel === 'beta' && tags[0] === 'beta';
}

/** The channel a till is on until a manager chooses: a beta build stays on beta, a release on the stable channel. */
export function defaultChannel(version: string): Channel {
  return prerelease(version)?.[0] === 'beta' ? 'beta' : 'latest';
}

/** What the till is doing, as far as an install is concerned. */
export interface TillState {
  shiftOpen: boolean;
  /** Journal entries whose request may be on the wire: an install would cut it off and leave it uncertain. */
  journalSending: number;
  /** Entries whose outcome is unknown: settled by the journal or a manager before anything restarts under them. */
  journalUncertain: number;
}

export type Blocker = 'shift_open' | 'journal_sending' | 'journal_uncertain' | 'state_unknown';

export type InstallAnswer = { ok: true } | { ok: false; blockedBy: Blocker[] };

/**
 * May the app restart into an update now? Never while a shift is open (the cashier is working) or while an
 * entry is sending or uncertain. `undefined`: the state could not be read, which is no permission.
 */
export function mayInstallNow(state: TillState | undefined): InstallAnswer {
  if (!state) return { ok: false, blockedBy: ['state_unknown'] };
  const blockedBy: Blocker[] = [];
  if (state.shiftOpen) blockedBy.push('shift_open');
  if (state.journalSending > 0) blockedBy.push('journal_sending');
  if (state.journalUncertain > 0) blockedBy.push('journal_uncertain');
  return blockedBy.length === 0 ? { ok: true } : { ok: false, blockedBy };
}
