// Where the Haravan token is kept, together with the API address it was checked against: the token is only
// ever sent there. The vault also keeps the key that seals the settings (settings/sealed.ts). The Electron
// adapter encrypts both with safeStorage; where encryption is unavailable the token is kept for this run
// only and never written in clear, and there is no key.

import { randomBytes } from 'node:crypto';

export interface StoredToken {
  token: string;
  /** The API address the token was checked against (address.ts). */
  address: string;
}

export interface TokenVault {
  read(): StoredToken | undefined;
  /** Keeps the token: encrypted on disk when canEncrypt(), else in memory for this run only. */
  write(stored: StoredToken): void;
  clear(): void;
  canEncrypt(): boolean;
  /** The settings' sealing key, made on first use; undefined where nothing can be kept secret. */
  settingsKey(): Buffer | undefined;
}

export function memoryTokenVault(options: { canEncrypt?: boolean } = {}): TokenVault {
  let stored: StoredToken | undefined;
  const canEncrypt = options.canEncrypt ?? true;
  const key = canEncrypt ? randomBytes(32) : undefined;
  return {
    read: () => stored,
    write: (value) => {
      stored = { ...value };
    },
    clear: () => {
      stored = undefined;
    },
    canEncrypt: () => canEncrypt,
    settingsKey: () => key,
  };
}

/** All the renderer ever learns of the token. */
export function tokenHint(token: string): string {
  return `…${token.slice(-4)}`;
}

/** A stored token as the Electron adapter decrypts it: JSON of StoredToken, or undefined for anything else. */
export function parseStoredToken(text: string): StoredToken | undefined {
  try {
    const value = JSON.parse(text) as Partial<StoredToken>;
    return typeof value.token === 'string' && typeof value.address === 'string' ? { token: value.token, address: value.address } : undefined;
  } catch {
    // A token kept by a version that did not bind it to an address: it is asked for again.
    return undefined;
  }
}
