// What the cashier does with members: find them by phone, open one with tags and attributes, and
// add or redeem points. Requests a cashier waits for go in the scheduler's interactive lane.

import type { HaravanClient } from '../haravan/client.ts';
import { LoyaltyError } from '../haravan/errors.ts';
import { parsePhone } from '../haravan/phone.ts';
import type { PointDirection, Profile } from '../haravan/types.ts';
import type { AdjustmentInput, Member, PhoneLookup } from '../ipc/contract.ts';

export async function lookupByPhone(client: HaravanClient, typed: string): Promise<PhoneLookup> {
  const parsed = parsePhone(typed);
  if (!parsed.ok) {
    throw new LoyaltyError('invalid_input', `Not a Vietnamese phone number (${parsed.problem})`, { detail: parsed.problem });
  }
  const members = await client.findByPhone(parsed.phone);
  return { phone: { national: parsed.phone.national, display: parsed.phone.display }, members };
}

export async function getMember(client: HaravanClient, id: number): Promise<Member> {
  const [profile, tags, attributes] = await Promise.all([client.getProfile(id), client.getTags(id), client.getAttributes(id)]);
  return { ...profile, tags, attributes };
}

export function adjustPoints(client: HaravanClient, direction: PointDirection, input: AdjustmentInput): Promise<Profile> {
  return client.adjustPoints(input.memberId, direction, { value: input.points, reason: input.reason, ref_id: input.orderRef });
}
