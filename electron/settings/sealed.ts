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

export const SEALED_FIELDS = [
  'managerPin', 'pinFailures', 'pinBlockedUntil', 'pinAbovePoints', 'apiUrl', 'mode', 'shopId', 'offlineRedeemCapPoints',
  'journalRetentionDays', 'exportFolder',
] as const;

/**
 * Sealed since a later version: part of the seal only while they differ from their defaults, so that a seal
 * made before they existed stays good until the manager sets them.
 */
export const SEALED_WHEN_SET = ['earnDongPerPoint', 'earnRounding', 'salesRecordedInHaravan'] as const;

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
  const sealOf = (settings: Settings) => {
    const set = SEALED_WHEN_SET.filter((field) => settings[field] !== DEFAULT_SETTINGS[field]).map((field) => [field, settings[field]]);
    const sealed = [...SEALED_FIELDS.map((field) => settings[field]), ...(set.length > 0 ? [set] : [])];
    return createHmac('sha256', key!).update(JSON.stringify(sealed)).digest('hex');
  };
  // Never sealed yet, and nothing to guard: a first start, or a till without a store.
  const fresh = (settings: Settings) => settings.seal === '' && settings.managerPin === '' && settings.mode !== 'store';
  const intact = (settings: Settings) => {
    if (!key || fresh(settings)) return true;
    const expected = Buffer.from(sealOf(settings), 'hex');
    const found = Buffer.from(settings.seal, 'hex');
    return found.length === expected.length && timingSafeEqual(found, expected);
  };
  let broken = !intact(inner.read());

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
      broken = false;
      store.write(inner.read());
    },
    sealable: () => key !== undefined,
  };
  return store;
}
