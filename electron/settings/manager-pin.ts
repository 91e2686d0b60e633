// The manager PIN that guards settings, the store connection, the journal's manual decisions and large
// adjustments. Only its scrypt hash is kept, in the sealed settings. A correct PIN unlocks the guarded
// actions for a fixed time from its entry (using them does not extend it); the shift's end, the lock key or
// the screen going idle lock them sooner. Wrong PINs are counted in the settings, so a restart does not
// reset them, and each one past the third doubles the wait before the next.

import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { LoyaltyError } from '../haravan/errors.ts';
import type { SealedSettings } from './sealed.ts';

/** How long an unlock lasts from the PIN's entry. */
export const UNLOCK_MS = 5 * 60_000;
/** Wrong PINs allowed before the first wait. */
const FREE_ATTEMPTS = 3;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 60 * 60_000;

/** A PIN a manager sets: 6 to 12 digits. (Unlocking also takes the 4-digit PINs of older versions.) */
export const NEW_PIN = /^\d{6,12}$/;
const ANY_PIN = /^\d{4,12}$/;

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${scryptSync(pin, salt, 32).toString('hex')}`;
}

export function pinMatches(pin: string, stored: string): boolean {
  const [salt, hash] = stored.split(':');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'hex');
  const given = scryptSync(pin, Buffer.from(salt, 'hex'), expected.length);
  return timingSafeEqual(given, expected);
}

/** The wait after `failures` wrong PINs in a row: none for the first three, then 30 s doubling to an hour. */
export function waitAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_ATTEMPTS));
}

export interface ManagerLock {
  pinSet(): boolean;
  unlocked(): boolean;
  unlock(pin: string): void;
  lock(): void;
  /** Throws `pin_required` unless unlocked (or no PIN is set), `settings_tampered` while the seal is broken. */
  guard(): void;
  /** Sets or changes the PIN (guarded by the current one), or removes it (null). */
  setPin(pin: string | null): void;
  /** After the manager connected the store with its token: the settings are trusted again, with this PIN. */
  restart(pin: string): void;
}

export interface LockClocks {
  /** Epoch ms, for the wait that survives a restart. */
  now?: () => number;
  /** Monotonic ms, for the unlock of this run. */
  monotonic?: () => number;
}

export function createManagerLock(settings: SealedSettings, clocks: LockClocks = {}): ManagerLock {
  const now = clocks.now ?? Date.now;
  const monotonic = clocks.monotonic ?? (() => performance.now());
  let unlockedUntil = -Infinity;

  const pinSet = () => settings.read().managerPin !== '';
  const unlocked = () => !settings.tampered() && (!pinSet() || monotonic() < unlockedUntil);
  const update = (changes: Partial<ReturnType<SealedSettings['read']>>) => settings.write({ ...settings.read(), ...changes });

  function refuseTampered(): void {
    if (settings.tampered()) {
      throw new LoyaltyError('settings_tampered', 'The settings were changed outside the app: connect the store again to unlock');
    }
  }

  function checkedNewPin(pin: string): string {
    if (!NEW_PIN.test(pin)) throw new LoyaltyError('invalid_input', 'A PIN is 6 to 12 digits', { detail: 'pin_format' });
    return hashPin(pin);
  }

  const lock: ManagerLock = {
    pinSet,
    unlocked,
    unlock(pin) {
      refuseTampered();
      if (!pinSet()) return;
      const { pinFailures, pinBlockedUntil, managerPin } = settings.read();
      // A clock set back must not lock the manager out for longer than the longest wait.
      const left = Math.min(pinBlockedUntil - now(), LONGEST_WAIT_MS);
      if (left > 0) {
        throw new LoyaltyError('wrong_pin', 'Too many wrong PINs: wait', { detail: 'wait', waitSeconds: Math.ceil(left / 1000) });
      }
      if (!ANY_PIN.test(pin) || !pinMatches(pin, managerPin)) {
        const failures = pinFailures + 1;
        const wait = waitAfter(failures);
        update({ pinFailures: failures, pinBlockedUntil: wait > 0 ? now() + wait : 0 });
        if (wait > 0) throw new LoyaltyError('wrong_pin', 'Wrong manager PIN: wait', { detail: 'wait', waitSeconds: Math.ceil(wait / 1000) });
        throw new LoyaltyError('wrong_pin', 'Wrong manager PIN');
      }
      if (pinFailures !== 0 || pinBlockedUntil !== 0) update({ pinFailures: 0, pinBlockedUntil: 0 });
      unlockedUntil = monotonic() + UNLOCK_MS;
    },
    lock() {
      unlockedUntil = -Infinity;
    },
    guard() {
      refuseTampered();
      if (!unlocked()) throw new LoyaltyError('pin_required', 'The manager PIN is required');
    },
    setPin(pin) {
      lock.guard();
      if (pin === null) {
        update({ managerPin: '', pinFailures: 0, pinBlockedUntil: 0 });
        unlockedUntil = -Infinity;
        return;
      }
      update({ managerPin: checkedNewPin(pin), pinFailures: 0, pinBlockedUntil: 0 });
      // Typing the new PIN is an entry of it: a fresh unlock from now.
      unlockedUntil = monotonic() + UNLOCK_MS;
    },
    restart(pin) {
      const managerPin = checkedNewPin(pin);
      settings.reseal();
      update({ managerPin, pinFailures: 0, pinBlockedUntil: 0 });
      unlockedUntil = monotonic() + UNLOCK_MS;
    },
  };
  return lock;
}
