// Settings kept in an electron-store file in the app's data folder, read leniently so that a value
// from an older version or a hand edit falls back to its default instead of breaking the start.

import Store from 'electron-store';
import { settingsFrom, type SettingsStore } from '../settings/settings.ts';

export function electronSettingsStore(): SettingsStore {
  const file = new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: true });
  return {
    read: () => settingsFrom(file.store),
    write: (settings) => {
      file.store = { ...settings };
    },
  };
}
