// The manager PIN: failed attempts counted across restarts with growing waits, an unlock that lasts a fixed
// time from the PIN's entry, and settings sealed against editing by hand.
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LoyaltyError } from '../../electron/haravan/errors.ts';
import { createManagerLock, UNLOCK_MS, waitAfter } from '../../electron/settings/manager-pin.ts';
import { SEALED_FIELDS, sealedSettings } from '../../electron/settings/sealed.ts';
import { memorySettingsStore, type SettingsStore } from '../../electron/settings/settings.ts';

const PIN = '246813';

function till(inner: SettingsStore = memorySettingsStore(), key = randomBytes(32)) {
  const clocks = { wall: 1_800_000_000_000, mono: 1_000 };
  const settings = sealedSettings(inner, key);
  const lock = createManagerLock(settings, { now: () => clocks.wall, monotonic: () => clocks.mono });
  return { inner, key, settings, lock, clocks };
}

function refusal(run: () => void): LoyaltyError {
  try {
    run();
  } catch (error) {
    return error as LoyaltyError;
  }
  throw new Error('expected a refusal');
}

describe('wrong PINs', () => {
  it('wait nothing for the first three, then 30 s, doubling to an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((failures) => waitAfter(failures) / 1000)).toEqual([0, 0, 30, 60, 120, 240, 3600]);
  });

  it('are counted across a restart, and the wait is given in seconds', () => {
    const first = till();
    first.lock.restart(PIN);
    first.lock.lock();
    for (let i = 0; i < 2; i++) expect(refusal(() => first.lock.unlock('000000'))).toMatchObject({ code: 'wrong_pin', waitSeconds: undefined });
    expect(refusal(() => first.lock.unlock('000000'))).toMatchObject({ code: 'wrong_pin', detail: 'wait', waitSeconds: 30 });
    // The app restarts on the same settings file: the right PIN is still refused until the wait is over.
    const again = till(first.inner, first.key);
    again.clocks.wall = first.clocks.wall + 10_000;
    expect(refusal(() => again.lock.unlock(PIN))).toMatchObject({ code: 'wrong_pin', detail: 'wait', waitSeconds: 20 });
    again.clocks.wall += 20_000;
    expect(refusal(() => again.lock.unlock('111111'))).toMatchObject({ waitSeconds: 60 });
    again.clocks.wall += 60_000;
    again.lock.unlock(PIN);
    expect(again.lock.unlocked()).toBe(true);
    expect(again.settings.read()).toMatchObject({ pinFailures: 0, pinBlockedUntil: 0 });
  });

  it('a clock set back does not lock the manager out for longer than the longest wait', () => {
    const { lock, clocks } = till();
    lock.restart(PIN);
    for (let i = 0; i < 3; i++) refusal(() => lock.unlock('000000'));
    clocks.wall -= 10 * 86_400_000;
    expect(refusal(() => lock.unlock(PIN)).waitSeconds).toBeLessThanOrEqual(3600);
  });
});

describe('an unlock', () => {
  it('lasts five minutes from the PIN’s entry; guarded actions do not extend it', () => {
    const { lock, clocks } = till();
    lock.restart(PIN);
    lock.lock();
    lock.unlock(PIN);
    clocks.mono += UNLOCK_MS - 1_000;
    lock.guard();
    lock.guard();
    clocks.mono += 2_000;
    expect(refusal(() => lock.guard())).toMatchObject({ code: 'pin_required' });
  });

  it('ends at once when locked', () => {
    const { lock } = till();
    lock.restart(PIN);
    lock.lock();
    expect(lock.unlocked()).toBe(false);
  });
});

describe('a new PIN', () => {
  it('is 6 to 12 digits', () => {
    const { lock } = till();
    for (const bad of ['12345', '1234567890123', '12a456']) {
      expect(refusal(() => lock.restart(bad))).toMatchObject({ code: 'invalid_input', detail: 'pin_format' });
    }
    lock.restart('123456');
    lock.setPin('123456789012');
  });
});

