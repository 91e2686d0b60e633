// The journal's SQLite schema and its migrations. `PRAGMA user_version` holds the number of migrations
// applied; each migration runs in its own transaction together with the version bump, so a crash mid-way
// leaves the file at the previous version. A file from a newer Loyalty Desk is refused, never downgraded.

import type { DatabaseSync } from 'node:sqlite';
import { TRANSITIONS, ENTRY_STATES, OPEN_STATES, REASON_KINDS, REVIEW_REASONS } from './types.ts';
import { inTransaction } from '../sqlite/transaction.ts';

const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/** The state machine as the first version shipped it (a released step never changes). */
const VERSION_1_TRANSITIONS = [
  'pending>sending', 'pending>rejected', 'pending>discarded',
  'sending>applied', 'sending>rejected', 'sending>pending', 'sending>uncertain',
  'uncertain>applied', 'uncertain>pending', 'uncertain>needs_review',
  'needs_review>applied', 'needs_review>pending',
  'rejected>discarded',
];

const allowedTransitions = Object.entries(TRANSITIONS).flatMap(([from, targets]) => targets.map((to) => `${from}>${to}`));

const VERSION_1 = `
  CREATE TABLE entries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
    member_id INTEGER NOT NULL CHECK (member_id > 0),
    member_phone TEXT NOT NULL,
    member_name TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('add', 'subtract')),
    points INTEGER NOT NULL CHECK (points > 0),
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    ref_id TEXT NOT NULL,
    till TEXT NOT NULL CHECK (length(trim(till)) > 0),
    created_at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN (${quoted(ENTRY_STATES)})),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error_code TEXT,
    last_error_message TEXT,
    card_balance_before INTEGER NOT NULL CHECK (card_balance_before >= 0),
    card_balance_after INTEGER NOT NULL,
    sent_balance_before INTEGER,
    sent_balance_after INTEGER,
    last_sent_at TEXT,
    server_balance INTEGER,
    updated_at TEXT NOT NULL,
    resolved_by TEXT,
    resolution_note TEXT,
    CHECK (card_balance_after = card_balance_before + (CASE direction WHEN 'add' THEN points ELSE -points END)),
    CHECK ((sent_balance_before IS NULL) = (sent_balance_after IS NULL)),
    CHECK (sent_balance_after IS NULL
      OR sent_balance_after = sent_balance_before + (CASE direction WHEN 'add' THEN points ELSE -points END)),
    CHECK (state = 'pending' OR state = 'discarded' OR state = 'rejected' OR sent_balance_before IS NOT NULL),
    CHECK (state <> 'discarded' OR (resolved_by IS NOT NULL AND resolution_note IS NOT NULL))
  ) STRICT;

  -- The replayer's questions: a member's earliest open entry, and which members have one.
  CREATE INDEX entries_open_by_member ON entries (member_id, seq) WHERE state IN (${quoted(OPEN_STATES)});

  CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id TEXT NOT NULL REFERENCES entries (id),
    from_state TEXT,
    to_state TEXT NOT NULL,
    at TEXT NOT NULL,
    detail TEXT NOT NULL
  ) STRICT;
  CREATE INDEX events_by_entry ON events (entry_id, seq);

  -- A confirmed adjustment is never lost and its content never changes; the audit trail is append-only.
  CREATE TRIGGER entries_never_deleted BEFORE DELETE ON entries
  BEGIN SELECT RAISE(ABORT, 'journal entries are never deleted'); END;

  CREATE TRIGGER entries_content_fixed
  BEFORE UPDATE OF id, seq, member_id, member_phone, member_name, direction, points, reason, ref_id, till,
    created_at, card_balance_before, card_balance_after ON entries
  BEGIN SELECT RAISE(ABORT, 'what the cashier confirmed never changes'); END;

  CREATE TRIGGER entries_state_machine BEFORE UPDATE OF state ON entries
  WHEN OLD.state <> NEW.state AND OLD.state || '>' || NEW.state NOT IN (${quoted(VERSION_1_TRANSITIONS)})
  BEGIN SELECT RAISE(ABORT, 'illegal journal state transition'); END;

  CREATE TRIGGER events_never_updated BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'the journal history is append-only'); END;

  CREATE TRIGGER events_never_deleted BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'the journal history is append-only'); END;
`;

