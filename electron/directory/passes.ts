// The two ways the directory follows the shop, both paging by since_id (stable while members change) at
// background priority, so a cashier's request always goes first:
//
// - the initial sync pages the whole shop once; pages are written in the same transaction as the cursor
//   after them, so a quit or crash resumes at the first page not yet written, without gaps or doubles;
// - an incremental sync pages the members updated since the high-water mark.
//
// Pages are written at most every `commitEveryMs` (100 ms by default): at Haravan's pace (4 pages a second)
// that is every page; when pages come faster, one transaction holds several, which costs SQLite less.
//
// Where the next incremental sync starts: since_id paging takes time, and a member already paged past can
// change before the last page, with an updated_at below the highest one seen. Such a change happened after
// the first request, i.e. no earlier than (highest updated_at seen) − (the pass's duration), because the
// highest updated_at seen was stamped before the last response. So the next sync starts there, less an
// overlap for Haravan's own clocks; members seen twice are upserted idempotently. Durations are measured,
// never the till's clock against Haravan's, so a till whose clock is wrong misses nothing.

import type { HaravanClient } from '../haravan/client.ts';
import { MAX_PAGE_SIZE, type Profile } from '../haravan/types.ts';
import { estimateLastId } from './id-span.ts';
import { DIRECTORY_FIELDS } from './rows.ts';
import type { DirectoryStore, SyncState } from './store.ts';
import { fromMicros, toMicros } from '../haravan/timestamps.ts';

export interface PassContext {
  store: DirectoryStore;
  client: HaravanClient;
  shop: string;
  signal: AbortSignal;
  /** Extra margin before the computed start of the next incremental sync. */
  overlapMs: number;
  /** Pages arriving sooner than this after the last write wait to be written with the next ones. */
  commitEveryMs: number;
  /** Called after each write, with the members it held. */
  onWrite(members: number): void;
}

export interface SyncReport {
  kind: 'initial' | 'incremental';
  requests: number;
  /** Members received. */
  received: number;
  /** Rows written: new members, and members at least as new as the copy already held. */
  written: number;
}

type Page = Partial<Profile>[];

/** Pages the shop from where the last run stopped to the end; returns when the directory holds every member. */
export async function initialPass(context: PassContext): Promise<SyncReport> {
  const report: SyncReport = { kind: 'initial', requests: 0, received: 0, written: 0 };
  const list = pager(context, report, {});
  const write = batchWriter(context, report);
  let state: SyncState = context.store.syncState(context.shop);
  state.initial_started_at ??= Date.now();

  let pending = list(state.initial_cursor);
  for (;;) {
    const page = await receive(pending, context, report);
    const lastId = lastIdOf(page, state.initial_cursor);
    const more = page.length >= MAX_PAGE_SIZE;
    // Ask for the next page before writing this one, so the bucket keeps draining while SQLite works.
    if (more) pending = list(lastId);
    state = {
      ...state,
      initial_cursor: lastId,
      initial_received: state.initial_received + page.length,
      initial_max_updated_us: highest(state.initial_max_updated_us, page),
      first_id: state.first_id ?? page[0]?.id ?? null,
    };
    if (!more) {
      state.initial_completed_at = Date.now();
      const tookMs = state.initial_completed_at - state.initial_started_at!;
      state.incremental_from_us = nextStart(null, state.initial_max_updated_us, tookMs, context.overlapMs);
    }
    write(page, state, !more);
    if (!more) return report;
    if (state.last_id_estimate === null) {
      // Written with the next pages.
      state.last_id_estimate = await estimateLastId(firstIdAfter(context, report), state.first_id!, lastId);
    }
  }
}

/** Pages the members updated since the high-water mark, and moves the mark. */
export async function incrementalPass(context: PassContext): Promise<SyncReport> {
  const report: SyncReport = { kind: 'incremental', requests: 0, received: 0, written: 0 };
  const startedAt = Date.now();
  const state = context.store.syncState(context.shop);
  const from = state.incremental_from_us;
  const list = pager(context, report, from === null ? {} : { updated_at_min: fromMicros(from) });
  const write = batchWriter(context, report);
  let passMax: number | null = null;

  let pending = list(0);
  let cursor = 0;
  for (;;) {
    const page = await receive(pending, context, report);
    cursor = lastIdOf(page, cursor);
    const more = page.length >= MAX_PAGE_SIZE;
    if (more) pending = list(cursor);
    passMax = highest(passMax, page);
    if (more) {
      // The mark moves only with the last page: a pass cut short starts again from the same mark.
      write(page, undefined, false);
      continue;
    }
    const finishedAt = Date.now();
    const next = nextStart(from, passMax, finishedAt - startedAt, context.overlapMs);
    write(page, { ...state, incremental_from_us: next, last_incremental_at: finishedAt }, true);
    return report;
  }
}

/** Where the next incremental sync starts (see the top of this file); never earlier than the current start. */
function nextStart(current: number | null, highestSeen: number | null, tookMs: number, overlapMs: number): number | null {
  if (highestSeen === null) return current;
  const start = highestSeen - (tookMs + overlapMs) * 1000;
  return current === null ? start : Math.max(current, start);
}

/** Collects pages and writes them, with the state that follows them, at most every commitEveryMs and at the end. */
function batchWriter(context: PassContext, report: SyncReport) {
  let batch: Page = [];
  let since = performance.now();
  return (page: Page, state: SyncState | undefined, last: boolean): void => {
    batch.push(...page);
    if (!last && performance.now() - since < context.commitEveryMs) return;
    report.written += context.store.writePage(context.shop, batch, Date.now(), state);
    context.onWrite(batch.length);
    batch = [];
    since = performance.now();
  };
}

async function receive(pending: Promise<Page>, context: PassContext, report: SyncReport): Promise<Page> {
  const page = await pending;
  context.signal.throwIfAborted();
  report.received += page.length;
  return page;
}

/** A page request at background priority; its failure is handled where it is awaited. */
function pager(context: PassContext, report: SyncReport, filter: { updated_at_min?: string }) {
  return (sinceId: number): Promise<Page> => {
    report.requests += 1;
    const request = context.client.listProfiles(
      { ...filter, since_id: sinceId, limit: MAX_PAGE_SIZE, fields: DIRECTORY_FIELDS },
      { lane: 'background', signal: context.signal },
    );
    // The next page is requested before the current one is written; should it fail meanwhile, that is
    // not an unhandled rejection: the loop awaits it next and meets the error there.
    request.catch(() => {});
    return request;
  };
}

function firstIdAfter(context: PassContext, report: SyncReport) {
  return async (id: number): Promise<number | undefined> => {
    report.requests += 1;
    const page = await context.client.listProfiles(
      { since_id: id, limit: 1, fields: ['id'] },
      { lane: 'background', signal: context.signal },
    );
    return page[0]?.id;
  };
}

/** The page's highest id: since_id of the next page. Refuses a page that would not move forward. */
function lastIdOf(page: Page, cursor: number): number {
  let last = cursor;
  for (const profile of page) if (typeof profile.id === 'number' && profile.id > last) last = profile.id;
  if (page.length > 0 && last === cursor) throw new Error(`The store did not page past member ${cursor} (since_id not honoured)`);
  return last;
}

function highest(current: number | null, page: Page): number | null {
  let result = current;
  for (const profile of page) {
    const micros = toMicros(profile.updated_at);
    if (micros !== undefined && (result === null || micros > result)) result = micros;
  }
  return result;
}
