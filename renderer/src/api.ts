// The renderer's only door to the main process: the functions the preload exposes (or, in the
// browser harness, the bridge that imitates them). Typed from the one IPC contract.

import type { IpcResult, LoyaltyDeskApi } from '../../electron/ipc/contract.ts';
import type { EncodedError } from '../../electron/haravan/errors.ts';

declare global {
  interface Window {
    loyaltyDesk: LoyaltyDeskApi;
  }
}

export type { EncodedError };

/** A failure the screen explains; carries the typed error from the main process. */
export class DeskError extends Error {
  readonly error: EncodedError;
  constructor(error: EncodedError) {
    super(error.message);
    this.error = error;
  }
}

export const api = window.loyaltyDesk;

/** Unwraps an IPC result, throwing the typed error so a screen can catch and translate it. */
export async function call<T>(result: Promise<IpcResult<T>>): Promise<T> {
  const outcome = await result;
  if (!outcome.ok) throw new DeskError(outcome.error);
  return outcome.value;
}

/** Whatever was caught, as an error the screen can explain (a bug in the screen becomes `internal`). */
export function errorOf(caught: unknown): EncodedError {
  return caught instanceof DeskError ? caught.error : { code: 'internal', message: String(caught) };
}
