// What the cashier does with members: find them by phone or card number, open one with tags and
// attributes, and add or redeem points. Requests a cashier waits for go in the interactive lane.

import type { HaravanClient } from '../haravan/client.ts';
import { LoyaltyError } from '../haravan/errors.ts';
import { maskPhone, normalizeStoredPhone, parsePhone } from '../haravan/phone.ts';
import type { PointDirection, Profile } from '../haravan/types.ts';
import type { AdjustmentInput, LookupResult, Member, MemberProfile } from '../ipc/contract.ts';
import { cardIndexFor } from './card-index.ts';

/** Card numbers are digits only and, unlike national phones, never start with 0. */
const CARD_NUMBER = /^[1-9]\d{5,19}$/;

export async function lookup(client: HaravanClient, typed: string): Promise<LookupResult> {
  const text = typed.trim();
  const phone = parsePhone(text);
  const card = CARD_NUMBER.test(text) ? text : undefined;
  if (phone.ok) {
    const members = (await client.findByPhone(phone.phone)).map(forScreen);
    // "84909977921" is a phone and could be a card: the phone wins when it finds someone.
    if (members.length > 0 || !card) {
      return { query: { kind: 'phone', national: phone.phone.national, display: phone.phone.display }, members };
    }
  }
  if (card) return { query: { kind: 'card', cardNumber: card }, members: await findByCard(client, card) };
  throw new LoyaltyError('invalid_input', `Not a Vietnamese phone number (${phone.ok ? 'card' : phone.problem})`, {
    detail: phone.ok ? 'not_digits' : phone.problem,
  });
}

async function findByCard(client: HaravanClient, cardNumber: string): Promise<MemberProfile[]> {
  const ids = await cardIndexFor(client).find(cardNumber);
  const profiles = await Promise.all(ids.map((id) => client.getProfile(id)));
  // The index may be older than a card change: keep only profiles that still carry the card.
  return profiles.filter((profile) => profile.profile_card_number === cardNumber).map(forScreen);
}

export async function getMember(client: HaravanClient, id: number): Promise<Member> {
  const [profile, tags, attributes] = await Promise.all([client.getProfile(id), client.getTags(id), client.getAttributes(id)]);
  return { ...forScreen(profile), tags, attributes };
}

export async function adjustPoints(client: HaravanClient, direction: PointDirection, input: AdjustmentInput): Promise<MemberProfile> {
  const profile = await client.adjustPoints(input.memberId, direction, { value: input.points, reason: input.reason, ref_id: input.orderRef });
  return forScreen(profile);
}

/** Adds the stored phone formatted and masked, so the screen needs no phone rules of its own. */
export function forScreen(profile: Profile): MemberProfile {
  const stored = profile.phone?.trim() ?? '';
  const national = normalizeStoredPhone(stored);
  const parsed = national ? parsePhone(national) : undefined;
  if (parsed?.ok) return { ...profile, phoneDisplay: parsed.phone.display, phoneMasked: maskPhone(parsed.phone) };
  return { ...profile, phoneDisplay: stored, phoneMasked: stored === '' ? '' : maskUnrecognised(stored) };
}

function maskUnrecognised(stored: string): string {
  if (stored.length <= 6) return '*'.repeat(stored.length);
  return `${stored.slice(0, 3)}${'*'.repeat(stored.length - 6)}${stored.slice(-3)}`;
}
