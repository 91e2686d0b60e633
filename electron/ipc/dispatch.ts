// The main process's half of the contract, free of Electron: finds the channel's handler, validates
// the input against the contract's schema, runs it, and encodes the outcome so typed errors survive
// the boundary. Electron's ipcMain and the browser harness both call this one function.

import * as v from 'valibot';
import { encodeError, LoyaltyError } from '../haravan/errors.ts';
import { contract, type ChannelName, type Handlers, type IpcResult } from './contract.ts';

export type Dispatch = (channel: string, input: unknown) => Promise<IpcResult<unknown>>;

export interface DispatchOptions {
  /** Strings that must never leave the main process (the token); a result carrying one is replaced. */
  secrets: () => readonly string[];
  /** Where unexpected errors are reported; never receives the token. */
  logError?: (channel: string, error: unknown) => void;
  /** Told how every call ended, for the till's log. */
  onAnswer?: (channel: string, outcome: { ok: true; ms: number } | { ok: false; code: string; detail?: string | undefined; ms: number }) => void;
}

const isChannel = (name: string): name is ChannelName => Object.hasOwn(contract, name);

export function createDispatch(handlers: Handlers, options: DispatchOptions): Dispatch {
  return async (channel, input) => {
    const startedAt = performance.now();
    const result = withoutSecrets(channel, await run(channel, input));
    const ms = Math.round(performance.now() - startedAt);
    options.onAnswer?.(channel, result.ok ? { ok: true, ms } : { ok: false, code: result.error.code, detail: result.error.detail, ms });
    return result;
  };

  async function run(channel: string, input: unknown): Promise<IpcResult<unknown>> {
    if (!isChannel(channel)) {
      return { ok: false, error: encodeError(new LoyaltyError('internal', `Unknown channel ${channel}`)) };
    }
    const parsed = v.safeParse(contract[channel].input, input);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const field = issue.path?.map((item) => String(item.key)).join('.') || 'input';
      return { ok: false, error: encodeError(new LoyaltyError('invalid_input', `${field}: ${issue.message}`, { detail: field })) };
    }
    try {
      const handler = handlers[channel] as (value: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.output) };
    } catch (error) {
      if (!(error instanceof LoyaltyError) || error.code === 'internal') options.logError?.(channel, error);
      return { ok: false, error: encodeError(error) };
    }
  }

  function withoutSecrets(channel: string, result: IpcResult<unknown>): IpcResult<unknown> {
    const text = JSON.stringify(result);
    const leaked = options.secrets().some((secret) => secret.length > 0 && text.includes(secret));
    if (!leaked) return result;
    options.logError?.(channel, new Error('A result carried a secret and was withheld'));
    return { ok: false, error: encodeError(new LoyaltyError('internal', 'Result withheld')) };
  }
}
