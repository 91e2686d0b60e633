// The Haravan token kept with Electron's safeStorage (DPAPI, Keychain, or the Linux keyring) in an
// electron-store file. Where the OS offers no real encryption the token stays in memory for this run
// and is never written.

import { safeStorage } from 'electron';
import Store from 'electron-store';
import type { TokenVault } from '../connection/token-vault.ts';

interface VaultFile {
  /** safeStorage ciphertext, base64. */
  encryptedToken?: string;
}

export function safeStorageTokenVault(): TokenVault {
  // A corrupt file only costs the cashier re-entering the token; it must not stop the app starting.
  const file = new Store<VaultFile>({ name: 'token-vault', clearInvalidConfig: true });
  let token: string | undefined;
  let loaded = false;

  function decryptStored(): string | undefined {
    const stored = file.get('encryptedToken');
    // Kept, not cleared: the keyring may be back on the next start.
    if (stored === undefined || !canEncrypt()) return undefined;
    try {
      return safeStorage.decryptString(Buffer.from(stored, 'base64')) || undefined;
    } catch {
      // Encrypted under another user or machine key: useless forever, so forget it.
      file.delete('encryptedToken');
      return undefined;
    }
  }

  return {
    read() {
      // Decrypted once per run: read() runs on every IPC call, and the keychain may prompt.
      if (!loaded) {
        token = decryptStored();
        loaded = true;
      }
      return token;
    },
    write(value) {
      token = value;
      loaded = true;
      if (!canEncrypt()) {
        file.delete('encryptedToken');
        return;
      }
      file.set('encryptedToken', safeStorage.encryptString(value).toString('base64'));
    },
    clear() {
      token = undefined;
      loaded = true;
      file.delete('encryptedToken');
    },
    canEncrypt,
  };
}

function canEncrypt(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  // Linux without a keyring falls back to a key hard-coded in Chromium: ciphertext anyone can read.
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}
