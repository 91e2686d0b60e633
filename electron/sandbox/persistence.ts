// Training mode keeps the sandbox's data in one JSON file. Writes are atomic (temp file, fsync, rename), so a
// crash leaves either the old or the new file, never a torn one.
//
// Mutations are written shortly after they happen (coalesced within WRITE_DELAY_MS), not before their HTTP
// response: a crash can lose the last few milliseconds of training data, which is acceptable for training.
// flush() — called by stop() and close() — waits until everything is on disk.
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { LedgerEntry } from './types.ts';
import type { Member } from './state.ts';

export interface Snapshot {
  format: 'loyalty-desk-sandbox';
  version: 1;
  seed: number;
  members: Member[];
  ledger: LedgerEntry[];
}

export interface Persister {
  markDirty(): void;
  flush(): Promise<void>;
}

const WRITE_DELAY_MS = 20;

/** The saved snapshot, or undefined when the file does not exist. Throws on a file that is not ours. */
export async function loadSnapshot(path: string): Promise<Snapshot | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const snapshot = JSON.parse(text) as Partial<Snapshot>;
  if (snapshot.format !== 'loyalty-desk-sandbox' || snapshot.version !== 1 || !Array.isArray(snapshot.members)) {
    throw new Error(`${path} is not a sandbox data file (version 1)`);
  }
  return { ...snapshot, ledger: snapshot.ledger ?? [] } as Snapshot;
}

export async function writeSnapshot(path: string, snapshot: Snapshot): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const file = await open(temporary, 'w');
  try {
    await file.writeFile(JSON.stringify(snapshot));
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export function createPersister(path: string, takeSnapshot: () => Snapshot): Persister {
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let failure: unknown;

  const writeNow = () => {
    clearTimeout(timer);
    timer = undefined;
    writing = writing.then(async () => {
      if (!dirty) return;
      dirty = false;
      try {
        await writeSnapshot(path, takeSnapshot());
        failure = undefined;
      } catch (error) {
        dirty = true;
        failure = error;
        console.error(`sandbox: could not save ${path}:`, error);
      }
    });
    return writing;
  };

  return {
    markDirty() {
      dirty = true;
      timer ??= setTimeout(writeNow, WRITE_DELAY_MS);
    },
    async flush() {
      await writeNow();
      if (failure) throw failure;
    },
  };
}
