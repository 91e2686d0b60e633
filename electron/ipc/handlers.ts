// One handler per contract channel, wired to the connection, the settings and the member actions.
// Electron-free: the Electron adapter and the browser harness serve the same handlers.

import type { Connection } from '../connection/connection.ts';
import { adjustPoints, getMember, lookupByPhone } from '../members/members.ts';
import type { SettingsStore } from '../settings/settings.ts';
import type { Handlers } from './contract.ts';

export function createHandlers(connection: Connection, settings: SettingsStore): Handlers {
  return {
    getStatus: async () => connection.status(),
    connectStore: ({ token }) => connection.connectStore(token),
    disconnectStore: () => connection.disconnectStore(),
    setTrainingMode: ({ enabled }) => connection.setTraining(enabled),
    getSettings: async () => settings.read(),
    updateSettings: async (patch) => {
      const before = settings.read();
      const next = { ...before, ...patch };
      settings.write(next);
      if (next.apiUrl !== before.apiUrl) connection.reset();
      return settings.read();
    },
    lookupByPhone: async ({ phone }) => lookupByPhone(await connection.client(), phone),
    getMember: async ({ memberId }) => getMember(await connection.client(), memberId),
    addPoints: async (input) => adjustPoints(await connection.client(), 'add', input),
    subtractPoints: async (input) => adjustPoints(await connection.client(), 'subtract', input),
  };
}
