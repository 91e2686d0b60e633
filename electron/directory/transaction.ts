// Every change to the directory is one transaction: a page of members and the sync cursor that follows it
// are written together or not at all, which is what lets a sync resume after a crash without gaps.

import type { DatabaseSync } from 'node:sqlite';

export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  // IMMEDIATE takes the write lock at once (the journal may hold another connection to the same file).
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
