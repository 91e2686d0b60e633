// Which store the till talks to: none, a real Haravan shop (token from the vault), or Training mode
// (the sandbox store running in-process, its data in the app's data folder). Hands out the one client
// for the current store; everything that talks to Haravan asks for it here. A real store's client is
// always made for the address its token was checked against, kept with the token in the vault: the
// address setting only says where the next connection goes, so no setting can send the token elsewhere.

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { apiAddress } from '../haravan/address.ts';
import { createHaravanClient, type AttemptOutcome, type HaravanClient, type RequestOptions } from '../haravan/client.ts';
import type { EventLog } from '../logging/log.ts';
import { LoyaltyError } from '../haravan/errors.ts';
import { schedulerForShop } from '../haravan/scheduler.ts';
import type { Transport } from '../haravan/transport.ts';
import { SAMPLE_SIZE, sampleOf, type ShopCandidate } from '../shop/identity.ts';
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
  /** Tests pass a transport whose connections fail on cue; the app uses the client's own. */
  transport?: Transport;
  /** HARAVAN_API_URL in a development build: used when the setting is empty, and only on loopback. */
  developmentAddress?: () => string | undefined;
  startTrainingStore: (dataFile: string) => Promise<SandboxStore>;
  /** Which known shop a token's store is (shop/identity.ts), by its first members; returns the shop's id. */
  identifyShop: (candidate: ShopCandidate) => string;
  /** Whether the shop is known by its token alone (it had no members when connected). */
  knownByTokenOnly: (shopId: string) => boolean;
  /** Such a shop, now with members, is known by them from now on. */
  learnShopMembers: (shopId: string, candidate: ShopCandidate) => void;
  /** Told when the current client is dropped (store disconnected or switched, Training toggled). */
  onForget?: () => void;
  /** The till's log: every request's outcome (method, path, status, time; never the token or a body). */
  log?: EventLog;
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
  /** Forgets the token (disconnecting, or the API address changed: it was checked elsewhere); the journal stays. */
  disconnectStore(): Promise<ConnectionStatus>;
  setTraining(enabled: boolean): Promise<ConnectionStatus>;
  /** The address the next connection goes to: the setting, else Haravan's. */
  address(): string;
  close(): Promise<void>;
}

function shopKey(baseURL: string, token: string): string {
  return `${baseURL}#${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
}

export function createConnection(deps: ConnectionDeps): Connection {
  /** The shop behind a token, as its first members by id (since_id pages in id order) tell it. */
  async function candidateFor(client: HaravanClient, token: string, options?: RequestOptions): Promise<ShopCandidate> {
    const first = await client.listProfiles({ since_id: 0, limit: SAMPLE_SIZE, fields: ['id', 'created_at'] }, options);
    return {
      origin: new URL(client.baseURL).origin,
      sample: sampleOf(first),
      token,
      label: deps.settings.read().storeName || new URL(client.baseURL).host,
    };
  }

  /** In the background: a shop that was empty when connected may have members by now to be known by. */
  async function learnMembers(client: HaravanClient, token: string, shopId: string): Promise<void> {
    try {
      deps.learnShopMembers(shopId, await candidateFor(client, token, { lane: 'background' }));
    } catch {
      // Offline or closed: the next start tries again.
    }
  }

  async function identify(client: HaravanClient, token: string): Promise<void> {
    deps.settings.write({ ...deps.settings.read(), shopId: deps.identifyShop(await candidateFor(client, token)) });
  }

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
      transport: deps.transport,
      scheduler: schedulerForShop(shopKey(baseURL, token)),
      onOutcome: noteOutcome,
      onAttemptLogged: (attempt) => {
        const troubled = attempt.outcome !== 'answered' || (attempt.status ?? 0) >= 500;
        deps.log?.[troubled ? 'warn' : 'info']('request', { ...attempt });
      },
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
    const stored = mode() === 'store' ? deps.vault.read() : undefined;
    return {
      mode: mode(),
      ...(stored ? { tokenHint: tokenHint(stored.token) } : {}),
      tokenMissing: mode() === 'store' && stored === undefined,
      canEncrypt: deps.vault.canEncrypt(),
    };
  }

  const address = () => apiAddress(deps.settings.read().apiUrl, deps.developmentAddress?.());

  return {
    status,
    health() {
      if (lastOutcome === 'unreachable') return 'offline';
      if (now() - rateLimitedAt < RATE_LIMITED_FOR_MS) return 'rate_limited';
      return lastOutcome === undefined ? 'unknown' : 'online';
    },
    shopKey() {
      if (mode() === 'training') return 'training';
      const shopId = deps.settings.read().shopId;
      if (mode() !== 'store' || !deps.vault.read() || shopId === '') return undefined;
      return `store:${shopId}`;
    },
    async client() {
      if (current) return current.client;
      if (mode() === 'training') {
        training ??= await deps.startTrainingStore(join(deps.dataDir, 'training-store.json'));
        return use(clientFor(training.tokens.readWrite, training.url));
      }
      const stored = mode() === 'store' ? deps.vault.read() : undefined;
      if (!stored) throw new LoyaltyError('not_connected', 'No store is connected');
      const client = clientFor(stored.token, stored.address);
      const shopId = deps.settings.read().shopId;
      // Connected by a version that named shops differently: find which shop this is before anything is kept.
      if (shopId === '') await identify(client, stored.token);
      else if (deps.knownByTokenOnly(shopId)) void learnMembers(client, stored.token, shopId);
      return use(client);
    },
    async connectStore(rawToken) {
      const token = rawToken.trim();
      if (!/^[\x21-\x7e]{8,512}$/.test(token)) {
        throw new LoyaltyError('invalid_input', 'That does not look like a Haravan token', { detail: 'token' });
      }
      const checkedAt = address();
      const candidate = clientFor(token, checkedAt);
      const shop = await candidateFor(candidate, token);
      if (!(await candidate.canWritePoints())) {
        throw new LoyaltyError('missing_scope', 'The token can read members but not change points', { detail: 'loy.write_profiles' });
      }
      // The candidate's answers are the health of the store now connected.
      dropClient();
      await stopTraining();
      deps.vault.write({ token, address: checkedAt });
      const shopId = deps.identifyShop(shop);
      deps.settings.write({ ...deps.settings.read(), mode: 'store', shopId });
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
    address,
    async close() {
      forgetClient();
      await stopTraining();
    },
  };
}
