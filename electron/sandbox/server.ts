// startSandbox: a Haravan Loyalty store on 127.0.0.1 for Training mode and tests. See types.ts for the
// public types (re-exported here).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Profile } from '../haravan/types.ts';
import { handleAdminRequest, ADMIN_PREFIX } from './admin-routes.ts';
import { handleApiRequest } from './api-routes.ts';
import { createBucket } from './bucket.ts';
import { adjustDirectly, updateProfile, type SandboxContext } from './context.ts';
import type { SandboxOptions, SandboxStore } from './types.ts';
import { addFault, clearFaults, createFaultState } from './faults.ts';
import { sendJson } from './http-io.ts';
import { createPersister, loadSnapshot, writeSnapshot, type Persister, type Snapshot } from './persistence.ts';
import { generateMembers } from './seed-data.ts';
import { createState, findMember, removeMember } from './state.ts';
import { issueToken, READ_SCOPE, randomToken, revokeToken, WRITE_SCOPE, type TokenRegistry } from './tokens.ts';
import { fullView } from './views.ts';

export type * from './types.ts';

const HOST = '127.0.0.1';

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxStore> {
  const seed = options.seed ?? 1;
  const { state, persister } = await openState(options, seed);
  const faults = createFaultState();
  state.clock = () => Date.now() + faults.clockOffsetMs;
  state.pointsMoveUpdatedAt = () => !faults.pointsKeepUpdatedAt;
  const tokens: TokenRegistry = new Map();
  const readWrite = issueToken(tokens, [READ_SCOPE, WRITE_SCOPE], options.tokens?.readWrite ?? randomToken());
  const readOnly = issueToken(tokens, [READ_SCOPE], options.tokens?.readOnly ?? randomToken());
  const context: SandboxContext = {
    state,
    bucket: createBucket(options.bucketSize ?? 80, options.drainPerSecond ?? 4, performance.now()),
    faults,
    tokens,
    stats: { requests: 0, byEndpoint: {}, rejected429: 0, peakLevel: 0 },
    adminKey: options.adminKey ?? randomBytes(16).toString('hex'),
    persist: () => persister?.markDirty(),
  };

  let server: Server | undefined;
  let port = options.port ?? 0;
  let closed = false;

  const listen = async () => {
    if (closed) throw new Error('The sandbox store is closed');
    if (server) return;
    const listening = createServer((request, response) => void handle(context, request, response));
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(port, HOST, () => {
        listening.off('error', reject);
        resolve();
      });
    });
    port = (listening.address() as { port: number }).port;
    server = listening;
  };

  const stop = async () => {
    const listening = server;
    server = undefined;
    if (listening) {
      const done = new Promise<void>((resolve) => listening.close(() => resolve()));
      listening.closeAllConnections(); // includes hung requests and idle keep-alive sockets
      await done;
    }
    await persister?.flush();
  };

  await listen();

  return {
    get url() {
      return `http://${HOST}:${port}`;
    },
    get port() {
      return port;
    },
    tokens: { readWrite, readOnly },
    adminKey: context.adminKey,
    profiles: () => state.members.map((member) => fullView(member.profile)),
    profile: (id) => {
      const member = findMember(state, id);
      return member && fullView(member.profile);
    },
    tags: (id) => findMember(state, id)?.tags ?? '',
    ledger: () => state.ledger.map((entry) => ({ ...entry })),
    stats: () => ({ ...context.stats, byEndpoint: { ...context.stats.byEndpoint } }),
    addFault: (fault) => addFault(context.faults, fault),
    clearFaults: () => clearFaults(context.faults),
    revokeToken: (token) => revokeToken(tokens, token),
    issueToken: (scopes) => issueToken(tokens, scopes),
    adjustDirectly: (id, direction, value, reason): Profile =>
      fullView(adjustDirectly(context, id, direction, value, reason)),
    updateProfile: (id, patch) => fullView(updateProfile(context, id, patch)),
    removeProfile: (id) => {
      removeMember(state, id);
      context.persist();
    },
    flush: async () => persister?.flush(),
    stop,
    start: listen,
    close: async () => {
      await stop();
      closed = true;
    },
  };
}

async function handle(context: SandboxContext, request: IncomingMessage, response: ServerResponse) {
  // The store's own clock, which a test may set off from the till's.
  response.setHeader('Date', new Date(context.state.clock()).toUTCString());
  try {
    if (request.url?.startsWith(ADMIN_PREFIX)) await handleAdminRequest(context, request, response);
    else await handleApiRequest(context, request, response);
  } catch (error) {
    // Typically the client went away mid-body; otherwise a sandbox bug that should be visible.
    if (!response.destroyed) {
      console.error('sandbox: request failed:', error);
      sendJson(response, 500, { errors: 'Internal Server Error' });
    }
  }
}

async function openState(options: SandboxOptions, seed: number) {
  const { dataFile } = options;
  const saved = dataFile ? await loadSnapshot(dataFile) : undefined;
  const state = createState(saved?.members ?? generateMembers(options.members ?? 60, seed), saved?.ledger);
  if (!dataFile) return { state, persister: undefined };

  const snapshot = (): Snapshot => ({
    format: 'loyalty-desk-sandbox',
    version: 1,
    seed: saved?.seed ?? seed,
    members: state.members,
    ledger: state.ledger,
  });
  if (!saved) await writeSnapshot(dataFile, snapshot());
  const persister: Persister = createPersister(dataFile, snapshot);
  return { state, persister };
}
