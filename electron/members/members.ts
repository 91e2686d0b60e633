// What the cashier does to find members: the directory answers first (phone, card, email, name — online
// or offline); a phone it does not know is still asked of the store, for members added since the last
// sync. Every profile read from Haravan is written to the directory on the way, so the screen always
// gets one shape of member, with the time its figures were read.

import { LoyaltyError } from '../haravan/errors.ts';
import { parsePhone } from '../haravan/phone.ts';
import type { Profile } from '../haravan/types.ts';
import type { LookupResult, Member, MemberProfile } from '../ipc/contract.ts';
import type { ShopSession } from '../shop/session.ts';

/** Failures that mean "the store cannot answer now", not "the answer is no". */
const UNREACHABLE = new Set(['offline', 'rate_limited', 'server']);

export const isUnreachable = (error: unknown) => error instanceof LoyaltyError && UNREACHABLE.has(error.code);

export async function lookup(session: ShopSession, typed: string): Promise<LookupResult> {
  const found = session.directory.search(session.shop, typed);
  const directoryIncomplete = !session.directory.isComplete(session.shop);
  const result = { query: found.query, members: found.members, more: found.more, directoryIncomplete };
  if (found.members.length > 0 || found.query.kind !== 'phone') return result;
  const phone = parsePhone(typed);
  if (!phone.ok) return result;
  try {
    const profiles = await session.client().findByPhone(phone.phone);
    return { ...result, members: profiles.map((profile) => remember(session, profile)) };
  } catch (error) {
    if (isUnreachable(error)) return result;
    throw error;
  }
}

export async function getMember(session: ShopSession, id: number): Promise<Member> {
  const client = session.client();
  try {
    const [profile, tags, attributes] = await Promise.all([client.getProfile(id), client.getTags(id), client.getAttributes(id)]);
    return { ...remember(session, profile), tags, attributes, live: true };
  } catch (error) {
    // Only an unreachable store falls back; a closed connection (the store changed) must not read a closed session.
    const known = isUnreachable(error) ? session.directory.findById(session.shop, id) : undefined;
    if (known) return { ...known, tags: [], attributes: [], live: false };
    throw error;
  }
}

/** Writes a profile just read from Haravan to the directory and returns it as the screen shows members. */
export function remember(session: ShopSession, profile: Partial<Profile>): MemberProfile {
  session.directory.refresh(session.shop, profile);
  const member = session.directory.findById(session.shop, profile.id!);
  if (!member) throw new LoyaltyError('internal', `Profile ${String(profile.id)} could not be kept`);
  return member;
}
