// The store's data: members sorted by id (ids never change and nothing is created through the API, so the
// order holds), a phone index, and the points ledger. Every mutation goes through here so that updated_at
// and the indexes stay right.
import type { Profile } from '../haravan/types.ts';
import type { LedgerEntry } from './types.ts';
import { formatMicros, parseIsoToMicros } from './timestamps.ts';

export interface Member {
  profile: Profile;
  /** Comma-separated, as GET …/tags.json answers it. Not part of Profile. */
  tags: string;
}

export interface StoreState {
  readonly members: Member[];
  readonly sortedIds: number[];
  readonly positionById: Map<number, number>;
  readonly idsByPhone: Map<string, number[]>;
  readonly ledger: LedgerEntry[];
  /** The latest updated_at handed out, so the next one is strictly later even within one millisecond. */
  lastStampMicros: number;
  /** The store's clock in epoch milliseconds: the till's, unless a test set it off (the clock-offset fault). */
  clock: () => number;
  /** Whether a points change moves updated_at: it does, unless a test says otherwise (points-keep-updated-at). */
  pointsMoveUpdatedAt: () => boolean;
}

export function createState(members: Member[], ledger: LedgerEntry[] = []): StoreState {
  const sorted = [...members].sort((a, b) => a.profile.id - b.profile.id);
  const state: StoreState = {
    members: sorted,
    sortedIds: sorted.map((m) => m.profile.id),
    positionById: new Map(),
    idsByPhone: new Map(),
    ledger: [...ledger],
    lastStampMicros: 0,
    clock: Date.now,
    pointsMoveUpdatedAt: () => true,
  };
  // Canonical timestamps sort as strings: find the latest by comparison, parse it once.
  let latest = '';
  sorted.forEach((member, position) => {
    const { id, phone, updated_at } = member.profile;
    if (state.positionById.has(id)) throw new Error(`Duplicate profile id ${id}`);
    state.positionById.set(id, position);
    indexPhone(state, phone, id);
    if (updated_at > latest) latest = updated_at;
  });
  for (const entry of ledger) if (entry.at > latest) latest = entry.at;
  state.lastStampMicros = parseIsoToMicros(latest) ?? 0;
  return state;
}

export function findMember(state: StoreState, id: number): Member | undefined {
  const position = state.positionById.get(id);
  return position === undefined ? undefined : state.members[position];
}

/** Position of the first member whose id is greater than `id` (binary search). */
export function firstPositionAfter(state: StoreState, id: number): number {
  let low = 0;
  let high = state.sortedIds.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (state.sortedIds[middle]! <= id) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A fresh updated_at: now by the store's clock, or one microsecond after the previous one, whichever is later. */
export function nextTimestamp(state: StoreState): string {
  state.lastStampMicros = Math.max(Math.floor(state.clock() * 1000), state.lastStampMicros + 1);
  return formatMicros(state.lastStampMicros);
}

export function nextLedgerSeq(state: StoreState): number {
  return (state.ledger.at(-1)?.seq ?? 0) + 1;
}

/** Applies a patch from the admin side (the "shop owner edits in Haravan"). id cannot change; updated_at is bumped. */
export function patchProfile(state: StoreState, id: number, patch: Partial<Profile>): Profile {
  const member = findMember(state, id);
  if (!member) throw new Error(`No profile with id ${id}`);
  const { id: _ignoredId, updated_at: _ignoredStamp, ...changes } = structuredClone(patch);
  const oldPhone = member.profile.phone;
  Object.assign(member.profile, changes);
  if (member.profile.phone !== oldPhone) {
    unindexPhone(state, oldPhone, id);
    indexPhone(state, member.profile.phone, id);
  }
  member.profile.updated_at = nextTimestamp(state);
  return structuredClone(member.profile);
}

/** The shop owner deletes the member: gone from lists and reads; its ledger rows stay. */
export function removeMember(state: StoreState, id: number): void {
  const position = state.positionById.get(id);
  if (position === undefined) throw new Error(`No profile with id ${id}`);
  const [removed] = state.members.splice(position, 1);
  state.sortedIds.splice(position, 1);
  state.positionById.delete(id);
  for (let index = position; index < state.sortedIds.length; index += 1) state.positionById.set(state.sortedIds[index]!, index);
  unindexPhone(state, removed!.profile.phone, id);
}

function indexPhone(state: StoreState, phone: string, id: number): void {
  const ids = state.idsByPhone.get(phone);
  if (!ids) state.idsByPhone.set(phone, [id]);
  else {
    ids.push(id);
    if (ids.length > 1 && ids.at(-2)! > id) ids.sort((a, b) => a - b);
  }
}

function unindexPhone(state: StoreState, phone: string, id: number): void {
  const remaining = (state.idsByPhone.get(phone) ?? []).filter((other) => other !== id);
  if (remaining.length === 0) state.idsByPhone.delete(phone);
  else state.idsByPhone.set(phone, remaining);
}
