// Which store the till talks to: none, a real Haravan shop (token from the vault), or Training mode
// (the sandbox store running in-process, its data in the app's data folder). Hands out the one client
// for the current store; everything that talks to Haravan asks for it here.

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createHaravanClient, resolveBaseURL, type AttemptOutcome, type HaravanClient } from '../haravan/client.ts';
import { LoyaltyError } from '../haravan/errors.ts';
import { schedulerForShop } from '../haravan/scheduler.ts';
import type { SandboxStore } from '../sandbox/server.ts';
import type { ConnectionMode, SettingsStore } from '../settings/settings.ts';
import { tokenHint, type TokenVault } from './token-vault.ts';

export interface ConnectionStatus {
  mode: ConnectionMode;
  /** "…1234" while a real store is connected; never more of the token. */
  tokenHint?: string;
  /** A store is connected but its token could not be kept encrypted: ask for it again. */
  tokenMissing: boolean;
  /** False where the OS offers no encryption (Linux without a keyring): the token is kept for this run only. */
  canEncrypt: boolean;
}

export interface ConnectionDeps {
  vault: TokenVault;
  settings: SettingsStore;
  /** The app's data folder; Training mode keeps its store there. */
  dataDir: string;
  /** Electron passes net.fetch so that requests honour the system proxy. */
  fetch?: typeof globalThis.fetch;
  startTrainingStore: (dataFile: string) => Promise<SandboxStore>;
  /** Told when the current client is dropped (store disconnected or switched, Training toggled). */
  onForget?: () => void;
  now?: () => number;
}

/** How the store answered lately, for the status line. */
export type StoreHealth = 'unknown' | 'online' | 'offline' | 'rate_limited';

/** A 429 keeps the till marked "slowed by the rate limit" this long. */
const RATE_LIMITED_FOR_MS = 10_000;

export interface Connection {
  status(): ConnectionStatus;
  health(): StoreHealth;
  /** The client for the current store; throws `not_connected` when there is none. */
  client(): Promise<HaravanClient>;
  /** Names the current shop for what is kept per shop (journal, directory); undefined when none. */
  shopKey(): string | undefined;
  /** Tests the token with one cheap request, then keeps it in the vault. */
  connectStore(token: string): Promise<ConnectionStatus>;
  disconnectStore(): Promise<ConnectionStatus>;
  setTraining(enabled: boolean): Promise<ConnectionStatus>;
  /** The API URL setting changed: the next request uses it. */
  reset(): void;
  close(): Promise<void>;
}

function shopKey(baseURL: string, token: string): string {
  return `${baseURL}#${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
}

export function createConnection(deps: ConnectionDeps): Connection {
  let current: { client: HaravanClient } | undefined;
  let training: SandboxStore | undefined;
  const now = deps.now ?? Date.now;
  let lastOutcome: AttemptOutcome | undefined;
  let rateLimitedAt = -Infinity;

  function noteOutcome(outcome: AttemptOutcome): void {
    lastOutcome = outcome;
    if (outcome === 'rate_limited') rateLimitedAt = now();
  }

  const mode = () => deps.settings.read().mode;
  const setMode = (next: ConnectionMode) => deps.settings.write({ ...deps.settings.read(), mode: next });

  function clientFor(token: string, baseURL: string): HaravanClient {
    return createHaravanClient({
      token,
      baseURL,
      fetch: deps.fetch,
      scheduler: schedulerForShop(shopKey(baseURL, token)),
      onOutcome: noteOutcome,
    });
  }

  function use(client: HaravanClient): HaravanClient {
    current = { client };
    return client;
  }

  function dropClient(): void {
    current?.client.close();
    if (current) deps.onForget?.();
    current = undefined;
  }

  function forgetClient(): void {
    dropClient();
    lastOutcome = undefined;
    rateLimitedAt = -Infinity;
  }

  async function stopTraining(): Promise<void> {
    const store = training;
    training = undefined;
    await store?.close();
  }

  function status(): ConnectionStatus {
    const token = mode() === 'store' ? deps.vault.read() : undefined;
    return {
      mode: mode(),
      ...(token ? { tokenHint: tokenHint(token) } : {}),
      tokenMissing: mode() === 'store' && token === undefined,
      canEncrypt: deps.vault.canEncrypt(),
    };
  }

  return {
    status,
    health() {
      if (lastOutcome === 'unreachable') return 'offline';
      if (now() - rateLimitedAt < RATE_LIMITED_FOR_MS) return 'rate_limited';
      return lastOutcome === undefined ? 'unknown' : 'online';
    },
    shopKey() {
      if (mode() === 'training') return 'training';
      if (mode() !== 'store' || !deps.vault.read()) return undefined;
      const settings = deps.settings.read();
      return `store:${resolveBaseURL(settings.apiUrl)}#${settings.shopFingerprint}`;
    },
    async client() {
      if (current) return current.client;
      if (mode() === 'training') {
        training ??= await deps.startTrainingStore(join(deps.dataDir, 'training-store.json'));
        return use(clientFor(training.tokens.readWrite, training.url));
      }
      const token = mode() === 'store' ? deps.vault.read() : undefined;
      if (!token) throw new LoyaltyError('not_connected', 'No store is connected');
      return use(clientFor(token, resolveBaseURL(deps.settings.read().apiUrl)));
    },
    async connectStore(rawToken) {
      const token = rawToken.trim();
      if (!/^[\x21-\x7e]{8,512}$/.test(token)) {
        throw new LoyaltyError('invalid_input', 'That does not look like a Haravan token', { detail: 'token' });
      }
      const candidate = clientFor(token, resolveBaseURL(deps.settings.read().apiUrl));
      const [first] = await candidate.listProfiles({ limit: 1, fields: ['id', 'created_at'] });
      if (!(await candidate.canWritePoints())) {
        throw new LoyaltyError('missing_scope', 'The token can read members but not change points', { detail: 'loy.write_profiles' });
      }
      // The candidate's answers are the health of the store now connected.
      dropClient();
      await stopTraining();
      deps.vault.write(token);
      deps.settings.write({ ...deps.settings.read(), mode: 'store', shopFingerprint: first ? `${first.id}@${first.created_at}` : 'empty' });
      use(candidate);
      return status();
    },
    async disconnectStore() {
      deps.vault.clear();
      if (mode() === 'store') setMode('none');
      forgetClient();
      return status();
    },
    async setTraining(enabled) {
      if (enabled === (mode() === 'training')) return status();
      forgetClient();
      if (enabled) {
        setMode('training');
      } else {
        await stopTraining();
        setMode(deps.vault.read() ? 'store' : 'none');
      }
      return status();
    },
    reset() {
      forgetClient();
    },
    async close() {
      forgetClient();
      await stopTraining();
    },
  };
}
