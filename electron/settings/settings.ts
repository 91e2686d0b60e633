// What the till remembers between starts. Plain data: the Electron build keeps it in electron-store,
// tests and the browser harness in memory. The token is not a setting: it lives in the token vault.

import * as v from 'valibot';
import { addressProblem } from '../haravan/address.ts';
import { DEFAULT_RULES, MAX_POINT_VALUE_DONG } from '../loyalty/rules.ts';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const apiUrl = v.pipe(
  v.string(),
  v.trim(),
  v.check((value) => value === '' || addressProblem(value) === undefined, 'must be an https address (http only on this computer), without user name, password or query'),
);

export const SettingsSchema = v.object({
  language: v.picklist(LANGUAGES),
  storeName: v.pipe(v.string(), v.trim(), v.maxLength(80)),
  /** What one point takes off a bill when redeemed, in đồng (0: points have no money value). */
  pointValueDong: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_POINT_VALUE_DONG)),
  /** Đồng spent for one point, as the shop's HaraLoyalty program earns them. */
  earnDongPerPoint: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000_000)),
  earnRounding: v.picklist(['down', 'nearest']),
  /** Haravan records this till's sales and awards their points itself: no adding "for a purchase" here. */
  salesRecordedInHaravan: v.boolean(),
  /** Redemptions above this many points always ask for confirmation. */
  confirmAbovePoints: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** The most points one redemption may take while the store cannot be reached. */
  offlineRedeemCapPoints: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** The printer's system name; "" for the system's default printer. */
  printerName: v.pipe(v.string(), v.maxLength(200)),
  paper: v.picklist(['58mm', '80mm', 'A4']),
  /** Printed at the bottom of the loyalty slip ("" for none). */
  slipFooter: v.pipe(v.string(), v.maxLength(300)),
  /** This till's name in the journal and the shift report. */
  tillName: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(40)),
  /** Empty: https://apis.haravan.com (a development build honours HARAVAN_API_URL on loopback). Changing it forgets the token. */
  apiUrl,
  timeZone: v.pipe(v.string(), v.check(isTimeZone, 'must be an IANA time zone')),
  /** Which store the till talks to; changed only through connect, disconnect and training mode. */
  mode: v.picklist(['none', 'store', 'training']),
  /** scrypt hash of the manager PIN ("salt:hash", hex); "" when there is none. Never sent to the screen. */
  managerPin: v.string(),
  /** Wrong PINs in a row, across restarts, and until when (epoch ms) the next one is refused. */
  pinFailures: v.pipe(v.number(), v.integer(), v.minValue(0)),
  pinBlockedUntil: v.pipe(v.number(), v.minValue(0)),
  /** Days an applied or discarded journal entry (a member's name and phone with it) is kept before it is purged. */
  journalRetentionDays: v.pipe(v.number(), v.integer(), v.minValue(7), v.maxValue(3650)),
  /** Where exports (journal and shift CSV, PDFs) are written; "" for the app's default folder. */
  exportFolder: v.pipe(v.string(), v.trim(), v.maxLength(500), v.check((value) => value === '' || isFullPath(value), 'must be a full folder path')),
  /** Points above which one adjustment needs the manager PIN, whatever the screen sends. */
  pinAbovePoints: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000_000)),
  /** HMAC of the security-relevant settings under a key only this app holds (sealed.ts); "" before the first seal. */
  seal: v.string(),
  /** Which releases the till takes: `latest`, or `beta` too. */
  updateChannel: v.picklist(['latest', 'beta']),
  /** Where updates come from; "" for the address built into the app. https only (http on this computer for tests). */
  updateFeedUrl: v.pipe(
    v.string(),
    v.trim(),
    v.maxLength(500),
    v.check((value) => value === '' || addressProblem(value) === undefined, 'must be an https address (http only on this computer)'),
  ),
  /** "HH:MM" to install a downloaded update at that time of day (when the till allows); "" for on quit only. */
  updateInstallTime: v.pipe(v.string(), v.regex(/^$|^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:MM')),
  /** Where crash dumps are sent; "" keeps them on the till. Read at start. */
  crashUploadUrl: v.pipe(
    v.string(),
    v.trim(),
    v.maxLength(500),
    v.check((value) => value === '' || addressProblem(value) === undefined, 'must be an https address'),
  ),
  /** A dedicated till: the window fills the screen and cannot be left without the PIN. */
  kiosk: v.boolean(),
  /** The app starts when the till's user logs in. */
  startAtLogin: v.boolean(),
  /**
   * Which known shop the connected token belongs to (see shop/identity.ts): what is kept per shop (the
   * journal's waiting adjustments) follows the shop, not the token. "" until a token is connected.
   */
  shopId: v.string(),
});

export type Settings = v.InferOutput<typeof SettingsSchema>;

export type ConnectionMode = Settings['mode'];

/** What the screen may see and change directly. */
/** Kept by the main process for itself: changed only through their own channels, never sent to the screen. */
const INTERNAL = ['mode', 'managerPin', 'shopId', 'pinFailures', 'pinBlockedUntil', 'seal'] as const;

export type PublicSettings = Omit<Settings, (typeof INTERNAL)[number]>;

export const SettingsPatchSchema = v.partial(v.omit(SettingsSchema, INTERNAL));
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  language: 'vi',
  storeName: '',
  ...DEFAULT_RULES,
  confirmAbovePoints: 0,
  offlineRedeemCapPoints: 5000,
  tillName: 'Quầy 1',
  printerName: '',
  paper: '80mm',
  slipFooter: '',
  apiUrl: '',
  timeZone: 'Asia/Ho_Chi_Minh',
  mode: 'none',
  managerPin: '',
  pinFailures: 0,
  pinBlockedUntil: 0,
  pinAbovePoints: 10_000,
  journalRetentionDays: 90,
  exportFolder: '',
  seal: '',
  shopId: '',
  updateChannel: 'latest',
  updateFeedUrl: '',
  updateInstallTime: '',
  crashUploadUrl: '',
  kiosk: false,
  startAtLogin: false,
};

export function publicSettings(settings: Settings): PublicSettings {
  const { mode: _mode, managerPin: _pin, shopId: _shop, pinFailures: _failures, pinBlockedUntil: _blocked, seal: _seal, ...rest } = settings;
  return rest;
}

/** Where settings are kept; the Electron adapter is electron-store, the harness keeps them in memory. */
export interface SettingsStore {
  read(): Settings;
  write(settings: Settings): void;
}

export function memorySettingsStore(initial: Partial<Settings> = {}): SettingsStore {
  let current: Settings = { ...DEFAULT_SETTINGS, ...initial };
  return {
    read: () => ({ ...current }),
    write: (settings) => {
      current = { ...settings };
    },
  };
}

/** Reads stored settings leniently: a value that no longer validates falls back to its default. */
export function settingsFrom(stored: Record<string, unknown>): Settings {
  const result: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, schema] of Object.entries(SettingsSchema.entries)) {
    const parsed = v.safeParse(schema, stored[key]);
    if (parsed.success) result[key] = parsed.output;
  }
  return result as Settings;
}

/** A full path on Windows (C:\…, \\server\share) or elsewhere (/…); settings.ts stays free of Node for the screen's sake. */
function isFullPath(value: string): boolean {
  return /^([A-Za-z]:[\\/]|\\\\[^\\]+\\|\/)/.test(value);
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
