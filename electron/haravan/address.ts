// Where the till may send its token. Haravan's API is https://apis.haravan.com; an address of the shop's
// choosing must be https too, so that the token never crosses a network in clear, except on this machine's
// own loopback (Training, the sandbox, tests). A token is then bound to the origin it was checked against
// (connection.ts): changing the address forgets it.

import { HARAVAN_API_URL } from './types.ts';

/** A long address is a mistake or an attack, never Haravan's. */
export const MAX_ADDRESS_LENGTH = 2048;

export type AddressProblem = 'not_a_url' | 'not_https' | 'credentials' | 'query' | 'too_long';

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Why an address cannot be used for the API; undefined when it can. */
export function addressProblem(text: string): AddressProblem | undefined {
  if (text.length > MAX_ADDRESS_LENGTH) return 'too_long';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not_a_url';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) return 'not_https';
  if (url.username !== '' || url.password !== '') return 'credentials';
  if (url.search !== '' || url.hash !== '') return 'query';
  return undefined;
}

/**
 * The API address to connect to: the setting, else an address given for development (only on loopback, so a
 * variable set on a till cannot send the token elsewhere), else Haravan's. No trailing slash.
 */
export function apiAddress(setting: string, development?: string): string {
  const dev = development?.trim();
  const devUsable = dev && addressProblem(dev) === undefined && isLoopbackHost(new URL(dev).hostname);
  const chosen = setting.trim() || (devUsable ? dev : '') || HARAVAN_API_URL;
  return chosen.replace(/\/+$/, '');
}

export const originOf = (address: string) => new URL(address).origin;
