// One handler per contract channel, wired to the connection, the settings, the manager PIN and the
// member actions. Electron-free: the Electron adapter and the browser harness serve the same handlers.

import type { Connection } from '../connection/connection.ts';
import { adjustPoints, getMember, lookup } from '../members/members.ts';
import type { ManagerLock } from '../settings/manager-pin.ts';
import { publicSettings, type SettingsStore } from '../settings/settings.ts';
import type { DeskStatus, Handlers } from './contract.ts';

export interface HandlerDeps {
  connection: Connection;
  settings: SettingsStore;
  lock: ManagerLock;
}

export function createHandlers({ connection, settings, lock }: HandlerDeps): Handlers {
  const status = (): DeskStatus => ({
    ...connection.status(),
    health: connection.health(),
    pendingAdjustments: 0,
    pinSet: lock.pinSet(),
    unlocked: lock.unlocked(),
  });
  /** Replacing or leaving a store in use is a manager's decision; the first connection is not. */
  const guardIfInUse = () => {
    const current = connection.status();
    if (current.mode !== 'none' && !current.tokenMissing) lock.guard();
  };

  return {
    getStatus: async () => status(),
    connectStore: async ({ token }) => {
      guardIfInUse();
      await connection.connectStore(token);
      return status();
    },
    disconnectStore: async () => {
      lock.guard();
      await connection.disconnectStore();
      return status();
    },
    setTrainingMode: async ({ enabled }) => {
      guardIfInUse();
      await connection.setTraining(enabled);
      return status();
    },
    unlockSettings: async ({ pin }) => {
      lock.unlock(pin);
      return status();
    },
    lockSettings: async () => {
      lock.lock();
      return status();
    },
    setManagerPin: async ({ pin }) => {
      lock.setPin(pin);
      return status();
    },
    getSettings: async () => publicSettings(settings.read()),
    updateSettings: async (patch) => {
      lock.guard();
      const before = settings.read();
      const next = { ...before, ...patch };
      settings.write(next);
      if (next.apiUrl !== before.apiUrl) connection.reset();
      return publicSettings(settings.read());
    },
    lookup: async ({ query }) => lookup(await connection.client(), query),
    getMember: async ({ memberId }) => getMember(await connection.client(), memberId),
    addPoints: async (input) => adjustPoints(await connection.client(), 'add', input),
    subtractPoints: async (input) => adjustPoints(await connection.client(), 'subtract', input),
  };
}
