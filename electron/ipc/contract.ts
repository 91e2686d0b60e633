// The one IPC contract: every channel between the cashier screen and the main process, with the schema
// its input must pass and the type of its result. Main registers handlers from this table, the preload
// exposes one function per entry, and the renderer types its calls from it; a channel added here is
// typed everywhere.

import * as v from 'valibot';
import type { ConnectionStatus } from '../connection/connection.ts';
import type { DirectoryStatus } from '../directory/directory.ts';
import type { DirectoryMember } from '../directory/rows.ts';
import type { DirectoryQuery } from '../directory/search.ts';
import type { EncodedError } from '../haravan/errors.ts';
import type { ProfileAttribute } from '../haravan/types.ts';
import { REASON_KINDS, type EntryState, type JournalEntry } from '../journal/types.ts';
import { MAX_DONG, MAX_POINTS } from '../loyalty/rules.ts';
import type { PrinterInfo } from '../printing/printer.ts';
import type { Preview } from '../printing/service.ts';
import type { Shift } from '../shift/shifts.ts';
import type { RestartAnswer, UpdateStatus } from '../updates/service.ts';
import { LANGUAGES, SettingsPatchSchema, type PublicSettings } from '../settings/settings.ts';

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
const dong = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_DONG));
const change = {
  memberId,
  /** Whole points; the main process refuses anything else before sending. */
  points: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_POINTS)),
  reason: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(255)),
  orderRef: v.pipe(v.string(), v.trim(), v.maxLength(64)),
};
const addition = v.object({
  ...change,
  /** The preset the reason came from: main refuses a purchase where Haravan awards purchase points itself. */
  reasonKind: v.picklist(REASON_KINDS.filter((kind) => kind !== 'redeem')),
  /** Points earned from a bill of this many đồng: main works them out again with its own rules. */
  billDong: v.optional(dong),
});
const redemption = v.object({
  ...change,
  reasonKind: v.optional(v.literal('redeem')),
  /** The discount the screen showed for these points: main refuses the change if its own point value says otherwise. */
  discountDong: v.optional(dong),
});

export type AdditionInput = v.InferOutput<typeof addition>;
export type RedemptionInput = v.InferOutput<typeof redemption>;
export type AdjustmentInput = AdditionInput | RedemptionInput;

/** What the search field was understood as: a phone (today's national form), a card number, an email or a name. */
export type UnderstoodQuery = DirectoryQuery;

/**
 * A member as the screen shows it: the fields the member directory keeps, the stored phone formatted and
 * masked, and `syncedAt`, when these figures were last read from Haravan (ISO 8601).
 */
export type MemberProfile = DirectoryMember;

export interface LookupResult {
  query: UnderstoodQuery;
  members: MemberProfile[];
  /** A name search found more members than listed: type more of the name. */
  more: boolean;
  /** The directory has not finished its first sync: a card, email or name not found may just not be synced yet. */
  directoryIncomplete: boolean;
  /** A phone found nowhere here could not be asked of the store: only the till's directory was searched. */
  storeUnreachable: boolean;
}

/** One of the member's recent changes at this till, as the card lists them. */
export interface TillChange {
  id: string;
  createdAt: string;
  direction: JournalEntry['direction'];
  points: number;
  reason: string;
  moneyDong: number | null;
  state: EntryState;
  /** This change reverses another one. */
  isReversal: boolean;
  /** The store may show it twice: a manager settles that in the journal before anything else. */
  flagged: boolean;
  /** Where its reversal stands: none yet, on its way, refused by the store (discarded in the journal to try again), or applied. */
  reversal: 'none' | 'open' | 'refused' | 'applied';
}

export interface Member extends MemberProfile {
  tags: string[];
  attributes: ProfileAttribute[];
  /** When the tags and attributes shown were read from Haravan (ISO 8601); null: not yet on this till. */
  extrasReadAt: string | null;
  /** False when the store could not be reached: the figures are the directory's, as of `syncedAt`. */
  live: boolean;
  /** This member's changes waiting in the journal to be sent (journal.waitingChange): the card adds them, as expected. */
  waiting: { count: number; points: number; entryIds: string[] };
  /** The member's latest changes made at this till, newest first. */
  recentChanges: TillChange[];
}

/** How a confirmed adjustment ended, for the screen. Rejections and unknown outcomes come back as errors. */
export interface AdjustmentOutcome {
  /** `queued`: kept in the journal and sent as soon as the store can be reached. */
  state: 'applied' | 'queued';
  /** The member after the change: the server's figures when applied, the expected ones when queued. */
  member: MemberProfile;
  entryId: string;
  /** The money behind the change as the journal keeps it (JournalEntry.moneyDong). */
  moneyDong: number | null;
  /** The member's latest changes at this till, this one first: the card's list without another request. */
  recentChanges: TillChange[];
}

/** What reconciliation keeps for itself; the panel shows outcomes, figures and decisions. */
export type JournalInternals = 'memberPhone' | 'sentPointUsedBefore' | 'sentUpdatedAtBefore' | 'attemptFromUs' | 'attemptToUs' | 'settleWaitedMs';

