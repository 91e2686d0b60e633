// Tells apart a request that provably never left this machine from one that was (or may have been) sent.
// Only the first may be resent when it carries a points change: Haravan's ref_id is not known to make
// adjustments idempotent (FACTS.md), so a resent PUT could apply twice.

export type NetworkFailure = 'not_sent' | 'timeout' | 'lost';

// Node (undici) codes and Chromium net error names (Electron's net.fetch) that fail before any byte
// of the request is written: no connection was ever made.
const NOT_SENT = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_CONNECTION_REFUSED',
  'ERR_NAME_NOT_RESOLVED',
  'ERR_INTERNET_DISCONNECTED',
  'ERR_ADDRESS_UNREACHABLE',
  'ERR_NETWORK_ACCESS_DENIED',
  'ERR_PROXY_CONNECTION_FAILED',
  'ERR_CONNECTION_TIMED_OUT',
];

function chain(error: unknown): unknown[] {
  const links: unknown[] = [];
  let current = error;
  while (current !== undefined && current !== null && links.length < 6) {
    links.push(current);
    current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
  }
  return links;
}

function describe(link: unknown): string {
  if (typeof link !== 'object' || link === null) return String(link);
  const { name, code, message } = link as { name?: unknown; code?: unknown; message?: unknown };
  return [name, code, message].filter((part) => typeof part === 'string').join(' ');
}

export function classifyNetworkError(error: unknown): NetworkFailure {
  const links = chain(error);
  if (links.some((link) => describe(link).includes('TimeoutError'))) return 'timeout';
  const text = links.map(describe).join(' ');
  return NOT_SENT.some((code) => text.includes(code)) ? 'not_sent' : 'lost';
}
