// How far the initial sync is and how long it still takes. The count is exact; the total is an estimate
// from member ids (id-span.ts) until the last page, then exact; the time remaining follows the pace of the
// last pages, which the shop's rate limit sets (4 requests of 50 members a second at most).

import type { SyncState } from './store.ts';

export interface SyncProgress {
  /** Members the initial sync has received so far. */
  synced: number;
  /** How many members the shop has: exact once the initial sync is complete, estimated before; null when unknown. */
  total: number | null;
  totalIsEstimate: boolean;
  /** null until the pace and the total are known. */
  secondsRemaining: number | null;
  membersPerSecond: number | null;
}

export interface Pace {
  record(members: number, atMs: number): void;
  membersPerSecond(): number | null;
}

/** The pace over the last `pages` pages of this run (a resumed sync starts a new pace). */
export function createPace(pages = 20): Pace {
  const recent: { members: number; atMs: number }[] = [];
  return {
    record(members, atMs) {
      recent.push({ members, atMs });
      if (recent.length > pages) recent.shift();
    },
    membersPerSecond() {
      if (recent.length < 2) return null;
      const seconds = (recent.at(-1)!.atMs - recent[0]!.atMs) / 1000;
      const members = recent.slice(1).reduce((sum, page) => sum + page.members, 0);
      return seconds > 0 ? members / seconds : null;
    },
  };
}

export function initialProgress(state: SyncState, membersPerSecond: number | null): SyncProgress {
  const synced = state.initial_received;
  if (state.initial_completed_at !== null) {
    return { synced, total: synced, totalIsEstimate: false, secondsRemaining: 0, membersPerSecond };
  }
  const total = estimatedTotal(state);
  const secondsRemaining = total !== null && membersPerSecond ? (total - synced) / membersPerSecond : null;
  return { synced, total, totalIsEstimate: true, secondsRemaining, membersPerSecond };
}

/** Members seen per id so far, times the ids in the shop. */
function estimatedTotal(state: SyncState): number | null {
  const { first_id: first, last_id_estimate: last, initial_cursor: cursor, initial_received: synced } = state;
  if (first === null || last === null || cursor <= first || last <= first) return null;
  return Math.max(synced, Math.round((synced * (last - first)) / (cursor - first)));
}
