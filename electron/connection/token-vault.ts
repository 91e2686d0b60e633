// Where the Haravan token is kept. The Electron adapter encrypts it with safeStorage; where encryption
// is unavailable the token is kept for this run only and never written in clear.

export interface TokenVault {
  read(): string | undefined;
  /** Keeps the token: encrypted on disk when canEncrypt(), else in memory for this run only. */
  write(token: string): void;
  clear(): void;
  canEncrypt(): boolean;
}

export function memoryTokenVault(options: { canEncrypt?: boolean } = {}): TokenVault {
  let token: string | undefined;
  const canEncrypt = options.canEncrypt ?? true;
  return {
    read: () => token,
    write: (value) => {
      token = value;
    },
    clear: () => {
      token = undefined;
    },
    canEncrypt: () => canEncrypt,
  };
}

/** All the renderer ever learns of the token. */
export function tokenHint(token: string): string {
  return `…${token.slice(-4)}`;
}
