// Calling a desk's channels the way the screen does, through dispatch, for tests of the main process.

import { expect } from 'vitest';
import type { Desk } from '../../electron/desk.ts';
import type { ChannelName, ChannelOutput, IpcResult } from '../../electron/ipc/contract.ts';

/** The manager PIN the tests set when they connect a store. */
export const MANAGER_PIN = '246813';

export function deskCalls(desk: () => Desk) {
  async function call<C extends ChannelName>(channel: C, input?: unknown): Promise<IpcResult<ChannelOutput<C>>> {
    return (await desk().dispatch(channel, input)) as IpcResult<ChannelOutput<C>>;
  }
  /** The channel's value; fails the test with the error when it was refused. */
  async function value<C extends ChannelName>(channel: C, input?: unknown): Promise<ChannelOutput<C>> {
    const result = await call(channel, input);
    if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
    return result.value;
  }
  /** The error the channel answered with; fails the test when it succeeded. */
  async function refused(channel: ChannelName, input?: unknown) {
    const result = await call(channel, input);
    expect(result.ok).toBe(false);
    return (result as { ok: false; error: { code: string; detail?: string } }).error;
  }
  /**
   * Connects a store as its manager would: setting the PIN on the first connection (or after the settings
   * were tampered with), unlocking with it to replace a store in use.
   */
  async function connectAsManager(token: string) {
    const status = await value('getStatus');
    const newPin = !status.pinSet || status.settingsTampered;
    if (!newPin && status.mode !== 'none') await value('unlockSettings', { pin: MANAGER_PIN });
    return value('connectStore', newPin ? { token, pin: MANAGER_PIN } : { token });
  }
  return { call, value, refused, connectAsManager };
}