/** A journal entry as the journal panel shows it. */
export interface JournalEntryView extends Omit<JournalEntry, JournalInternals> {
  memberPhoneMasked: string;
  /** Where a manager's reversal of this change stands (TillChange.reversal). */
  reversal: TillChange['reversal'];
}

/** Entries that need attention or are on their way, by state; `applied_twice`: applied entries the store may show twice. */
export type JournalCounts = Record<'pending' | 'uncertain' | 'rejected' | 'needs_review' | 'applied_twice', number>;

/** Why the journal stopped sending: the store refused the token, or the address is not a Haravan store. */
export type JournalPause = 'token_refused' | 'wrong_address';

/** Another store's changes kept on this till, waiting for that store to be connected again. */
export interface OtherStoreWaiting {
  /** The store's name when it was last connected, or its address. */
  label: string;
  waiting: number;
}

export type DirectoryView = Omit<DirectoryStatus, 'shop'>;

/** Screens a restart after a crash comes back to. */
export const SCREENS = ['cashier', 'journal'] as const;
export type Screen = (typeof SCREENS)[number];

/** The program the till runs: its versions, its updates, and how this run started. */
export interface TillInfo {
  versions: Record<string, string>;
  /** null where the program does not update itself (a development build, the browser harness without a feed). */
  updates: UpdateStatus | null;
  /** This run followed one that did not quit (a crash, a power cut): the screen it was on, and the journal's changes not yet settled (being sent, or waiting for a manager). */
  afterCrash: { screen: Screen | null; waitingChanges: number } | null;
}

export type { RestartAnswer, UpdateStatus };

export type { PrinterInfo, Preview, Shift };

/** What the till shows in its status line. */
export interface DeskStatus extends ConnectionStatus {
  /** How the store answered lately: `unknown` before the first request. */
  health: 'unknown' | 'online' | 'offline' | 'rate_limited';
  /** Adjustments waiting to reach the store: pending, being sent, or uncertain. */
  pendingAdjustments: number;
  journal: JournalCounts;
  /** Sending stopped until the cause is put right; null while the journal sends. */
  journalPausedBy: JournalPause | null;
  /** Stores other than the one connected whose changes wait on this till. */
  otherStoresWaiting: OtherStoreWaiting[];
  /** A manager PIN guards the settings. */
  pinSet: boolean;
  /** The PIN was given less than five minutes ago: guarded actions are allowed until then, or `lockSettings`. */
  unlocked: boolean;
  /** The settings were changed outside the app: guarded actions are locked until the store is connected again. */
  settingsTampered: boolean;
}

const entryId = v.pipe(v.string(), v.uuid());
const note = v.pipe(v.string(), v.trim(), v.minLength(1, 'a reason is required'), v.maxLength(255));
const ENTRY_STATES = ['pending', 'sending', 'applied', 'rejected', 'uncertain', 'needs_review', 'discarded'] as const satisfies readonly EntryState[];

const pin = v.pipe(v.string(), v.regex(/^\d{4,12}$/, 'a PIN is digits only'));