// What reconciliation needs to tell this till's change from another writer's (the rest of the fresh read
// before the attempt, the attempt's interval on Haravan's clock), the settle window on the monotonic clock,
// duplicate checks after a resend, reversals (each kind at most once per entry), and a manager sending again
// an entry refused because its member was not found.
const VERSION_2 = `
  ALTER TABLE entries ADD COLUMN sent_point_used_before INTEGER;
  ALTER TABLE entries ADD COLUMN sent_updated_at_before TEXT;
  ALTER TABLE entries ADD COLUMN attempt_from_us INTEGER;
  ALTER TABLE entries ADD COLUMN attempt_to_us INTEGER;
  ALTER TABLE entries ADD COLUMN attempt_ended_at TEXT;
  ALTER TABLE entries ADD COLUMN settle_waited_ms INTEGER CHECK (settle_waited_ms IS NULL OR settle_waited_ms >= 0);
  ALTER TABLE entries ADD COLUMN unanswered_attempts INTEGER NOT NULL DEFAULT 0 CHECK (unanswered_attempts >= 0);
  ALTER TABLE entries ADD COLUMN review_reason TEXT CHECK (review_reason IS NULL OR review_reason IN (${quoted(REVIEW_REASONS)}));
  ALTER TABLE entries ADD COLUMN duplicate_check TEXT
    CHECK (duplicate_check IS NULL OR duplicate_check IN ('due', 'suspected', 'dismissed', 'reversed'));
  ALTER TABLE entries ADD COLUMN duplicate_check_balance INTEGER;
  ALTER TABLE entries ADD COLUMN duplicate_check_stamp TEXT;
  ALTER TABLE entries ADD COLUMN decided_stamp TEXT;
  ALTER TABLE entries ADD COLUMN reverses_id TEXT REFERENCES entries (id);
  ALTER TABLE entries ADD COLUMN reversal_kind TEXT CHECK (reversal_kind IS NULL OR reversal_kind IN ('duplicate', 'refund'));

  CREATE UNIQUE INDEX entries_one_reversal_per_kind ON entries (reverses_id, reversal_kind) WHERE reverses_id IS NOT NULL;
  -- Entries sent twice whose duplicate check is still to be made.
  CREATE INDEX entries_duplicate_due ON entries (seq) WHERE duplicate_check = 'due';

  DROP TRIGGER entries_state_machine;
  CREATE TRIGGER entries_state_machine BEFORE UPDATE OF state ON entries
  WHEN OLD.state <> NEW.state AND OLD.state || '>' || NEW.state NOT IN (${quoted(allowedTransitions)})
  BEGIN SELECT RAISE(ABORT, 'illegal journal state transition'); END;

  DROP TRIGGER entries_content_fixed;
  CREATE TRIGGER entries_content_fixed
  BEFORE UPDATE OF id, seq, member_id, member_phone, member_name, direction, points, reason, ref_id, till,
    created_at, card_balance_before, card_balance_after, reverses_id, reversal_kind ON entries
  BEGIN SELECT RAISE(ABORT, 'what the cashier confirmed never changes'); END;

  -- What the journal learnt of the shop, e.g. whether Haravan counts a redemption in point_used.
  CREATE TABLE journal_facts (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
`;

// Settled entries older than the shop's retention period are purged with their history (they hold members'
// names and phones); nothing with work left, or in front of a manager, ever is. And a reversal the store
// refused, once discarded, no longer stands in the way of another.
const VERSION_3 = `
  DROP TRIGGER entries_never_deleted;
  CREATE TRIGGER entries_deleted_only_when_settled BEFORE DELETE ON entries
  WHEN OLD.state NOT IN ('applied', 'discarded') OR OLD.duplicate_check IN ('due', 'suspected')
  BEGIN SELECT RAISE(ABORT, 'only settled journal entries are ever purged'); END;

  DROP TRIGGER events_never_deleted;
  CREATE TRIGGER events_deleted_only_with_their_entry BEFORE DELETE ON events
  WHEN EXISTS (
    SELECT 1 FROM entries WHERE id = OLD.entry_id
      AND (state NOT IN ('applied', 'discarded') OR duplicate_check IN ('due', 'suspected'))
  )
  BEGIN SELECT RAISE(ABORT, 'the journal history is append-only'); END;

  CREATE INDEX entries_settled_by_age ON entries (created_at) WHERE state IN ('applied', 'discarded');

  -- One open reversal of each kind per entry; a refused one, once discarded, makes room for another try.
  DROP INDEX entries_one_reversal_per_kind;
  CREATE UNIQUE INDEX entries_one_open_reversal_per_kind ON entries (reverses_id, reversal_kind)
    WHERE reverses_id IS NOT NULL AND state <> 'discarded';
`;

// The money behind a change (a redemption's discount, a purchase's bill) and what kind of reason it was, for
// the shift report's totals; both are part of what the cashier confirmed. Entries from before have neither.
// And an index by member for the card's list of a member's changes.
const VERSION_4 = `
  ALTER TABLE entries ADD COLUMN reason_kind TEXT CHECK (reason_kind IS NULL OR reason_kind IN (${quoted(REASON_KINDS)}));
  ALTER TABLE entries ADD COLUMN money_dong INTEGER CHECK (money_dong IS NULL OR money_dong >= 0);
  -- A member's card lists their latest changes at this till: read by member, settled ones included.
  CREATE INDEX entries_by_member ON entries (member_id, seq);

  DROP TRIGGER entries_content_fixed;
  CREATE TRIGGER entries_content_fixed
  BEFORE UPDATE OF id, seq, member_id, member_phone, member_name, direction, points, reason, ref_id, till,
    created_at, card_balance_before, card_balance_after, reverses_id, reversal_kind, reason_kind, money_dong ON entries
  BEGIN SELECT RAISE(ABORT, 'what the cashier confirmed never changes'); END;
`;

/** Index i takes the file from version i to version i + 1. Append; never edit a released step. */
export const MIGRATIONS: readonly ((db: DatabaseSync) => void)[] = [
  (db) => db.exec(VERSION_1),
  (db) => db.exec(VERSION_2),
  (db) => db.exec(VERSION_3),
  (db) => db.exec(VERSION_4),
];

export const SCHEMA_VERSION = MIGRATIONS.length;

function schemaVersion(db: DatabaseSync): number {
  return (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
}

export function migrate(db: DatabaseSync, migrations: readonly ((db: DatabaseSync) => void)[] = MIGRATIONS): void {
  const found = schemaVersion(db);
  if (found > migrations.length) {
    throw new Error(`The journal was written by a newer Loyalty Desk (schema ${found}; this one knows ${migrations.length})`);
  }
  for (let version = found; version < migrations.length; version += 1) {
    inTransaction(db, () => {
      migrations[version]!(db);
      db.exec(`PRAGMA user_version = ${version + 1}`);
    });
  }
}
