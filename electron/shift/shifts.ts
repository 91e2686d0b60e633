// Shifts of a till: opened and closed from the screen, kept in the shop's database beside the journal,
// so that the end-of-shift report covers exactly the adjustments made at this till in between.

import type { DatabaseSync } from 'node:sqlite';
import { LoyaltyError } from '../haravan/errors.ts';
import { inTransaction } from '../sqlite/transaction.ts';

export interface Shift {
  id: number;
  till: string;
  /** Who opened the shift, as they gave their name at the till. */
  operator: string;
  /** ISO 8601, UTC. */
  openedAt: string;
  closedAt: string | null;
}

export interface Shifts {
  /** The till's open shift, if any. */
  current(till: string): Shift | undefined;
  get(id: number): Shift | undefined;
  /** Opens a shift for `operator` (or returns the one already open). */
  open(till: string, operator: string): Shift;
  close(id: number): Shift;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS schema_versions (module TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT;
  CREATE TABLE IF NOT EXISTS shifts (
    id INTEGER PRIMARY KEY,
    till TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    closed_at TEXT
  ) STRICT;
  CREATE UNIQUE INDEX IF NOT EXISTS one_open_shift_per_till ON shifts (till) WHERE closed_at IS NULL;
  INSERT INTO schema_versions (module, version) VALUES ('shifts', 1) ON CONFLICT (module) DO NOTHING;
`;

/** Index i takes the table from version i + 1 to i + 2: who opened the shift (shifts from before name nobody). */
const MIGRATIONS = [`ALTER TABLE shifts ADD COLUMN operator TEXT NOT NULL DEFAULT ''`];

function migrate(db: DatabaseSync): void {
  const { version } = db.prepare(`SELECT version FROM schema_versions WHERE module = 'shifts'`).get() as { version: number };
  if (version > MIGRATIONS.length + 1) {
    throw new Error(`The shifts were written by a newer Loyalty Desk (version ${version}; this one knows ${MIGRATIONS.length + 1})`);
  }
  inTransaction(db, () => {
    for (let step = version - 1; step < MIGRATIONS.length; step += 1) db.exec(MIGRATIONS[step]!);
    db.prepare(`UPDATE schema_versions SET version = ? WHERE module = 'shifts'`).run(MIGRATIONS.length + 1);
  });
}

type Row = { id: number; till: string; operator: string; opened_at: string; closed_at: string | null };
const toShift = (row: Row): Shift => ({ id: row.id, till: row.till, operator: row.operator, openedAt: row.opened_at, closedAt: row.closed_at });

export function createShifts(db: DatabaseSync, now: () => Date = () => new Date()): Shifts {
  db.exec(SCHEMA);
  migrate(db);
  const statements = {
    current: db.prepare('SELECT * FROM shifts WHERE till = ? AND closed_at IS NULL'),
    get: db.prepare('SELECT * FROM shifts WHERE id = ?'),
    open: db.prepare('INSERT INTO shifts (till, operator, opened_at) VALUES (?, ?, ?) RETURNING *'),
    close: db.prepare('UPDATE shifts SET closed_at = ? WHERE id = ? AND closed_at IS NULL RETURNING *'),
  };
  const read = (row: unknown) => (row ? toShift(row as Row) : undefined);

  return {
    current: (till) => read(statements.current.get(till)),
    get: (id) => read(statements.get.get(id)),
    open(till, operator) {
      const name = operator.trim();
      if (name === '') throw new LoyaltyError('invalid_input', 'The name of who opens the shift is required', { detail: 'operator' });
      return read(statements.current.get(till)) ?? toShift(statements.open.get(till, name, now().toISOString()) as Row);
    },
    close(id) {
      const closed = read(statements.close.get(now().toISOString(), id));
      if (!closed) throw new LoyaltyError('invalid_input', `Shift ${id} is not open`, { detail: 'shift' });
      return closed;
    },
  };
}
