// The sandbox store's public types. server.ts re-exports them; other modules import them from here
// so that no module needs to import server.ts.
import type { Profile } from '../haravan/types.ts';

export interface SandboxOptions {
  /** Default 0 = any free port. The host is always 127.0.0.1. */
  port?: number;
  /** Total profiles including the featured ones; default 60. */
  members?: number;
  /** PRNG seed; default 1. */
  seed?: number;
  /** Leaky bucket size; default 80. */
  bucketSize?: number;
  /** Leaky bucket drain rate; default 4 per second. */
  drainPerSecond?: number;
  /** Load state from this JSON file if it exists, else seed and create it; persisted after every mutation. */
  dataFile?: string;
  /** Guards the /__sandbox/* admin routes; default random. */
  adminKey?: string;
  /** Fixed tokens instead of random ones (for scripts in other processes). */
  tokens?: Partial<SandboxTokens>;
}

export interface SandboxTokens {
  readWrite: string;
  readOnly: string;
}

export interface SandboxStats {
  requests: number;
  /** Requests by what they asked for: list, profile, tags, attributes, points, other. */
  byEndpoint: Partial<Record<'list' | 'profile' | 'tags' | 'attributes' | 'points' | 'other', number>>;
  rejected429: number;
  peakLevel: number;
}

export interface LedgerEntry {
  seq: number;
  profileId: number;
  direction: 'add' | 'subtract';
  value: number;
  reason: string;
  ref_id: string;
  at: string;
  balanceBefore: number;
  balanceAfter: number;
  source: 'api' | 'direct';
}

export type FaultTarget = 'read' | 'write' | 'any';

/**
 * `count`: how many matching requests the fault applies to. `skip` (default 0): how many matching requests
 * pass untouched first, e.g. `{ kind: 'server-error', on: 'read', skip: 1, count: 20 }` lets the next read
 * through and fails the twenty after it.
 */
export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'rate-limit'; count: number; retryAfterSeconds?: number; skip?: number }
  | { kind: 'server-error'; status: 500 | 502 | 503; count: number; on?: FaultTarget; skip?: number }
  | { kind: 'drop-before-apply'; count: number; on?: FaultTarget; skip?: number }
  | { kind: 'drop-after-apply'; count: number }
  | { kind: 'hang'; count: number; on?: FaultTarget; skip?: number }
  /** The store refuses the token for `count` requests (401), as a proxy or a store hiccup might, then takes it again. */
  | { kind: 'unauthorized'; count: number; on?: FaultTarget; skip?: number }
  /** A captive portal or a proxy answers 200 with its own HTML page; the store never sees the request. */
  | { kind: 'html-200'; count: number; on?: FaultTarget; skip?: number }
  /** A points PUT is applied and answered 204 with no body. */
  | { kind: 'empty-204'; count: number; skip?: number }
  /** A points PUT's connection is dropped unapplied, and the change is applied `delayMs` later anyway. */
  | { kind: 'apply-late'; delayMs: number; count: number; skip?: number }
  /** Until cleared, every API route answers 404, as a mistyped address that reaches some other server would. */
  | { kind: 'wrong-address' }
  /** Until cleared, the store's clock (its Date header and every updated_at) runs `ms` ahead of the till's. */
  | { kind: 'clock-offset'; ms: number }
  /** Until cleared, a points change leaves the member's updated_at as it was (a Haravan that marks only edits). */
  | { kind: 'points-keep-updated-at' };

export type Scope = 'loy.read_profiles' | 'loy.write_profiles';

export interface SandboxStore {
  /** e.g. http://127.0.0.1:45123 (no trailing slash) */
  readonly url: string;
  readonly port: number;
  readonly tokens: SandboxTokens;
  readonly adminKey: string;
  profiles(): Profile[];
  profile(id: number): Profile | undefined;
  tags(id: number): string;
  ledger(): LedgerEntry[];
  stats(): SandboxStats;
  addFault(fault: Fault): void;
  clearFaults(): void;
  revokeToken(token: string): void;
  issueToken(scopes: Scope[]): string;
  /** Another till or app changes the member's points now (updated_at moves, as for any change). */
  adjustDirectly(id: number, direction: 'add' | 'subtract', value: number, reason: string): Profile;
  updateProfile(id: number, patch: Partial<Profile>): Profile;
  /** The shop owner deletes the member (its ledger rows stay). */
  removeProfile(id: number): void;
  /** Waits until pending writes of `dataFile` are on disk (no-op without dataFile). */
  flush(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}
