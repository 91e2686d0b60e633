// The settings that guard the till — the manager PIN's hash and its failed attempts, the API address, which
// store is connected, the limits, how long personal data is kept and where exports go — are sealed with an HMAC under a key only this app holds (kept
// by safeStorage in the token vault). Editing the settings file by hand, or deleting the vault, breaks the
// seal: the guarded actions then stay locked, saying why, until the manager connects the store again (the
// token proves it is them) and sets a PIN. While broken, the app's own writes do not seal again, so a
// tampered value can never become trusted by accident.
//
// Where the OS cannot keep a secret (Linux without a keyring) there is no key and nothing is sealed; the
// token is not kept there either, so the manager connects at every start anyway.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { DEFAULT_SETTINGS, type Settings, type SettingsStore } from './settings.ts';

/** What the first seal covered: a seal written by an earlier version is checked over these alone. */
export const SEALED_FIELDS = [
  'managerPin', 'pinFailures', 'pinBlockedUntil', 'pinAbovePoints', 'apiUrl', 'mode', 'shopId', 'offlineRedeemCapPoints',
  'journalRetentionDays', 'exportFolder',
] as const;

/**
 * Sealed since the second seal ("v2:…"): the loyalty rules, which decide what a change is worth, and where the
 * till takes its program and sends its crashes from, and whether it is locked to the screen.
 */
export const SEALED_SINCE_V2 = [
  'pointValueDong', 'earnDongPerPoint', 'earnRounding', 'salesRecordedInHaravan', 'updateFeedUrl', 'crashUploadUrl', 'kiosk',
] as const;

/**
 * The rules that did not exist before the second seal, as they shipped: a first seal is taken only while they
 * are so (the till then writes a second seal at its next write). Frozen here, whatever the defaults become.
 */
const NEW_IN_V2 = {
  earnDongPerPoint: 10_000, earnRounding: 'down', salesRecordedInHaravan: true, updateFeedUrl: '', crashUploadUrl: '', kiosk: false,
} as const;

const V2 = 'v2:';

/** What a broken seal's reseal puts back, rather than trust: the addresses that could redirect a program or its dumps. */
const RESET_ON_RESEAL = { updateFeedUrl: '', crashUploadUrl: '' } as const;

/** Written as the seal while it is broken: never the HMAC of anything. */
const BROKEN = 'broken';

export interface SealedSettings extends SettingsStore {
  /** The sealed settings were changed outside the app: guarded actions stay locked until resealed. */
  tampered(): boolean;
  /** The manager proved who they are (a store connected with its token): trust the settings as they are now. */
  reseal(): void;
  /** Whether this computer can seal settings at all. */
  sealable(): boolean;
}

export function sealedSettings(inner: SettingsStore, key: Buffer | undefined): SealedSettings {
  const hmac = (values: unknown[]) => createHmac('sha256', key!).update(JSON.stringify(values)).digest('hex');
  const sealOf = (settings: Settings) => V2 + hmac([...SEALED_FIELDS, ...SEALED_SINCE_V2].map((field) => settings[field]));
  const firstSealOf = (settings: Settings) => hmac(SEALED_FIELDS.map((field) => settings[field]));
  const same = (found: string, expected: string) => {
    const a = Buffer.from(found);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const asShipped = (settings: Settings) => (Object.keys(NEW_IN_V2) as (keyof typeof NEW_IN_V2)[]).every((field) => settings[field] === NEW_IN_V2[field]);
  // Never sealed yet, and nothing to guard: a first start, or a till without a store. An address or kiosk
  // flag other than the shipped one in an unsealed file was put there by hand: the app never wrote it.
  const fresh = (settings: Settings) => settings.seal === '' && settings.managerPin === '' && settings.mode !== 'store' && asShipped(settings);
  const intact = (settings: Settings) => {
    if (!key || fresh(settings)) return true;
    if (settings.seal.startsWith(V2)) return same(settings.seal, sealOf(settings));
    return asShipped(settings) && same(settings.seal, firstSealOf(settings));
  };
  let broken = !intact(inner.read());
  // A first seal, found good, is replaced by a second one at once: from then on the rules it never covered are covered.
  const found = inner.read();
  if (key && !broken && found.seal !== '' && !found.seal.startsWith(V2)) inner.write({ ...found, seal: sealOf(found) });

  const store: SealedSettings = {
    read() {
      const settings = inner.read();
      if (!broken && !intact(settings)) broken = true;
      return settings;
    },
    write(settings) {
      inner.write({ ...settings, seal: !key ? '' : broken ? BROKEN : sealOf(settings) });
    },
    tampered: () => broken,
    reseal() {
      const current = inner.read();
      // The manager proved who they are, not what the file says: an address it may have been pointed at by
      // hand (where the program comes from, where crash dumps go) goes back to the built-in one.
      const trusted = broken ? { ...current, ...RESET_ON_RESEAL } : current;
      broken = false;
      store.write(trusted);
    },
    sealable: () => key !== undefined,
  };
  return store;
}

/** Sealed values main acts on only under an intact seal: the file's may be anyone's. */
const TRUSTED_ONLY_WHEN_SEALED = [
  'pinAbovePoints', 'offlineRedeemCapPoints', 'journalRetentionDays', 'exportFolder',
  'pointValueDong', 'earnDongPerPoint', 'earnRounding', 'salesRecordedInHaravan', 'updateFeedUrl', 'crashUploadUrl', 'kiosk',
] as const satisfies readonly (typeof SEALED_FIELDS[number] | typeof SEALED_SINCE_V2[number])[];

/** The settings main acts on: while the seal is broken, the sealed limits, rules and addresses at their defaults. */
export function trustedSettings(settings: SealedSettings): Settings {
  const stored = settings.read();
  if (!settings.tampered()) return stored;
  return { ...stored, ...Object.fromEntries(TRUSTED_ONLY_WHEN_SEALED.map((field) => [field, DEFAULT_SETTINGS[field]])) };
}
