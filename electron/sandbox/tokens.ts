// Private-app access tokens and their scopes. Tokens live only in memory: each start hands out new ones
// unless fixed ones are passed in.
import { randomBytes } from 'node:crypto';
import type { Scope } from './types.ts';

export type TokenRegistry = Map<string, ReadonlySet<Scope>>;

export const READ_SCOPE: Scope = 'loy.read_profiles';
export const WRITE_SCOPE: Scope = 'loy.write_profiles';

export function randomToken(): string {
  return randomBytes(16).toString('hex');
}

export function issueToken(registry: TokenRegistry, scopes: readonly Scope[], token = randomToken()): string {
  for (const scope of scopes) {
    if (scope !== READ_SCOPE && scope !== WRITE_SCOPE) throw new TypeError(`Unknown scope ${JSON.stringify(scope)}`);
  }
  registry.set(token, new Set(scopes));
  return token;
}

export function revokeToken(registry: TokenRegistry, token: string): void {
  registry.delete(token);
}

/** The bearer token of an Authorization header, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
