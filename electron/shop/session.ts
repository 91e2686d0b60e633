// Everything kept per shop while the till works with it: one SQLite file holding the offline journal
// and the member directory, the journal's replayer and the directory's sync, all driven by the shop's
// client. A file per shop keeps a training adjustment from ever replaying into a real store, and a
// pending adjustment of one shop from reaching another after the token changes.

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDirectory, type Directory } from '../directory/directory.ts';
import { openDirectoryDatabase } from '../directory/schema.ts';
import { createStore } from '../directory/store.ts';
import type { DirectorySync, SyncOptions } from '../directory/sync.ts';
import type { HaravanClient } from '../haravan/client.ts';
import { openJournal, type Journal } from '../journal/journal.ts';
import { createReplayer, type Replayer, type ReplayerOptions } from '../journal/replay.ts';
import { RESEND_SETTLE_MS } from '../journal/types.ts';
import { createRecentMembers, type RecentMembers } from '../members/recent.ts';
import { createShifts, type Shifts } from '../shift/shifts.ts';
import type { EventLog } from '../logging/log.ts';

/** How patient the journal is; the defaults suit a till, tests shorten them. */
export type JournalTiming = Pick<ReplayerOptions, 'settleMs' | 'retryMs' | 'maxRetryMs' | 'probeMs'>;

export interface ShopSession {
  readonly shop: string;
  readonly journal: Journal;
  /** The settle window the cashier's sends and the replayer share (see RESEND_SETTLE_MS). */
  readonly settleMs: number;
  readonly directory: Directory;
  readonly replayer: Replayer;
  readonly shifts: Shifts;
  /** Who was served at this till today. */
  readonly recent: RecentMembers;
  client(): HaravanClient;
  /** Starts a directory pass now without waiting for it (progress shows in the directory's status). */
  syncDirectoryNow(): void;
  /** The same shop with a new token: sending and syncing go on with this client. */
  useClient(client: HaravanClient): Promise<void>;
  /** The store is disconnected: its members leave this till (the file compacted); the journal stays. */
  forgetMembers(): Promise<void>;
  close(): Promise<void>;
}

export interface ShopSessionOptions {
  dataDir: string;
  shop: string;
  till: string;
  client: HaravanClient;
  journalTiming?: JournalTiming;
  /** How often the directory syncs; the defaults suit a till, a simulation scales them. */
  syncOptions?: SyncOptions;
  /** Days settled journal entries are kept (settings.journalRetentionDays), asked at open and every day. */
  retentionDays: () => number;
  /** The till's log: the journal's state changes and the directory's syncs. */
  log?: EventLog;
}

const DAY_MS = 86_400_000;

/** `training`, or `store:<id>` for a shop known to shop/identity.ts: its file is shops/<id>.db. */
export function shopFile(dataDir: string, shop: string): string {
  const name = shop === 'training' ? 'training' : shop.replace(/^store:/, '');
  if (!/^[\w-]+$/.test(name)) throw new Error(`Not a shop key: ${shop}`);
  return join(dataDir, 'shops', `${name}.db`);
}

/**
 * The store's members leave the till: wiped from its file and the file compacted, so that no page of the
 * file keeps them (secure_delete overwrites what is deleted). For a file no session holds open.
 */
export function forgetMembersIn(dataDir: string, shop: string): void {
  const file = shopFile(dataDir, shop);
  if (!existsSync(file)) return;
  const db = openDirectoryDatabase(file);
  try {
    db.exec('PRAGMA secure_delete = ON');
    createStore(db).wipe(shop);
    // Who was served today goes with the members.
    createRecentMembers(db).forget();
    db.exec('VACUUM');
  } finally {
    db.close();
  }
}

export function openShopSession(options: ShopSessionOptions): ShopSession {
  const file = shopFile(options.dataDir, options.shop);
  mkdirSync(join(options.dataDir, 'shops'), { recursive: true });
  const settleMs = options.journalTiming?.settleMs ?? RESEND_SETTLE_MS;
  const log = options.log;
  const journal = openJournal(file, {
    till: options.till,
    settleMs,
    onEvent: (event) => log?.[event.to === 'needs_review' || event.to === 'rejected' || event.to === 'uncertain' ? 'warn' : 'info']('journal', event),
  });
  const directory = createDirectory(journal.database);
  const shifts = createShifts(journal.database);
  const recent = createRecentMembers(journal.database);
  let client = options.client;
  // A change the journal sent alters the member behind the directory's back: the next card reads it afresh.
  const replayer = createReplayer({ journal, client, ...options.journalTiming, onChange: (entry) => directory.forgetRead(options.shop, entry.memberId) });
  const syncOptions: SyncOptions = {
    ...options.syncOptions,
    onPass: (outcome) => ('report' in outcome ? log?.info('directory.sync', { ...outcome.report }) : log?.warn('directory.sync_failed', { ...outcome.failure })),
  };
  let sync: DirectorySync = directory.createSync(options.shop, client, syncOptions);
  replayer.start();
  sync.start();
  const purge = () => {
    const before = new Date(Date.now() - options.retentionDays() * DAY_MS).toISOString();
    journal.purgeSettledBefore(before);
  };
  purge();
  const purging = setInterval(purge, DAY_MS);
  purging.unref();

  return {
    shop: options.shop,
    journal,
    settleMs,
    directory,
    replayer,
    shifts,
    recent,
    client: () => client,
    syncDirectoryNow() {
      // A failure is kept in the directory's status (lastError) for the screen to show.
      sync.syncNow().catch(() => {});
    },
    async useClient(next) {
      client = next;
      replayer.useClient(next);
      await sync.stop();
      sync = directory.createSync(options.shop, next, syncOptions);
      sync.start();
    },
    async forgetMembers() {
      await directory.wipe(options.shop);
      recent.forget();
      journal.database.exec('VACUUM');
    },
    async close() {
      clearInterval(purging);
      await Promise.all([replayer.stop(), sync.stop()]);
      journal.close();
    },
  };
}
