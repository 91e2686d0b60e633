// Shared by the directory tests: a real SQLite file in a temporary folder, a client on the sandbox over
// HTTP, and a field-by-field comparison of the directory with the sandbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { expect } from 'vitest';
import { createHaravanClient } from '../../../electron/haravan/client.ts';
import { createScheduler } from '../../../electron/haravan/scheduler.ts';
import type { Profile } from '../../../electron/haravan/types.ts';
import type { Directory } from '../../../electron/directory/directory.ts';
import { DIRECTORY_FIELDS } from '../../../electron/directory/rows.ts';
import { openDirectoryDatabase } from '../../../electron/directory/schema.ts';
import type { SandboxStore } from '../../../electron/sandbox/server.ts';

export function temporaryFolder(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'loyalty-desk-directory-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function temporaryDatabase(): { db: DatabaseSync; file: string; close: () => void } {
  const folder = temporaryFolder();
  const file = join(folder.path, 'desk.sqlite');
  const db = openDirectoryDatabase(file);
  return {
    db,
    file,
    close: () => {
      db.close();
      folder.remove();
    },
  };
}

export function sandboxClient(sandbox: SandboxStore, drainPerSecond: number) {
  return createHaravanClient({
    token: sandbox.tokens.readOnly,
    baseURL: sandbox.url,
    scheduler: createScheduler({ drainPerSecond }),
    retry: { backoffMs: 5 },
    timeoutMs: 5_000,
  });
}

/** What the directory should hold of a sandbox profile. */
export function kept(profile: Profile): Record<string, unknown> {
  const fields: Record<string, unknown> = Object.fromEntries(DIRECTORY_FIELDS.map((field) => [field, profile[field]]));
  fields['profile_card_number'] ??= '';
  return fields;
}

/** Every sandbox member is in the directory with every kept field equal, and nothing else is. */
export function expectSameMembers(directory: Directory, shop: string, sandbox: SandboxStore): void {
  const profiles = sandbox.profiles();
  const held = profiles.map((profile) => {
    const member = directory.findById(shop, profile.id);
    return member && Object.fromEntries(DIRECTORY_FIELDS.map((field) => [field, member[field]]));
  });
  expect(held).toEqual(profiles.map(kept));
  expect(directory.status(shop).size).toBe(profiles.length);
}

/** FTS5's own check that the name index matches the member rows. */
export function expectNameIndexIntact(db: DatabaseSync): void {
  expect(() => db.exec("INSERT INTO directory_names (directory_names, rank) VALUES ('integrity-check', 1)")).not.toThrow();
}
