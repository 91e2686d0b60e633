// The member directory: every member of the shop in the local SQLite file, so that a phone, a scanned card,
// an email or part of a name finds the member at once, online or offline. It shares its database with the
// journal (the caller opens it; schema.ts keeps to the directory's own tables), and everything in it
// belongs to one shop key: a directory is per shop and wiped when the store is disconnected.

import type { DatabaseSync } from 'node:sqlite';
import type { HaravanClient } from '../haravan/client.ts';
import type { StoredFormKind } from '../haravan/phone.ts';
import type { Profile, ProfileAttribute } from '../haravan/types.ts';
import { createExtrasStore, type MemberExtras } from './extras.ts';
import { createLookup, type DirectoryLookup } from './lookup.ts';
import { createPhoneForms } from './phone-forms.ts';
import { initialProgress, type SyncProgress } from './progress.ts';
import { migrateDirectory } from './schema.ts';
import { searchDirectory, type DirectorySearch } from './search.ts';
import { createStore } from './store.ts';
import { createDirectorySync, type DirectorySync, type SyncFailure, type SyncOptions, type SyncPhase } from './sync.ts';

export interface DirectoryStatus {
  shop: string;
  /** Members held. */
  size: number;
  /** The initial sync has reached the last page: a member not found here is not in the shop (as of the last sync). */
  complete: boolean;
  /** When the initial sync completed (ISO 8601), or null. */
  lastFullSync: string | null;
  lastIncrementalSync: string | null;
  phase: SyncPhase;
  /** The initial sync's progress; once complete, the exact total. */
  progress: SyncProgress;
  /** The last pass's failure, cleared by the next pass that succeeds. */
  lastError: SyncFailure | null;
}

export interface Directory extends DirectoryLookup {
  /** Decides what was typed or scanned: phone, card number, email or name. */
  search(shop: string, typed: string, limit?: number): DirectorySearch;
  /**
   * Writes a member just received from Haravan (a points PUT's answer) at once. Fields the profile lacks are
   * kept; an older copy than the one held is ignored. Attributes it carries are kept too. `askedAt` (epoch
   * ms, default now): when the request that brought it was sent, which is what the read counts from.
   */
  refresh(shop: string, profile: Partial<Profile>, askedAt?: number): void;
  /**
   * When this member was last read from Haravan on its own (a lookup's, a card's or a change's answer, handed
   * to refresh) in this run; undefined when not since the app started. A sync's pages do not count.
   */
  lastReadAt(shop: string, id: number): number | undefined;
  /**
   * The member changed in a way the directory did not see (the journal sent a change): read it afresh next
   * time; a read asked before now and answered after does not count either.
   */
  forgetRead(shop: string, id: number): void;
  /** The member's tags and attributes as last read on this till. */
  extras(shop: string, id: number): MemberExtras;
  keepTags(shop: string, id: number, tags: string[]): void;
  keepAttributes(shop: string, id: number, attributes: ProfileAttribute[]): void;
  /** The form most of the shop's members' phones are stored in (national until the directory knows). */
  usualPhoneForm(shop: string): StoredFormKind;
  status(shop: string): DirectoryStatus;
  /** Whether the initial sync has finished: cheap enough for every lookup, unlike status() (which counts rows). */
  isComplete(shop: string): boolean;
  /** The shop's sync (one per shop at a time; `stop` it, or `wipe` the shop, to create another). */
  createSync(shop: string, client: HaravanClient, options?: SyncOptions): DirectorySync;
  /** Stops the shop's sync and forgets the shop's members and sync state. */
  wipe(shop: string): Promise<void>;
}

export function createDirectory(db: DatabaseSync): Directory {
  migrateDirectory(db);
  const store = createStore(db);
  const lookup = createLookup(db);
  const extras = createExtrasStore(db);
  const phoneForms = createPhoneForms(db);
  const syncs = new Map<string, DirectorySync>();
  const readAt = new Map<string, number>();
  /** When each member last changed behind the directory's back (forgetRead). */
  const changedAt = new Map<string, number>();
  const iso = (millis: number | null) => (millis === null ? null : new Date(millis).toISOString());

  return {
    ...lookup,
    search: (shop, typed, limit) => searchDirectory(lookup, shop, typed, limit),
    refresh(shop, profile, askedAt = Date.now()) {
      const receivedAt = Date.now();
      store.writePage(shop, [profile], receivedAt);
      if (typeof profile.id === 'number') {
        const key = `${shop}#${profile.id}`;
        if (askedAt > (changedAt.get(key) ?? -Infinity)) readAt.set(key, askedAt);
      }
      if (typeof profile.id === 'number' && Array.isArray(profile.attributes)) extras.keepAttributes(shop, profile.id, profile.attributes, receivedAt);
    },
    lastReadAt: (shop, id) => readAt.get(`${shop}#${id}`),
    forgetRead(shop, id) {
      readAt.delete(`${shop}#${id}`);
      changedAt.set(`${shop}#${id}`, Date.now());
    },
    extras: (shop, id) => extras.read(shop, id),
    keepTags: (shop, id, tags) => extras.keepTags(shop, id, tags, Date.now()),
    keepAttributes: (shop, id, attributes) => extras.keepAttributes(shop, id, attributes, Date.now()),
    usualPhoneForm: (shop) => phoneForms.usual(shop),
    isComplete: (shop) => store.syncState(shop).initial_completed_at !== null,
    status(shop) {
      const state = store.syncState(shop);
      const activity = syncs.get(shop)?.activity();
      return {
        shop,
        size: store.size(shop),
        complete: state.initial_completed_at !== null,
        lastFullSync: iso(state.initial_completed_at),
        lastIncrementalSync: iso(state.last_incremental_at),
        phase: activity?.phase ?? 'idle',
        progress: initialProgress(state, activity?.phase === 'initial' ? activity.membersPerSecond : null),
        lastError: activity?.lastError ?? null,
      };
    },
    createSync(shop, client, options) {
      if (syncs.has(shop)) throw new Error(`The directory of ${shop} already has a sync`);
      const sync = createDirectorySync(store, client, shop, options);
      const registered: DirectorySync = {
        ...sync,
        async stop() {
          await sync.stop();
          if (syncs.get(shop) === registered) syncs.delete(shop);
        },
      };
      syncs.set(shop, registered);
      return registered;
    },
    async wipe(shop) {
      await syncs.get(shop)?.stop();
      store.wipe(shop);
      phoneForms.forget(shop);
      for (const key of readAt.keys()) if (key.startsWith(`${shop}#`)) readAt.delete(key);
    },
  };
}
