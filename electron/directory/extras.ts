// A member's tags and attributes as this till last read them (see directory_extras in schema.ts), and when
// they are worth reading again.

import type { DatabaseSync } from 'node:sqlite';
import type { ProfileAttribute } from '../haravan/types.ts';

/**
 * How long tags and attributes read from Haravan are shown without reading them again: a week. They are
 * labels a shop sets in its admin for campaigns and segments (the reference's examples: MUA_HANG_KM,
 * Online, Facebook; ref_id), not at the till, and nothing the till decides depends on them; the card says
 * when they were read. Read every day they would make most visits cost three requests instead of one, since
 * most customers come less often than daily; a week costs a regular customer's card two more requests a
 * week at most. Attributes also come, for free, with every points change's answer.
 */
export const EXTRAS_MAX_AGE_MS = 7 * 86_400_000;

export interface MemberExtras {
  tags: string[] | null;
  /** Milliseconds since the epoch; null when never read on this till. */
  tagsReadAt: number | null;
  attributes: ProfileAttribute[] | null;
  attributesReadAt: number | null;
}

export interface ExtrasStore {
  read(shop: string, id: number): MemberExtras;
  keepTags(shop: string, id: number, tags: string[], readAt: number): void;
  keepAttributes(shop: string, id: number, attributes: ProfileAttribute[], readAt: number): void;
}

const NOTHING: MemberExtras = { tags: null, tagsReadAt: null, attributes: null, attributesReadAt: null };

/** Whether what was read at `readAt` (null: never) should be read again at `now`. */
export const extrasStale = (readAt: number | null, now: number) => readAt === null || now - readAt > EXTRAS_MAX_AGE_MS || readAt > now;

export function createExtrasStore(db: DatabaseSync): ExtrasStore {
  const select = db.prepare('SELECT tags, tags_read_at, attributes, attributes_read_at FROM directory_extras WHERE shop = ? AND id = ?');
  const upsert = (column: 'tags' | 'attributes') =>
    db.prepare(`
      INSERT INTO directory_extras (shop, id, ${column}, ${column}_read_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (shop, id) DO UPDATE SET ${column} = excluded.${column}, ${column}_read_at = excluded.${column}_read_at
      WHERE directory_extras.${column}_read_at IS NULL OR directory_extras.${column}_read_at <= excluded.${column}_read_at`);
  const saveTags = upsert('tags');
  const saveAttributes = upsert('attributes');

  return {
    read(shop, id) {
      const row = select.get(shop, id) as
        | { tags: string | null; tags_read_at: number | null; attributes: string | null; attributes_read_at: number | null }
        | undefined;
      if (!row) return NOTHING;
      return {
        tags: row.tags === null ? null : (JSON.parse(row.tags) as string[]),
        tagsReadAt: row.tags_read_at,
        attributes: row.attributes === null ? null : (JSON.parse(row.attributes) as ProfileAttribute[]),
        attributesReadAt: row.attributes_read_at,
      };
    },
    keepTags: (shop, id, tags, readAt) => void saveTags.run(shop, id, JSON.stringify(tags), readAt),
    keepAttributes: (shop, id, attributes, readAt) => void saveAttributes.run(shop, id, JSON.stringify(attributes), readAt),
  };
}
