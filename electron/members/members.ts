// What the cashier does to find members: the directory answers first (phone, card, email, name — online
// or offline); a phone it does not know is still asked of the store, for members added since the last
// sync. Every profile read from Haravan is written to the directory on the way, so the screen always
// gets one shape of member, with the time its figures were read.

import { encodeError, LoyaltyError } from '../haravan/errors.ts';
import { parsePhone } from '../haravan/phone.ts';
import type { Profile } from '../haravan/types.ts';
import type { LookupResult, Member, MemberProfile, TillChange } from '../ipc/contract.ts';
import type { ShopSession } from '../shop/session.ts';
import { extrasStale } from '../directory/extras.ts';
import { reversalState, waitingChange, type Journal } from '../journal/journal.ts';

/** Failures that mean "the store cannot answer now", not "the answer is no". */
const UNREACHABLE = new Set(['offline', 'rate_limited', 'server']);

export const isUnreachable = (error: unknown) => error instanceof LoyaltyError && UNREACHABLE.has(error.code);

const refusedToken = (error: unknown) => error instanceof LoyaltyError && error.code === 'unauthorized';

export async function lookup(session: ShopSession, typed: string): Promise<LookupResult> {
  const found = session.directory.search(session.shop, typed);
  const directoryIncomplete = !session.directory.isComplete(session.shop);
  const result = { query: found.query, members: found.members, more: found.more, directoryIncomplete, storeUnreachable: false };
  if (found.members.length > 0 || found.query.kind !== 'phone') return result;
  const phone = parsePhone(typed);
  if (!phone.ok) return result;
  try {
    const askedAt = Date.now();
    const profiles = await session.client().findByPhone(phone.phone, { likelyForm: session.directory.usualPhoneForm(session.shop) });
    return { ...result, members: profiles.map((profile) => remember(session, profile, askedAt)) };
  } catch (error) {
    if (isUnreachable(error)) return { ...result, storeUnreachable: true };
    throw error;
  }
}

/**
 * A member read from Haravan this recently on its own (a lookup's, a card's or a points change's answer) is
 * not read again when its card opens: the figures are seconds old, and a change reads the balance afresh.
 */
export const RECENT_READ_MS = 15_000;

/**
 * The member's card: the profile read from Haravan (unless read moments ago), and the tags and attributes
 * the directory holds, read again only when stale (EXTRAS_MAX_AGE_MS): one request for most cards. When
 * the store cannot be reached, all of it as the directory last had it.
 */
export async function getMember(session: ShopSession, id: number): Promise<Member> {
  const { directory, shop } = session;
  const client = session.client();
  const now = Date.now();
  const known = directory.findById(shop, id);
  session.recent.served(session.journal.till, id);
  const readAgo = now - (directory.lastReadAt(shop, id) ?? -Infinity);
  const held = directory.extras(shop, id);
  const profileRead = readAgo >= 0 && readAgo < RECENT_READ_MS ? undefined : client.getProfile(id);
  // Stale tags or attributes are read alongside; if that fails, the card still opens with what was held.
  const tagsRead = extrasStale(held.tagsReadAt, now)
    ? client.getTags(id).then((tags) => directory.keepTags(shop, id, tags), keepHeld)
    : undefined;
  const attributesRead = extrasStale(held.attributesReadAt, now)
    ? client.getAttributes(id).then((attributes) => directory.keepAttributes(shop, id, attributes), keepHeld)
    : undefined;
  try {
    const profile = await profileRead;
    if (profile) {
      // The read counts from when it was asked.
      remember(session, profile, now);
      // The token read a member: a refusal it met before (a stray 401) is over, and what waits may go.
      if (session.journal.sendingPausedBy()?.code === 'unauthorized') {
        session.journal.resumeSending();
        session.replayer.nudge();
      }
    }
  } catch (error) {
    // Only an unreachable store falls back; a closed connection (the store changed) must not read a closed session.
    // A refused token, too: the card shows what the directory held, and the journal stops sending as it would
    // on its own next send, so that the whole screen names the same cause (the status's journalPausedBy).
    if (refusedToken(error)) session.journal.pauseSending(encodeError(error));
    if (!(isUnreachable(error) || refusedToken(error)) || !known) throw error;
    await Promise.allSettled([tagsRead, attributesRead]);
    return withExtras(session, id, false);
  }
  await Promise.all([tagsRead, attributesRead]);
  return withExtras(session, id, true);
}

/** A failed read of tags or attributes leaves the card with what was held; the profile's read decides. */
const keepHeld = () => undefined;

function withExtras(session: ShopSession, id: number, live: boolean): Member {
  const member = session.directory.findById(session.shop, id);
  if (!member) throw new LoyaltyError('internal', `Profile ${id} could not be kept`);
  const extras = session.directory.extras(session.shop, id);
  const readAt = extras.tagsReadAt === null || extras.attributesReadAt === null ? null : Math.min(extras.tagsReadAt, extras.attributesReadAt);
  return {
    ...member,
    tags: extras.tags ?? [],
    attributes: extras.attributes ?? [],
    extrasReadAt: readAt === null ? null : new Date(readAt).toISOString(),
    live,
    waiting: waitingChange(session.journal, id),
    recentChanges: tillChanges(session.journal, id),
  };
}

/** How many of the member's changes at this till the card lists. */
const CARD_CHANGES = 5;

/** The member's latest changes made at this till, newest first, as the card lists them. */
export function tillChanges(journal: Journal, memberId: number): TillChange[] {
  return journal
    .list({ memberId })
    .filter((entry) => entry.till === journal.till)
    .slice(-CARD_CHANGES)
    .reverse()
    .map((entry) => ({
      id: entry.id,
      createdAt: entry.createdAt,
      direction: entry.direction,
      points: entry.points,
      reason: entry.reason,
      moneyDong: entry.moneyDong,
      state: entry.state,
      isReversal: entry.reversesId !== null,
      flagged: entry.duplicateCheck === 'due' || entry.duplicateCheck === 'suspected',
      reversal: reversalState(journal, entry.id),
    }));
}

/** The members served at this till today, as the directory holds them, the latest first. */
export function recentMembers(session: ShopSession, timeZone: string, limit = 8): MemberProfile[] {
  return session.recent
    .today(session.journal.till, timeZone, limit)
    .map((id) => session.directory.findById(session.shop, id))
    .filter((member): member is MemberProfile => member !== undefined);
}

/** Writes a profile just read from Haravan to the directory and returns it as the screen shows members. */
export function remember(session: ShopSession, profile: Partial<Profile>, askedAt?: number): MemberProfile {
  session.directory.refresh(session.shop, profile, askedAt);
  const member = session.directory.findById(session.shop, profile.id!);
  if (!member) throw new LoyaltyError('internal', `Profile ${String(profile.id)} could not be kept`);
  return member;
}
