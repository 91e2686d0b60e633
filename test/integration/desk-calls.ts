// Calling a desk's channels the way the screen does, through dispatch, for tests of the main process.

import { expect } from 'vitest';
import type { Desk } from '../../electron/desk.ts';
import type { ChannelName, ChannelOutput, IpcResult } from '../../electron/ipc/contract.ts';

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
  return { call, value, refused };
}
