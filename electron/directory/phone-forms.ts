// Which form this shop stores its members' phones in, learnt from the directory, so that an online phone
// lookup asks Haravan for that form first and for the others only when it finds nothing (storedFormKind).

import type { DatabaseSync } from 'node:sqlite';
import { storedFormKind, type StoredFormKind } from '../haravan/phone.ts';

/** Enough members to tell a shop's habit within a percent or two, read in a few milliseconds. */
const SAMPLE = 5_000;
/** Fewer phones than this say nothing yet: national, Haravan's own, is assumed. */
const FEWEST = 20;
/** A shop's habit changes slowly; the directory grows as it syncs. */
const KEPT_MS = 10 * 60_000;

export interface PhoneForms {
  usual(shop: string): StoredFormKind;
  forget(shop: string): void;
}

export function createPhoneForms(db: DatabaseSync, now: () => number = Date.now): PhoneForms {
  const sample = db.prepare('SELECT phone FROM directory_members WHERE shop = ? AND phone_national IS NOT NULL LIMIT ?');
  const known = new Map<string, { usual: StoredFormKind; at: number }>();

  function count(shop: string): StoredFormKind {
    const counts = new Map<StoredFormKind, number>();
    let phones = 0;
    for (const row of sample.iterate(shop, SAMPLE) as Iterable<{ phone: string }>) {
      const kind = storedFormKind(row.phone);
      if (kind) counts.set(kind, (counts.get(kind) ?? 0) + 1);
      phones += 1;
    }
    if (phones < FEWEST) return 'national';
    return [...counts.entries()].reduce<[StoredFormKind, number]>((best, entry) => (entry[1] > best[1] ? entry : best), ['national', 0])[0];
  }

  return {
    usual(shop) {
      const held = known.get(shop);
      if (held && now() - held.at < KEPT_MS) return held.usual;
      const usual = count(shop);
      known.set(shop, { usual, at: now() });
      return usual;
    },
    forget: (shop) => void known.delete(shop),
  };
}