describe('sealed settings', () => {
  it('lock every guarded action when the PIN hash was edited by hand, until the store is connected again', () => {
    const first = till();
    first.lock.restart(PIN);
    // Someone edits the settings file: their own PIN's hash, and the adjustment limit lifted.
    const attackerHash = (() => {
      const other = till();
      other.lock.restart('999999');
      return other.settings.read().managerPin;
    })();
    first.inner.write({ ...first.inner.read(), managerPin: attackerHash, pinAbovePoints: 1_000_000_000 });
    const restarted = till(first.inner, first.key);
    expect(restarted.settings.tampered()).toBe(true);
    expect(refusal(() => restarted.lock.unlock('999999'))).toMatchObject({ code: 'settings_tampered' });
    expect(refusal(() => restarted.lock.guard())).toMatchObject({ code: 'settings_tampered' });
    // The app's own writes do not seal the tampered values again.
    restarted.settings.write({ ...restarted.settings.read(), language: 'en' });
    expect(till(first.inner, first.key).settings.tampered()).toBe(true);
    // The manager connects the store again and chooses a PIN: trusted from then on, across restarts.
    restarted.lock.restart(PIN);
    expect(restarted.settings.tampered()).toBe(false);
    expect(till(first.inner, first.key).settings.tampered()).toBe(false);
  });

  it('seal the loyalty rules, and take a seal made before they existed while they are as they shipped', () => {
    const first = till();
    first.lock.restart(PIN);
    // A seal as the first version wrote it: over the original fields only.
    const firstSeal = createHmac('sha256', first.key).update(JSON.stringify(SEALED_FIELDS.map((field) => first.inner.read()[field]))).digest('hex');
    first.inner.write({ ...first.inner.read(), seal: firstSeal });
    expect(till(first.inner, first.key).settings.tampered()).toBe(false);
    // A first seal with a rule it never covered changed by hand: refused.
    expect(till(memorySettingsStore({ ...first.inner.read(), salesRecordedInHaravan: false }), first.key).settings.tampered()).toBe(true);
    // The manager sets the rules in the app: sealed anew, covering them.
    first.settings.write({ ...first.settings.read(), earnDongPerPoint: 20_000, salesRecordedInHaravan: false, pointValueDong: 500 });
    expect(first.inner.read().seal).toMatch(/^v2:/);
    expect(till(first.inner, first.key).settings.tampered()).toBe(false);
    // Someone makes a point worth more, purchases earn ten times as much, or sets a flag back by hand: broken.
    for (const edit of [{ pointValueDong: 1_000_000 }, { earnDongPerPoint: 2000 }, { salesRecordedInHaravan: true }, { earnRounding: 'nearest' as const }]) {
      expect(till(memorySettingsStore({ ...first.inner.read(), ...edit }), first.key).settings.tampered()).toBe(true);
    }
    // Nor does putting an old first seal back let the rules go unchecked.
    expect(till(memorySettingsStore({ ...first.inner.read(), seal: firstSeal }), first.key).settings.tampered()).toBe(true);
  });

  it('never trust an address put in the file by hand: on a fresh till, nor through the manager’s reconnection', () => {
    // A fresh till whose file was edited before the first start.
    const edited = memorySettingsStore({ updateFeedUrl: 'https://evil.example/feed/', crashUploadUrl: 'https://evil.example/dumps' });
    const fresh = till(edited);
    expect(fresh.settings.tampered()).toBe(true);
    // A sealed till edited by hand, then reconnected by its manager: the addresses go back to the built-in ones.
    const sealed = till();
    sealed.lock.restart(PIN);
    sealed.inner.write({ ...sealed.inner.read(), updateFeedUrl: 'https://evil.example/feed/', pointValueDong: 500 });
    const restarted = till(sealed.inner, sealed.key);
    expect(restarted.settings.tampered()).toBe(true);
    restarted.lock.restart(PIN);
    expect(restarted.settings.tampered()).toBe(false);
    expect([restarted.settings.read().updateFeedUrl, restarted.settings.read().pointValueDong]).toEqual(['', 500]);
  });

  it('replace a good first seal with a second one at once', () => {
    const first = till();
    first.lock.restart(PIN);
    const firstSeal = createHmac('sha256', first.key).update(JSON.stringify(SEALED_FIELDS.map((field) => first.inner.read()[field]))).digest('hex');
    first.inner.write({ ...first.inner.read(), seal: firstSeal });
    const upgraded = till(first.inner, first.key);
    expect(upgraded.settings.tampered()).toBe(false);
    expect(first.inner.read().seal).toMatch(/^v2:/);
  });

  it('a fresh till with nothing to guard is not tampered; a store without a seal is', () => {
    expect(till().settings.tampered()).toBe(false);
    expect(till(memorySettingsStore({ mode: 'store' })).settings.tampered()).toBe(true);
    expect(till(memorySettingsStore({ managerPin: 'a:b' })).settings.tampered()).toBe(true);
  });

  it('are not sealed where the computer cannot keep a key', () => {
    const settings = sealedSettings(memorySettingsStore({ mode: 'store' }), undefined);
    expect(settings.sealable()).toBe(false);
    expect(settings.tampered()).toBe(false);
  });
});
