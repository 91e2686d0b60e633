// The directory's writes: members upserted page by page together with the sync state, and a shop wiped.
// A member is only ever replaced by a copy at least as new (updated_at), so a page fetched before a points
// change cannot overwrite the balance `refresh` just wrote from the PUT response.

import type { DatabaseSync } from 'node:sqlite';
import type { Profile } from '../haravan/types.ts';
import { DIRECTORY_FIELDS, missingFields, toRow, type DirectoryProfile, type MemberRow } from './rows.ts';
import { inTransaction } from '../sqlite/transaction.ts';

/** directory_sync's row for one shop (see schema.ts). */
export interface SyncState {
  /** since_id of the initial sync's next page. */
  initial_cursor: number;
  /** Members received by the initial sync so far, counted in the same transaction as they were written. */
  initial_received: number;
  initial_started_at: number | null;
  initial_completed_at: number | null;
  initial_max_updated_us: number | null;
  /** The first and (estimated) last member id: how far through the shop the initial sync is. */
  first_id: number | null;
  last_id_estimate: number | null;
  /** updated_at_min of the next incremental sync; null = from the beginning. */
  incremental_from_us: number | null;
  last_incremental_at: number | null;
}

const NEW_SHOP: SyncState = {
  initial_cursor: 0,
  initial_received: 0,
  initial_started_at: null,
  initial_completed_at: null,
  initial_max_updated_us: null,
  first_id: null,
  last_id_estimate: null,
  incremental_from_us: null,
  last_incremental_at: null,
};

const ROW_COLUMNS = [
  ...DIRECTORY_FIELDS, 'shop', 'phone_national', 'email_key', 'updated_us', 'synced_at', 'name_folded',
] as const satisfies readonly (keyof MemberRow)[];
const STATE_COLUMNS = Object.keys(NEW_SHOP) as (keyof SyncState)[];

export interface DirectoryStore {
  /** Writes the profiles and, in the same transaction, the shop's sync state. Returns the rows written. */
  writePage(shop: string, profiles: readonly Partial<Profile>[], receivedAt: number, state?: SyncState): number;
  syncState(shop: string): SyncState;
  size(shop: string): number;
  /** Forgets the shop: its members, their names, tags and attributes, its sync state. */
  wipe(shop: string): void;
}

export function createStore(db: DatabaseSync): DirectoryStore {
  const upsert = db.prepare(`
    INSERT INTO directory_members (${ROW_COLUMNS.join(', ')})
    VALUES (${ROW_COLUMNS.map((column) => `$${column}`).join(', ')})
    ON CONFLICT (shop, id) DO UPDATE SET
      ${ROW_COLUMNS.filter((column) => column !== 'shop' && column !== 'id').map((column) => `${column} = excluded.${column}`).join(', ')}
    WHERE excluded.updated_us >= directory_members.updated_us`);
  const previous = db.prepare(`SELECT ${DIRECTORY_FIELDS.join(', ')} FROM directory_members WHERE shop = ? AND id = ?`);
  const readState = db.prepare(`SELECT ${STATE_COLUMNS.join(', ')} FROM directory_sync WHERE shop = ?`);
  const saveState = db.prepare(`
    INSERT INTO directory_sync (shop, ${STATE_COLUMNS.join(', ')})
    VALUES ($shop, ${STATE_COLUMNS.map((column) => `$${column}`).join(', ')})
    ON CONFLICT (shop) DO UPDATE SET ${STATE_COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ')}`);
  const count = db.prepare('SELECT count(*) AS size FROM directory_members WHERE shop = ?');
  const deleteMembers = db.prepare('DELETE FROM directory_members WHERE shop = ?');
  const deleteState = db.prepare('DELETE FROM directory_sync WHERE shop = ?');
  const deleteExtras = db.prepare('DELETE FROM directory_extras WHERE shop = ?');

  function writeOne(shop: string, profile: Partial<Profile>, receivedAt: number): number {
    // A profile lacking kept fields (a PUT response has no card number) keeps the stored ones.
    const stored =
      missingFields(profile) && typeof profile.id === 'number'
        ? (previous.get(shop, profile.id) as DirectoryProfile | undefined)
        : undefined;
    const row = toRow(shop, profile, receivedAt, stored);
    if (!row) return 0;
    return Number(upsert.run(row).changes);
  }

  return {
    writePage(shop, profiles, receivedAt, state) {
      return inTransaction(db, () => {
        let written = 0;
        for (const profile of profiles) written += writeOne(shop, profile, receivedAt);
        if (state) saveState.run({ shop, ...state });
        return written;
      });
    },
    syncState(shop) {
      return { ...NEW_SHOP, ...(readState.get(shop) as Partial<SyncState> | undefined) };
    },
    size(shop) {
      return (count.get(shop) as { size: number }).size;
    },
    wipe(shop) {
      inTransaction(db, () => {
        deleteMembers.run(shop);
        deleteState.run(shop);
        deleteExtras.run(shop);
      });
    },
  };
}