export const contract = {
  getStatus: channel(nothing).returns<DeskStatus>(),
  /**
   * Checks the token (read and write scope) at the API address before keeping it with that address; replacing
   * a connected store needs the PIN. `pin` sets the manager PIN, which connecting a store needs when none is
   * set (or the settings' seal is broken).
   */
  connectStore: channel(
    v.object({
      token: v.pipe(v.string(), v.maxLength(1024)),
      pin: v.optional(pin),
      /** The name printed on slips, asked with the first token; kept once the token is accepted. */
      storeName: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(80))),
    }),
  ).returns<DeskStatus>(),
  /** Guarded by the PIN. */
  disconnectStore: channel(nothing).returns<DeskStatus>(),
  /** Turning it off is guarded by the PIN; turning it on is not (first start). */
  setTrainingMode: channel(v.object({ enabled: v.boolean() })).returns<DeskStatus>(),
  unlockSettings: channel(v.object({ pin })).returns<DeskStatus>(),
  lockSettings: channel(nothing).returns<DeskStatus>(),
  /** Sets, changes (`pin`) or removes (`pin: null`) the manager PIN; guarded by the current one. */
  setManagerPin: channel(v.object({ pin: v.nullable(pin) })).returns<DeskStatus>(),
  getSettings: channel(nothing).returns<PublicSettings>(),
  /** The screen's language, a cashier's choice: not guarded by the PIN. */
  setLanguage: channel(v.object({ language: v.picklist(LANGUAGES) })).returns<PublicSettings>(),
  /** Guarded by the PIN. */
  updateSettings: channel(SettingsPatchSchema).returns<PublicSettings>(),
  /** A phone in any form, a card number, an email or part of a name, as typed or scanned. */
  lookup: channel(v.object({ query: v.pipe(v.string(), v.maxLength(64)) })).returns<LookupResult>(),
  /** The member refreshed from the store when it can be reached, else the directory's copy (`live: false`). */
  getMember: channel(v.object({ memberId })).returns<Member>(),
  /** Recorded in the journal first, then sent; offline it is queued (redeems within the last known balance). */
  addPoints: channel(addition).returns<AdjustmentOutcome>(),
  subtractPoints: channel(redemption).returns<AdjustmentOutcome>(),
  /** Newest first; `attention` adds the applied entries the store may show twice to the states asked for. */
  listJournal: channel(
    v.object({
      states: v.optional(v.array(v.picklist(ENTRY_STATES))),
      attention: v.optional(v.boolean()),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
    }),
  ).returns<JournalEntryView[]>(),
  /** Send what is waiting now instead of at the next retry. */
  retryJournal: channel(nothing).returns<DeskStatus>(),
  /** A manager drops a pending or rejected entry; the reason is kept. Guarded by the PIN. */
  discardEntry: channel(v.object({ id: entryId, reason: note })).returns<JournalEntryView>(),
  /** A manager settles a needs-review entry: it was applied, or it must be sent again. Guarded by the PIN. */
  resolveEntry: channel(v.object({ id: entryId, resolution: v.picklist(['applied', 'resend']), note })).returns<JournalEntryView>(),
  /** A manager sends again an entry the store refused because the member was not found. Guarded by the PIN. */
  resendEntry: channel(v.object({ id: entryId, note })).returns<JournalEntryView>(),
  /**
   * A manager settles an entry the store may show twice: reverse the extra application (a new, opposite
   * change through the journal) or dismiss it as applied once. Guarded by the PIN.
   */
  settleDuplicate: channel(v.object({ id: entryId, decision: v.picklist(['reverse', 'dismiss']), note })).returns<JournalEntryView>(),
  /**
   * A manager reverses an applied change (a mistake, a refund): a new, opposite change linked to it, through the
   * journal like any other, at most once per change. Guarded by the PIN. Returns the reversal.
   */
  reverseEntry: channel(v.object({ id: entryId, note })).returns<JournalEntryView>(),
  /** Writes the whole journal as CSV and says where; phones masked unless `fullPhones` (guarded by the PIN). */
  exportJournal: channel(v.optional(v.object({ fullPhones: v.boolean() }))).returns<{ file: string }>(),
  getDirectoryStatus: channel(nothing).returns<DirectoryView>(),
  /** Starts a directory sync now (the first one pages the whole shop); returns at once. */
  syncDirectory: channel(nothing).returns<DirectoryView>(),
  listPrinters: channel(nothing).returns<PrinterInfo[]>(),
  /** The members served at this till today (a card opened or points changed), the latest first. */
  recentMembers: channel(nothing).returns<MemberProfile[]>(),
  /** Renders the member's loyalty slip (this visit's adjustments included) for the preview frame. */
  previewSlip: channel(v.object({ memberId })).returns<Preview>(),
  /** The last slip printed at this till, again, marked as a reprint. */
  previewLastSlip: channel(nothing).returns<Preview>(),
  /** This till's open shift, or null. */
  getShift: channel(nothing).returns<Shift | null>(),
  /** `operator`: who opens it, as the shift report names them. */
  openShift: channel(v.object({ operator: v.pipe(v.string(), v.trim(), v.minLength(1, 'a name is required'), v.maxLength(60)) })).returns<Shift>(),
  closeShift: channel(nothing).returns<Shift>(),
  /** The report of a shift (the open one when no id is given). */
  previewShiftReport: channel(v.object({ shiftId: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))) })).returns<Preview>(),
  exportShiftCsv: channel(v.object({ shiftId: v.pipe(v.number(), v.integer(), v.minValue(1)) })).returns<{ file: string }>(),
  getTillInfo: channel(nothing).returns<TillInfo>(),
  /** Asks the update feed now. */
  checkForUpdates: channel(nothing).returns<UpdateStatus | null>(),
  /** "Restart to update": installs a downloaded update now if the till allows it (no shift open, nothing sending or unclear). Guarded by the PIN. */
  restartToUpdate: channel(nothing).returns<RestartAnswer>(),
  /** One file for support — the logs, versions, settings without secrets, the journal's counts — and where it is. Guarded by the PIN. */
  exportDiagnostics: channel(nothing).returns<{ file: string }>(),
  /** The screen the cashier is on, kept for a restart after a crash. */
  setScreen: channel(v.object({ screen: v.picklist(SCREENS) })).returns<null>(),
  /** Prints a previewed document on the printer chosen in settings; a failure changes nothing else. */
  printPreview: channel(v.object({ previewId: v.pipe(v.string(), v.uuid()) })).returns<{ printer: string }>(),
  savePreviewPdf: channel(v.object({ previewId: v.pipe(v.string(), v.uuid()) })).returns<{ file: string }>(),
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

/** What the renderer sends (before validation). */
export type ChannelInput<C extends ChannelName> = v.InferInput<Contract[C]['input']>;
/** What a handler receives (after validation and trimming). */
export type ChannelArgument<C extends ChannelName> = v.InferOutput<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = Exclude<Contract[C]['output'], undefined>;

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
