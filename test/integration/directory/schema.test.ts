// The directory shares its SQLite file with the journal: its own tables, its own version row, and nothing
// the journal owns (PRAGMA user_version) touched.
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, expect, it } from 'vitest';
import { createDirectory } from '../../../electron/directory/directory.ts';
import { DIRECTORY_SCHEMA_VERSION, directorySchemaVersion, migrateDirectory, openDirectoryDatabase } from '../../../electron/directory/schema.ts';
import { temporaryFolder } from './helpers.ts';

const folders: ReturnType<typeof temporaryFolder>[] = [];
afterEach(() => folders.splice(0).forEach((folder) => folder.remove()));
const fileIn = () => {
  const folder = temporaryFolder();
  folders.push(folder);
  return join(folder.path, 'desk.sqlite');
};

it('opens a file in WAL mode with synchronous NORMAL and records its version in schema_versions', () => {
  const db = openDirectoryDatabase(fileIn());
  expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
  expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 1 });
  expect(db.prepare('SELECT module, version FROM schema_versions').all()).toEqual([{ module: 'directory', version: DIRECTORY_SCHEMA_VERSION }]);
  const names = (db.prepare("SELECT name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((row) => row.name);
  expect(names.filter((name) => name !== 'schema_versions').every((name) => name.startsWith('directory_'))).toBe(true);
  db.close();
});

it("leaves the journal's PRAGMA user_version and tables alone, and migrates only once", () => {
  const file = fileIn();
  const journal = new DatabaseSync(file);
  journal.exec('CREATE TABLE entries (seq INTEGER PRIMARY KEY); PRAGMA user_version = 3;');
  journal.close();

  const db = openDirectoryDatabase(file);
  createDirectory(db).refresh('shop', { id: 1, first_name: 'An', updated_at: '2026-01-01T00:00:00Z' });
  migrateDirectory(db);
  createDirectory(db);
  expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: 3 });
  expect(db.prepare('SELECT count(*) AS n FROM entries').get()).toEqual({ n: 0 });
  expect(directorySchemaVersion(db)).toBe(DIRECTORY_SCHEMA_VERSION);
  expect(createDirectory(db).findById('shop', 1)?.first_name).toBe('An');
  db.close();
});

it('refuses a directory written by a newer Loyalty Desk', () => {
  const file = fileIn();
  openDirectoryDatabase(file).close();
  const db = new DatabaseSync(file);
  db.prepare("UPDATE schema_versions SET version = ? WHERE module = 'directory'").run(DIRECTORY_SCHEMA_VERSION + 1);
  expect(() => migrateDirectory(db)).toThrow(/newer Loyalty Desk/);
  db.close();
});
