// The directory's tables. They live in the same SQLite file as the offline journal, so everything here is
// prefixed `directory_`, and the directory's schema version is its own row in `schema_versions` (the
// journal owns PRAGMA user_version). Each migration commits together with its version bump.

import { DatabaseSync } from 'node:sqlite';
import { inTransaction } from '../sqlite/transaction.ts';

const MODULE = 'directory';

const VERSION_1 = `
  CREATE TABLE directory_members (
    -- The rowid, so that the name index can point at the row.
    member_key INTEGER PRIMARY KEY,
    shop TEXT NOT NULL,
    id INTEGER NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    phone TEXT NOT NULL,
    phone_national TEXT,
    email TEXT NOT NULL,
    email_key TEXT,
    profile_card_number TEXT NOT NULL,
    point_available INTEGER NOT NULL,
    point_incoming INTEGER NOT NULL,
    point_used INTEGER NOT NULL,
    point_ranking INTEGER NOT NULL,
    level_id INTEGER NOT NULL,
    level_name TEXT NOT NULL,
    total_spent INTEGER NOT NULL,
    total_order INTEGER NOT NULL,
    status TEXT NOT NULL,
    last_order_at TEXT,
    updated_at TEXT NOT NULL,
    updated_us INTEGER NOT NULL,
    synced_at INTEGER NOT NULL,
    name_folded TEXT NOT NULL,
    UNIQUE (shop, id)
  ) STRICT;

  -- Ending in id, so that a lookup's ORDER BY id reads the index in order: without it the planner may walk
  -- UNIQUE (shop, id) through the whole shop instead.
  CREATE INDEX directory_members_by_phone ON directory_members (shop, phone_national, id) WHERE phone_national IS NOT NULL;
  CREATE INDEX directory_members_by_card ON directory_members (shop, profile_card_number, id);
  CREATE INDEX directory_members_by_email ON directory_members (shop, email_key, id) WHERE email_key IS NOT NULL;

  -- Folded names, word by word, with prefix indexes so that one to three typed letters stay fast.
  CREATE VIRTUAL TABLE directory_names USING fts5(
    name_folded,
    content = 'directory_members',
    content_rowid = 'member_key',
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3'
  );
  CREATE TRIGGER directory_names_insert AFTER INSERT ON directory_members BEGIN
    INSERT INTO directory_names (rowid, name_folded) VALUES (new.member_key, new.name_folded);
  END;
  CREATE TRIGGER directory_names_delete AFTER DELETE ON directory_members BEGIN
    INSERT INTO directory_names (directory_names, rowid, name_folded) VALUES ('delete', old.member_key, old.name_folded);
  END;
  CREATE TRIGGER directory_names_update AFTER UPDATE OF name_folded ON directory_members
  WHEN old.name_folded IS NOT new.name_folded BEGIN
    INSERT INTO directory_names (directory_names, rowid, name_folded) VALUES ('delete', old.member_key, old.name_folded);
    INSERT INTO directory_names (rowid, name_folded) VALUES (new.member_key, new.name_folded);
  END;

  -- One row per shop: where the initial sync stands and where the next incremental sync starts.
  -- Times are milliseconds since the epoch on this till's clock; *_us are Haravan updated_at in microseconds.
  CREATE TABLE directory_sync (
    shop TEXT PRIMARY KEY,
    initial_cursor INTEGER NOT NULL DEFAULT 0,
    initial_received INTEGER NOT NULL DEFAULT 0,
    initial_started_at INTEGER,
    initial_completed_at INTEGER,
    initial_max_updated_us INTEGER,
    first_id INTEGER,
    last_id_estimate INTEGER,
    incremental_from_us INTEGER,
    last_incremental_at INTEGER
  ) STRICT;
`;

// A member's tags and attributes, which Haravan's list and profile GETs do not carry (each is a request of
// its own): kept from the last time they were read (attributes also from every points PUT's answer), so that
// opening a card costs one request and an offline card is complete. JSON arrays, with when each was read.
const VERSION_2 = `
  CREATE TABLE directory_extras (
    shop TEXT NOT NULL,
    id INTEGER NOT NULL,
    tags TEXT,
    tags_read_at INTEGER,
    attributes TEXT,
    attributes_read_at INTEGER,
    PRIMARY KEY (shop, id)
  ) STRICT;
`;

/** Index i takes the directory from version i to version i + 1. Append; never edit a released step. */
const MIGRATIONS: readonly string[] = [VERSION_1, VERSION_2];

export const DIRECTORY_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Opens (or creates) a database file for the directory: WAL, so lookups never wait for a sync's writes, and
 * a 16 MiB page cache (SQLite's default is 2 MiB), which holds the phone, email and name indexes of a large
 * shop: the sync's upserts land at random places in them and would otherwise reread pages all the time.
 */
export function openDirectoryDatabase(file: string): DatabaseSync {
  const db = new DatabaseSync(file, { timeout: 5_000 });
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384;');
  migrateDirectory(db);
  return db;
}

export function migrateDirectory(db: DatabaseSync): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_versions (module TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  const found = directorySchemaVersion(db);
  if (found > MIGRATIONS.length) {
    throw new Error(`The member directory was written by a newer Loyalty Desk (schema ${found}; this one knows ${MIGRATIONS.length})`);
  }
  const setVersion = db.prepare(
    'INSERT INTO schema_versions (module, version) VALUES (?, ?) ON CONFLICT (module) DO UPDATE SET version = excluded.version',
  );
  for (let version = found; version < MIGRATIONS.length; version += 1) {
    inTransaction(db, () => {
      db.exec(MIGRATIONS[version]!);
      setVersion.run(MODULE, version + 1);
    });
  }
}

export function directorySchemaVersion(db: DatabaseSync): number {
  const row = db.prepare('SELECT version FROM schema_versions WHERE module = ?').get(MODULE) as { version: number } | undefined;
  return row?.version ?? 0;
}
