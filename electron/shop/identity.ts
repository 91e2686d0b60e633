// Which shop a token belongs to. Haravan's API names no shop, so a shop is known by its members: the first
// ten by id, each with its creation time, read when a token is connected. A token of the same API address
// whose sample agrees with a known shop's belongs to that shop, and its file (journal, directory, shifts) is
// used again: a replacement token resumes what a revoked one left waiting, and members deleted since (up to
// all but two of the ten) change nothing. Two shops that merely share a first member do not share a file. A shop with no
// members yet is known by its token alone, until it has members to be known by.
//
// The known shops are listed in shops/index.json (written whole, atomically), so that finding one never
// needs a shop file that another part of the app holds open.

import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Profile } from '../haravan/types.ts';
import { OPEN_STATES } from '../journal/types.ts';

export const SAMPLE_SIZE = 10;

export interface ShopIdentity {
  /** Names the shop's file: shops/<id>.db. */
  id: string;
  /** The API origin the shop was reached at. */
  origin: string;
  /** "id@created_at" of its first members by id, as sampled when last connected. */
  sample: string[];
  /** For a shop that had no members when connected: the token it is known by (a hash of it). */
  tokenHash: string | null;
  /** For people: the store name set when it was last connected, or the address. */
  label: string;
}

export interface ShopCandidate {
  origin: string;
  sample: string[];
  token: string;
  label: string;
}

/** The identity sample from the first members by id (a list request with fields id and created_at). */
export function sampleOf(profiles: readonly Partial<Profile>[]): string[] {
  return profiles
    .filter((profile): profile is Partial<Profile> & { id: number } => typeof profile.id === 'number')
    .sort((a, b) => a.id - b.id)
    .slice(0, SAMPLE_SIZE)
    .map((profile) => `${profile.id}@${profile.created_at ?? ''}`);
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 32);

const idOf = (member: string) => Number(member.slice(0, member.indexOf('@')));

/**
 * Two samples of one shop: ids only grow, so the members of the newer sample that fall within the older one's
 * ids are all in the older one (those missing from the newer were deleted since), and at least two are shared,
 * with their creation times (a shop of one member: that one).
 */
function sameShop(known: ShopIdentity, candidate: ShopCandidate): boolean {
  if (known.origin !== candidate.origin) return false;
  if (known.sample.length === 0 || candidate.sample.length === 0) {
    return known.sample.length === 0 && candidate.sample.length === 0 && known.tokenHash === hashOf(candidate.token);
  }
  const theirs = new Set(known.sample);
  const lastKnownId = Math.max(...known.sample.map(idOf));
  const within = candidate.sample.filter((member) => idOf(member) <= lastKnownId);
  const shared = within.filter((member) => theirs.has(member)).length;
  return shared === within.length && shared >= Math.min(2, known.sample.length, candidate.sample.length);
}

export interface ShopRegistry {
  /** The known shop this candidate is, updated with its new sample and label; or a new shop, registered. */
  identify(candidate: ShopCandidate): ShopIdentity;
  get(id: string): ShopIdentity | undefined;
  /** A shop known by its token alone (it had no members) is known from now on by the members it has now. */
  learnMembers(id: string, candidate: ShopCandidate): void;
  /** Known shops other than `currentId` whose files hold entries still on their way, with how many. */
  othersWaiting(currentId: string | undefined): { label: string; waiting: number }[];
}

interface IndexFile {
  version: 1;
  shops: ShopIdentity[];
}

export function shopRegistry(dataDir: string): ShopRegistry {
  const folder = join(dataDir, 'shops');
  const indexFile = join(folder, 'index.json');

  function read(): ShopIdentity[] {
    if (!existsSync(indexFile)) return [];
    const parsed = JSON.parse(readFileSync(indexFile, 'utf8')) as Partial<IndexFile>;
    return Array.isArray(parsed.shops) ? parsed.shops : [];
  }

  function write(shops: ShopIdentity[]): void {
    mkdirSync(folder, { recursive: true });
    const temporary = `${indexFile}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ version: 1, shops } satisfies IndexFile, null, 2));
    renameSync(temporary, indexFile);
  }

  return {
    identify(candidate) {
      const shops = read();
      const known = shops.find((shop) => sameShop(shop, candidate)) ?? adoptLegacyFile(folder, shops, candidate);
      const identity: ShopIdentity = {
        id: known?.id ?? randomUUID(),
        origin: candidate.origin,
        // An empty shop keeps being known by its token until members appear; then by them.
        sample: candidate.sample.length > 0 ? candidate.sample : (known?.sample ?? []),
        tokenHash: candidate.sample.length > 0 ? null : hashOf(candidate.token),
        label: candidate.label,
      };
      write([...shops.filter((shop) => shop.id !== identity.id), identity]);
      return identity;
    },
    get: (id) => read().find((shop) => shop.id === id),
    learnMembers(id, candidate) {
      const shops = read();
      const known = shops.find((shop) => shop.id === id);
      if (!known || known.sample.length > 0 || candidate.sample.length === 0 || known.tokenHash !== hashOf(candidate.token)) return;
      write(shops.map((shop) => (shop.id === id ? { ...shop, sample: candidate.sample, tokenHash: null } : shop)));
    },
    othersWaiting(currentId) {
      return read()
        .filter((shop) => shop.id !== currentId)
        .map((shop) => ({ label: shop.label, waiting: openEntries(join(folder, `${shop.id}.db`)) }))
        .filter((shop) => shop.waiting > 0);
    },
  };
}

/**
 * A shop file from before the index (named from the address and the first member's id@created_at): taken
 * on by the shop that has that first member, so what it left waiting is sent.
 */
function adoptLegacyFile(folder: string, shops: ShopIdentity[], candidate: ShopCandidate): ShopIdentity | undefined {
  // An empty shop's old file was named alike for every empty shop at the address: it is nobody's to take.
  const fingerprint = candidate.sample[0];
  if (fingerprint === undefined) return undefined;
  const id = createHash('sha256').update(`store:${candidate.origin}#${fingerprint}`).digest('hex').slice(0, 16);
  if (shops.some((shop) => shop.id === id) || !existsSync(join(folder, `${id}.db`))) return undefined;
  return { id, origin: candidate.origin, sample: candidate.sample, tokenHash: null, label: candidate.label };
}

const OPEN = OPEN_STATES.map((state) => `'${state}'`).join(', ');

/** Entries on their way in a shop file that is not open; 0 when there is no such file. */
function openEntries(file: string): number {
  if (!existsSync(file)) return 0;
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(file, { readOnly: true, timeout: 200 });
    return (db.prepare(`SELECT COUNT(*) AS n FROM entries WHERE state IN (${OPEN})`).get() as { n: number }).n;
  } catch {
    // Open elsewhere or not a journal yet: nothing this till can count now.
    return 0;
  } finally {
    db?.close();
  }
}
