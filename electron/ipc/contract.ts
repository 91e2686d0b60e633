// The one IPC contract: every channel between the cashier screen and the main process, with the schema
// its input must pass and the type of its result. Main registers handlers from this table, the preload
// exposes one function per entry, and the renderer types its calls from it; a channel added here is
// typed everywhere.

import * as v from 'valibot';
import type { ConnectionStatus } from '../connection/connection.ts';
import type { EncodedError } from '../haravan/errors.ts';
import type { Profile, ProfileAttribute } from '../haravan/types.ts';
import { SettingsPatchSchema, type PublicSettings } from '../settings/settings.ts';

interface Channel<Input extends v.GenericSchema, Output> {
  input: Input;
  /** Type-only marker of the result; never read at run time. */
  output?: Output;
}

function channel<Input extends v.GenericSchema>(input: Input) {
  return { returns: <Output>(): Channel<Input, Output> => ({ input }) };
}

const nothing = v.optional(v.undefined());
const memberId = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER));
const adjustment = v.object({
  memberId,
  /** Whole points; the main process refuses anything else before sending. */
  points: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000_000)),
  reason: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(255)),
  orderRef: v.pipe(v.string(), v.trim(), v.maxLength(64)),
});

export type AdjustmentInput = v.InferOutput<typeof adjustment>;

/** What the search field was understood as: a phone in today's national form, or a card number. */
export type UnderstoodQuery =
  | { kind: 'phone'; national: string; display: string }
  | { kind: 'card'; cardNumber: string };

/** A profile as the screen shows it: with the stored phone already formatted and masked. */
export interface MemberProfile extends Profile {
  /** "0909 977 921", or the phone as stored when it is not a recognisable Vietnamese number; "" when none. */
  phoneDisplay: string;
  /** "0909 *** 921"; "" when there is no phone. */
  phoneMasked: string;
}

export interface LookupResult {
  query: UnderstoodQuery;
  members: MemberProfile[];
}

export interface Member extends MemberProfile {
  tags: string[];
  attributes: ProfileAttribute[];
}

/** What the till shows in its status line. */
export interface DeskStatus extends ConnectionStatus {
  /** How the store answered lately: `unknown` before the first request. */
  health: 'unknown' | 'online' | 'offline' | 'rate_limited';
  /** Adjustments waiting to reach the store (the offline journal fills this). */
  pendingAdjustments: number;
  /** A manager PIN guards the settings. */
  pinSet: boolean;
  /** The PIN was given recently: guarded actions are allowed until `lockSettings` or a few idle minutes. */
  unlocked: boolean;
}

const pin = v.pipe(v.string(), v.regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits'));

export const contract = {
  getStatus: channel(nothing).returns<DeskStatus>(),
  /** Checks the token (read and write scope) before keeping it; replacing a connected store needs the PIN. */
  connectStore: channel(v.object({ token: v.pipe(v.string(), v.maxLength(1024)) })).returns<DeskStatus>(),
  /** Guarded by the PIN. */
  disconnectStore: channel(nothing).returns<DeskStatus>(),
  /** Turning it off is guarded by the PIN; turning it on is not (first start). */
  setTrainingMode: channel(v.object({ enabled: v.boolean() })).returns<DeskStatus>(),
  unlockSettings: channel(v.object({ pin })).returns<DeskStatus>(),
  lockSettings: channel(nothing).returns<DeskStatus>(),
  /** Sets, changes (`pin`) or removes (`pin: null`) the manager PIN; guarded by the current one. */
  setManagerPin: channel(v.object({ pin: v.nullable(pin) })).returns<DeskStatus>(),
  getSettings: channel(nothing).returns<PublicSettings>(),
  /** Guarded by the PIN. */
  updateSettings: channel(SettingsPatchSchema).returns<PublicSettings>(),
  /** A phone in any form, or a card number, as typed or scanned. */
  lookup: channel(v.object({ query: v.pipe(v.string(), v.maxLength(64)) })).returns<LookupResult>(),
  getMember: channel(v.object({ memberId })).returns<Member>(),
  addPoints: channel(adjustment).returns<MemberProfile>(),
  subtractPoints: channel(adjustment).returns<MemberProfile>(),
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

/** What the renderer sends (before validation). */
export type ChannelInput<C extends ChannelName> = v.InferInput<Contract[C]['input']>;
/** What a handler receives (after validation and trimming). */
export type ChannelArgument<C extends ChannelName> = v.InferOutput<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = NonNullable<Contract[C]['output']>;

/** Errors cross the boundary as data, so their code survives. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: EncodedError };

/** The IPC channel string of an entry. */
export const ipcChannel = (name: ChannelName) => `loyalty-desk:${name}`;

type Arguments<C extends ChannelName> = undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>];

/** What the preload exposes (and the browser harness imitates): one function per channel. */
export type LoyaltyDeskApi = {
  [C in ChannelName]: (...args: Arguments<C>) => Promise<IpcResult<ChannelOutput<C>>>;
};

/** The main process's side: one handler per channel, given validated input. */
export type Handlers = {
  [C in ChannelName]: (input: ChannelArgument<C>) => Promise<ChannelOutput<C>>;
};

/** The name under which the preload exposes the API in the renderer's world. */
export const API_GLOBAL = 'loyaltyDesk';
