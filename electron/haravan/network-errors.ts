// Tells apart a request that provably never left this machine from one that was (or may have been) sent.
// Only the first may be resent when it carries a points change: Haravan's ref_id is not known to make
// adjustments idempotent (FACTS.md), so a resent PUT could apply twice. The transport says how far the
// request got; a failure it does not vouch for (any other error) is taken as possibly sent.

import { TransportError } from './transport.ts';

export type NetworkFailure = 'not_sent' | 'timeout' | 'lost';

export function classifyNetworkError(error: unknown): NetworkFailure {
  const failure = transportErrorIn(error);
  if (failure?.phase === 'before_send') return 'not_sent';
  return failure?.timedOut ? 'timeout' : 'lost';
}

function transportErrorIn(error: unknown): TransportError | undefined {
  let current = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth += 1) {
    if (current instanceof TransportError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
