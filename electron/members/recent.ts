// The members served at this till today — a card opened, points changed — for the customer who comes
// back to the till. Kept in the shop's database (member ids and when, nothing more), so a restart keeps
// the day's list; anything older than a day is dropped as it is written.

import type { DatabaseSync } from 'node:sqlite';

export interface RecentMembers {
  /** The member was served at `till` now. */
  served(till: string, memberId: number): void;
  /** Members served at `till` on the store's calendar day of `now`, the latest first. */
  today(till: string, timeZone: string, limit: number): number[];
  /** The store left this till: its members go with it. */
  forget(): void;
}

const DAY_MS = 86_400_000;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS served_members (
    till TEXT NOT NULL,
    member_id INTEGER NOT NULL,
    served_at TEXT NOT NULL,
    PRIMARY KEY (till, member_id)
  ) STRICT;
`;

export function createRecentMembers(db: DatabaseSync, now: () => Date = () => new Date()): RecentMembers {
  db.exec(SCHEMA);
  const statements = {
    served: db.prepare(`
      INSERT INTO served_members (till, member_id, served_at) VALUES (?, ?, ?)
      ON CONFLICT (till, member_id) DO UPDATE SET served_at = excluded.served_at`),
    dropOld: db.prepare('DELETE FROM served_members WHERE served_at < ?'),
    latest: db.prepare('SELECT member_id, served_at FROM served_members WHERE till = ? ORDER BY served_at DESC, rowid DESC LIMIT ?'),
  };
  return {
    served(till, memberId) {
      const at = now();
      statements.served.run(till, memberId, at.toISOString());
      statements.dropOld.run(new Date(at.getTime() - DAY_MS).toISOString());
    },
    today(till, timeZone, limit) {
      const day = calendarDay(timeZone);
      const today = day(now());
      return (statements.latest.all(till, limit) as { member_id: number; served_at: string }[])
        .filter((row) => day(new Date(row.served_at)) === today)
        .map((row) => row.member_id);
    },
    forget: () => void db.exec('DELETE FROM served_members'),
  };
}

/** The date a moment falls on in the store's zone ("2026-12-02"), whatever zone the till's clock is set to. */
function calendarDay(timeZone: string): (at: Date) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (at) => format.format(at);
}
