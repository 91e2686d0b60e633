// The Haravan token and the address it was checked against, kept with Electron's safeStorage (DPAPI,
// Keychain, or the Linux keyring) in an electron-store file, with the key that seals the settings. Where
// the OS offers no real encryption the token stays in memory for this run and nothing is written.

import { randomBytes } from 'node:crypto';
import { safeStorage } from 'electron';
import Store from 'electron-store';
import { parseStoredToken, type StoredToken, type TokenVault } from '../connection/token-vault.ts';

interface VaultFile {
  /** safeStorage ciphertext of StoredToken as JSON, base64. */
  encryptedToken?: string;
  /** safeStorage ciphertext of the settings' sealing key, base64. */
  encryptedSettingsKey?: string;
}

export function safeStorageTokenVault(): TokenVault {
  // A corrupt file only costs the manager connecting again (and sealed settings locking): it must not stop the start.
  const file = new Store<VaultFile>({ name: 'token-vault', clearInvalidConfig: true });
  let stored: StoredToken | undefined;
  let loaded = false;
  let key: Buffer | undefined;

  function decrypt(field: keyof VaultFile): string | undefined {
    const sealed = file.get(field);
    // Kept, not cleared: the keyring may be back on the next start.
    if (sealed === undefined || !canEncrypt()) return undefined;
    try {
      return safeStorage.decryptString(Buffer.from(sealed, 'base64')) || undefined;
    } catch {
      // Encrypted under another user or machine key: useless forever, so forget it.
      file.delete(field);
      return undefined;
    }
  }

  const encrypt = (text: string) => safeStorage.encryptString(text).toString('base64');

  return {
    read() {
      // Decrypted once per run: read() runs on every IPC call, and the keychain may prompt.
      if (!loaded) {
        const text = decrypt('encryptedToken');
        stored = text === undefined ? undefined : parseStoredToken(text);
        loaded = true;
      }
      return stored;
    },
    write(value) {
      stored = { ...value };
      loaded = true;
      if (!canEncrypt()) {
        file.delete('encryptedToken');
        return;
      }
      file.set('encryptedToken', encrypt(JSON.stringify(stored)));
    },
    clear() {
      stored = undefined;
      loaded = true;
      file.delete('encryptedToken');
    },
    canEncrypt,
    settingsKey() {
      if (key || !canEncrypt()) return key;
      const kept = decrypt('encryptedSettingsKey');
      key = kept === undefined ? undefined : Buffer.from(kept, 'base64');
      if (!key || key.length !== 32) {
        key = randomBytes(32);
        file.set('encryptedSettingsKey', encrypt(key.toString('base64')));
      }
      return key;
    },
  };
}

function canEncrypt(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  // Linux without a keyring falls back to a key hard-coded in Chromium: ciphertext anyone can read.
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}
