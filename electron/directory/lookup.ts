// Finding members in the directory: by phone (any form the shop stored it in), card number, email, or name.
// Every query is a prepared statement on an index: at 100 000 members a lookup by phone, card or email takes
// a few hundredths of a millisecond and one by name about a millisecond at worst (bench/directory.ts), so
// the main process answers the till at once, online or not.

import type { DatabaseSync } from 'node:sqlite';
import { parsePhone } from '../haravan/phone.ts';
import { foldedName, nameQueries } from './fold.ts';
import { DIRECTORY_FIELDS, toMember, type DirectoryMember, type StoredRow } from './rows.ts';

export const DEFAULT_NAME_LIMIT = 20;

export interface DirectoryLookup {
  /** Members whose stored phone is this number in any form; [] when the text is not a Vietnamese phone. */
  findByPhone(shop: string, phone: string): DirectoryMember[];
  findByCard(shop: string, cardNumber: string): DirectoryMember[];
  /** Case-insensitive. */
  findByEmail(shop: string, email: string): DirectoryMember[];
  /**
   * Members whose name holds every typed word, ignoring diacritics and case, each word whole or as the start
   * of a name word, in any order. Members matching every word whole come first; otherwise in the order the
   * directory received them (member id order, after the initial sync).
   */
  searchByName(shop: string, text: string, limit?: number): DirectoryMember[];
  findById(shop: string, id: number): DirectoryMember | undefined;
}

const SELECTED = [...DIRECTORY_FIELDS, 'synced_at'].map((column) => `m.${column}`).join(', ');

export function createLookup(db: DatabaseSync): DirectoryLookup {
  const byColumn = (column: string) =>
    db.prepare(`SELECT ${SELECTED} FROM directory_members m WHERE m.shop = ? AND m.${column} = ? ORDER BY m.id`);
  const byPhone = byColumn('phone_national');
  const byCard = byColumn('profile_card_number');
  const byEmail = byColumn('email_key');
  const byId = byColumn('id');
  // FTS5 yields matches in rowid order without sorting them all, which keeps a two-letter search over
  // tens of thousands of matches fast; rowids follow the initial sync, i.e. member id order.
  const byName = db.prepare(`
    SELECT ${SELECTED} FROM directory_names n JOIN directory_members m ON m.member_key = n.rowid
    WHERE directory_names MATCH ? AND m.shop = ? LIMIT ?`);

  const members = (rows: unknown[]) => (rows as StoredRow[]).map(toMember);

  return {
    findByPhone(shop, phone) {
      const parsed = parsePhone(phone);
      return parsed.ok ? members(byPhone.all(shop, parsed.phone.national)) : [];
    },
    findByCard(shop, cardNumber) {
      const card = cardNumber.trim();
      return card === '' ? [] : members(byCard.all(shop, card));
    },
    findByEmail(shop, email) {
      const key = email.trim().toLowerCase();
      return key === '' ? [] : members(byEmail.all(shop, key));
    },
    searchByName(shop, text, limit = DEFAULT_NAME_LIMIT) {
      const queries = nameQueries(text);
      if (!queries || limit < 1) return [];
      const prefixed = byName.all(queries.prefix, shop, limit) as StoredRow[];
      // Fewer than the limit: these are all the matches, the whole-word ones among them.
      if (prefixed.length < limit) return members(wholeWordsFirst(prefixed, queries.words));
      // Many matches: the whole-word ones may lie beyond the first few by prefix, so ask for them first.
      const whole = byName.all(queries.whole, shop, limit) as StoredRow[];
      const seen = new Set(whole.map((row) => row.id));
      return members([...whole, ...prefixed.filter((row) => !seen.has(row.id))].slice(0, limit));
    },
    findById(shop, id) {
      return members(byId.all(shop, id))[0];
    },
  };
}

/** Members whose name holds every typed word whole ("an" is An, not Anh) first; otherwise in the order given. */
function wholeWordsFirst(rows: StoredRow[], words: readonly string[]): StoredRow[] {
  const whole = (row: StoredRow) => {
    const held = new Set(foldedName(row.last_name, row.first_name).split(' '));
    return words.every((word) => held.has(word));
  };
  return [...rows.filter(whole), ...rows.filter((row) => !whole(row))];
}
