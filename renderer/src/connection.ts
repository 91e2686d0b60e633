// One answer to "can this till reach the store, and if not, why": the header, the card, the message after
// a change and the journal's bar all name the same cause. A refused token or an address that is not a store
// stops the journal even while requests are answered, so it outranks the health of the last requests.

import type { DeskStatus } from '../../electron/ipc/contract.ts';

export type Cause = 'unknown' | 'online' | 'offline' | 'rate_limited' | 'token_refused' | 'wrong_address';

export const causeOf = (status: DeskStatus): Cause => status.journalPausedBy ?? status.health;

/** Why a card shows the directory's figures: the cause the header names, or plain offline. */
export const cardCause = (status: DeskStatus): 'offline' | 'rate_limited' | 'token_refused' | 'wrong_address' =>
  status.journalPausedBy ?? (status.health === 'rate_limited' ? 'rate_limited' : 'offline');

/** The store takes changes now. */
export const reachable = (cause: Cause): boolean => cause === 'online' || cause === 'unknown';
