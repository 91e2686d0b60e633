// Everything the main process serves, assembled without Electron: the Electron entry passes its
// adapters (safeStorage vault, electron-store settings, net.fetch), the browser harness and the tests
// pass in-memory ones. Both then answer the renderer through the same dispatch.

import { createConnection, type Connection } from './connection/connection.ts';
import type { TokenVault } from './connection/token-vault.ts';
import { createDispatch, type Dispatch } from './ipc/dispatch.ts';
import { createHandlers } from './ipc/handlers.ts';
import { cardIndexFor } from './members/card-index.ts';
import { startSandbox } from './sandbox/server.ts';
import { createManagerLock } from './settings/manager-pin.ts';
import type { SettingsStore } from './settings/settings.ts';

export interface DeskDeps {
  vault: TokenVault;
  settings: SettingsStore;
  dataDir: string;
  fetch?: typeof globalThis.fetch;
  logError?: (channel: string, error: unknown) => void;
}

export interface Desk {
  dispatch: Dispatch;
  connection: Connection;
  close(): Promise<void>;
}

export function createDesk(deps: DeskDeps): Desk {
  const connection = createConnection({
    vault: deps.vault,
    settings: deps.settings,
    dataDir: deps.dataDir,
    fetch: deps.fetch,
    startTrainingStore: (dataFile) => startSandbox({ dataFile }),
    onClient: (client) => cardIndexFor(client).warm(),
  });
  const secrets = () => {
    const token = deps.vault.read();
    return token ? [token] : [];
  };
  const handlers = createHandlers({ connection, settings: deps.settings, lock: createManagerLock(deps.settings) });
  const dispatch = createDispatch(handlers, {
    secrets,
    logError: (channel, error) => deps.logError?.(channel, redact(error, secrets())),
  });
  return { dispatch, connection, close: () => connection.close() };
}

/** An error as loggable text with every secret blanked out. */
export function redact(error: unknown, secrets: readonly string[]): string {
  let text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  for (const secret of secrets) if (secret) text = text.split(secret).join('[redacted]');
  return text;
}
