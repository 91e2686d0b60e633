// The one way the shop's database changes: inside a transaction, so that what belongs together — a journal
// entry's state and the event recording it, a page of directory members and the sync cursor after it — is
// written together or not at all.

import type { DatabaseSync } from 'node:sqlite';

export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  // IMMEDIATE takes the write lock at once, so the reads inside see what the writes will be based on.
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    // SQLite rolls back by itself on some errors (a full disk): rolling back again would hide the real one.
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
