// One search field for everything a cashier types or scans: decides whether it is a phone, a card number,
// an email or a name, the way members.ts's lookup decides between phone and card for the API.

import { LoyaltyError } from '../haravan/errors.ts';
import { parsePhone } from '../haravan/phone.ts';
import { DEFAULT_NAME_LIMIT, type DirectoryLookup } from './lookup.ts';
import type { DirectoryMember } from './rows.ts';

export type DirectoryQuery =
  | { kind: 'phone'; national: string; display: string }
  | { kind: 'card'; cardNumber: string }
  | { kind: 'email'; email: string }
  | { kind: 'name'; text: string };

export interface DirectorySearch {
  query: DirectoryQuery;
  members: DirectoryMember[];
  /** A name search found more members than `limit`: the cashier should type more. */
  more: boolean;
}

/** Card numbers as members.ts knows them: digits that, unlike national phones, never start with 0. */
const CARD_NUMBER = /^[1-9]\d{5,19}$/;
/** What can only be meant as a number: digits and what people put between them. */
const NUMBER_LIKE = /^[+\d\s.()\-]+$/;

export function searchDirectory(lookup: DirectoryLookup, shop: string, typed: string, limit = DEFAULT_NAME_LIMIT): DirectorySearch {
  const text = typed.trim();
  if (text === '') throw new LoyaltyError('invalid_input', 'Nothing to search for', { detail: 'empty' });
  const found = (query: DirectoryQuery, members: DirectoryMember[]): DirectorySearch => ({ query, members, more: false });

  if (text.includes('@')) return found({ kind: 'email', email: text }, lookup.findByEmail(shop, text));

  const phone = parsePhone(text);
  // A scanned card is one word with digits in it; shops may print letters on their cards too.
  const scannable = !/\s/.test(text) && /\d/.test(text);
  if (phone.ok) {
    const members = lookup.findByPhone(shop, text);
    // "84909977921" is a phone and could be a card: the phone wins when it finds someone.
    const byCard = members.length === 0 && scannable ? lookup.findByCard(shop, text) : [];
    if (byCard.length > 0) return found({ kind: 'card', cardNumber: text }, byCard);
    return found({ kind: 'phone', national: phone.phone.national, display: phone.phone.display }, members);
  }
  if (scannable) {
    const byCard = lookup.findByCard(shop, text);
    if (byCard.length > 0 || CARD_NUMBER.test(text)) return found({ kind: 'card', cardNumber: text }, byCard);
  }
  if (NUMBER_LIKE.test(text)) {
    throw new LoyaltyError('invalid_input', `Not a Vietnamese phone number or a card number (${phone.problem})`, { detail: phone.problem });
  }

  const members = lookup.searchByName(shop, text, limit + 1);
  return { query: { kind: 'name', text }, members: members.slice(0, limit), more: members.length > limit };
}
