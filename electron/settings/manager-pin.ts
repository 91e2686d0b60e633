// The optional manager PIN that guards settings, disconnecting and leaving Training mode. Only its
// scrypt hash is kept; a correct PIN unlocks the guarded actions until locked again or left idle.

import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { LoyaltyError } from '../haravan/errors.ts';
import type { SettingsStore } from './settings.ts';

const IDLE_LOCK_MS = 5 * 60_000;
const ATTEMPTS_BEFORE_WAIT = 5;
const WAIT_AFTER_ATTEMPTS_MS = 30_000;

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

export interface ManagerLock {
  pinSet(): boolean;
  unlocked(): boolean;
  unlock(pin: string): void;
  lock(): void;
  /** Throws `pin_required` unless no PIN is set or it was given recently; keeps the unlock alive. */
  guard(): void;
  /** Sets (or with null removes) the PIN; guarded by the current one. */
  setPin(pin: string | null): void;
}

export function createManagerLock(settings: SettingsStore, now: () => number = Date.now): ManagerLock {
  let unlockedUntil = 0;
  let failures = 0;
  let waitUntil = 0;

  const pinSet = () => settings.read().managerPin !== '';
  const unlocked = () => !pinSet() || now() < unlockedUntil;

  return {
    pinSet,
    unlocked,
    unlock(pin) {
      if (!pinSet()) return;
      if (now() < waitUntil) throw new LoyaltyError('wrong_pin', 'Too many wrong PINs: wait', { detail: 'wait' });
      if (!pinMatches(pin, settings.read().managerPin)) {
        failures += 1;
        if (failures >= ATTEMPTS_BEFORE_WAIT) {
          failures = 0;
          waitUntil = now() + WAIT_AFTER_ATTEMPTS_MS;
        }
        throw new LoyaltyError('wrong_pin', 'Wrong manager PIN');
      }
      failures = 0;
      unlockedUntil = now() + IDLE_LOCK_MS;
    },
    lock() {
      unlockedUntil = 0;
    },
    guard() {
      if (!unlocked()) throw new LoyaltyError('pin_required', 'The manager PIN is required');
      if (pinSet()) unlockedUntil = now() + IDLE_LOCK_MS;
    },
    setPin(pin) {
      this.guard();
      settings.write({ ...settings.read(), managerPin: pin === null ? '' : hashPin(pin) });
      // Whoever just set the PIN knows it: stay unlocked for the rest of this settings visit.
      unlockedUntil = pin === null ? 0 : now() + IDLE_LOCK_MS;
    },
  };
}
