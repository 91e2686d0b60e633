// The one IPC contract: every channel between the cashier screen and the main process, with the schema
// its input must pass and the type of its result. Main registers handlers from this table, the preload
// exposes one function per entry, and the renderer types its calls from it; a channel added here is
// typed everywhere.

import * as v from 'valibot';
import type { ConnectionStatus } from '../connection/connection.ts';
import type { EncodedError } from '../haravan/errors.ts';
import type { Profile, ProfileAttribute } from '../haravan/types.ts';
import { SettingsPatchSchema, type Settings } from '../settings/settings.ts';

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

/** A phone as the main process understood it. */
export interface UnderstoodPhone {
  national: string;
  display: string;
}

export interface PhoneLookup {
  phone: UnderstoodPhone;
  members: Profile[];
}

export interface Member extends Profile {
  tags: string[];
  attributes: ProfileAttribute[];
}

export const contract = {
  getStatus: channel(nothing).returns<ConnectionStatus>(),
  connectStore: channel(v.object({ token: v.pipe(v.string(), v.maxLength(1024)) })).returns<ConnectionStatus>(),
  disconnectStore: channel(nothing).returns<ConnectionStatus>(),
  setTrainingMode: channel(v.object({ enabled: v.boolean() })).returns<ConnectionStatus>(),
  getSettings: channel(nothing).returns<Settings>(),
  updateSettings: channel(SettingsPatchSchema).returns<Settings>(),
  lookupByPhone: channel(v.object({ phone: v.pipe(v.string(), v.maxLength(64)) })).returns<PhoneLookup>(),
  getMember: channel(v.object({ memberId })).returns<Member>(),
  addPoints: channel(adjustment).returns<Profile>(),
  subtractPoints: channel(adjustment).returns<Profile>(),
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
