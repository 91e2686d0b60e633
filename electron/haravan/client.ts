// The Haravan Loyalty client: the seed's six endpoints on ofetch, every attempt paced by the shop's
// scheduler, every answer checked against the shape Haravan gives, every failure turned into a LoyaltyError.
// Requests go through the phase-aware transport (transport.ts), which says whether a failed request can have
// left this machine; tests pass one whose connections fail on cue.

import { createFetch, type FetchResponse } from 'ofetch';
import * as v from 'valibot';
import { originOf } from './address.ts';
import { LoyaltyError, validationMessage } from './errors.ts';
import { classifyNetworkError } from './network-errors.ts';
import { parseRetryAfter, type Lane, type Scheduler } from './scheduler.ts';
import { createServerClock, type ServerClock } from './server-clock.ts';
import { storedFormKind, storedForms, type StoredFormKind, type VietnamesePhone } from './phone.ts';
import { createTransport, type Transport } from './transport.ts';
import {
  CALL_LIMIT_HEADER,
  MAX_PAGE_SIZE,
  type ListProfilesQuery,
  type PointAdjustment,
  type PointDirection,
  type Profile,
  type ProfileAttribute,
  type ProfileId,
} from './types.ts';

export interface RetryPolicy {
  /** Attempts for a read meeting 5xx or a network error (the first included). */
  readAttempts: number;
  /** 429s survived per background request before giving up with `rate_limited`. */
  rateLimitedAttempts: number;
  /** The same for a request a cashier waits on: better to say "the store is busy" than to hang. */
  interactiveRateLimitedAttempts: number;
  /** Attempts for a points change whose connection provably failed before sending. */
  unsentWriteAttempts: number;
  /** First backoff delay; doubled each attempt, with jitter. */
  backoffMs: number;
}

/**
 * How long after it was asked a request a cashier waits on may be held back by 429s (Retry-After and the
 * wait for the bucket to drain) before it gives up, so that the screen can answer from the directory.
 */
export const INTERACTIVE_PATIENCE_MS = 5_000;

export const DEFAULT_RETRY: RetryPolicy = {
  readAttempts: 4,
  rateLimitedAttempts: 10,
  interactiveRateLimitedAttempts: 3,
  unsentWriteAttempts: 3,
  backoffMs: 250,
};

export interface HaravanClientOptions {
  token: string;
  scheduler: Scheduler;
  /** The API address (address.ts); the token is sent to its origin and no other. */
  baseURL: string;
  /** Defaults to a transport of the client's own. */
  transport?: Transport;
  /** Per attempt, from sending to the whole body read. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Told how each attempt went, so the status line can say online, offline or slowed. */
  onOutcome?: (outcome: AttemptOutcome) => void;
  /** Told every attempt's outcome in full, for the till's log (no token, no body: the path and the status). */
  onAttemptLogged?: (attempt: AttemptRecord) => void;
}

export interface AttemptRecord {
  method: string;
  path: string;
  lane: Lane;
  outcome: AttemptOutcome;
  /** The HTTP status; absent when the store was not reached. */
  status?: number;
  ms: number;
}

export type AttemptOutcome = 'answered' | 'rate_limited' | 'unreachable';

export interface RequestOptions {
  lane?: Lane;
  signal?: AbortSignal;
  /** Told the monotonic instant (performance.now()) each attempt of the request is dispatched. */
  onAttempt?: (sentAt: number) => void;
}

export interface HaravanClient {
  readonly baseURL: string;
  /** Haravan's clock as learnt from this client's answers, to place a change's updated_at in time. */
  readonly serverClock: ServerClock;
  listProfiles(query: ListProfilesQuery, options?: RequestOptions): Promise<Partial<Profile>[]>;
  getProfile(id: ProfileId, options?: RequestOptions): Promise<Profile>;
  getTags(id: ProfileId, options?: RequestOptions): Promise<string[]>;
  getAttributes(id: ProfileId, options?: RequestOptions): Promise<ProfileAttribute[]>;
  adjustPoints(id: ProfileId, direction: PointDirection, point: PointAdjustment, options?: RequestOptions): Promise<Profile>;
  /**
   * The profiles stored under this phone, each once, in id order: those in the `likelyForm` (default
   * national), or when there are none, those under any other form.
   */
  findByPhone(phone: VietnamesePhone, options?: RequestOptions & { likelyForm?: StoredFormKind }): Promise<Profile[]>;
  /**
   * Whether the token may change points, without changing any: a zero-point add to profile 0, which
   * cannot exist. 403 means the write scope is missing; 404 or 422 mean the scope check passed.
   */
  canWritePoints(options?: RequestOptions): Promise<boolean>;
  /** Ends every queued and in-flight request of this client (another store was connected). */
  close(): void;
}


type Method = 'GET' | 'PUT';

interface Call<T> {
  method: Method;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  lane: Lane;
  signal?: AbortSignal;
  onAttempt?: (sentAt: number) => void;
  /** What a 2xx answer must be to count as Haravan's; anything else is not taken for an answer. */
  answer: v.GenericSchema<unknown, T>;
}

const whole = v.pipe(v.number(), v.integer());
const id = v.pipe(whole, v.minValue(1));
const optionalWhole = v.optional(v.nullable(whole));

/** The fields the client relies on; the rest passes through as Haravan sends it. */
const ProfileSchema = v.looseObject({
  id,
  point_available: whole,
  point_used: optionalWhole,
  updated_at: v.optional(v.nullable(v.string())),
}) as unknown as v.GenericSchema<unknown, Profile>;

const ListSchema = v.object({ profiles: v.array(v.looseObject({ id })) }) as unknown as v.GenericSchema<unknown, { profiles: Partial<Profile>[] }>;
const SingleSchema = v.object({ profile: ProfileSchema });
const TagsSchema = v.object({ profile: v.object({ tags: v.optional(v.nullable(v.string())) }) });
const AttributesSchema = v.object({
  profile: v.object({ attributes: v.array(v.looseObject({ id: whole, key: v.string(), value: v.string() })) }),
}) as unknown as v.GenericSchema<unknown, { profile: { attributes: ProfileAttribute[] } }>;
const AnySchema = v.unknown();

/** The body as JSON, or NOT_JSON (an HTML page, an empty body, a cut-off answer). */
const NOT_JSON = Symbol('not JSON');
function parseBody(text: unknown): unknown {
  if (typeof text !== 'string' || text.trim() === '') return NOT_JSON;
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });

export function createHaravanClient(options: HaravanClientOptions): HaravanClient {
  const baseURL = options.baseURL.replace(/\/+$/, '');
  const tokenOrigin = originOf(baseURL);
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const { scheduler, token } = options;
  const report = options.onOutcome ?? (() => {});
  const lifetime = new AbortController();
  const serverClock = createServerClock();
  const $fetch = createFetch({ fetch: options.transport ?? createTransport() });

  const backoff = (attempt: number) => retry.backoffMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);

  async function attempt(call: Call<unknown>, signal: AbortSignal): Promise<FetchResponse<unknown>> {
    return $fetch.raw(call.path, {
      baseURL,
      method: call.method,
      query: call.query,
      body: call.body as Record<string, unknown> | undefined,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        // A read may decide whether a change was applied: no cache on the way may answer it.
        ...(call.method === 'GET' ? { 'Cache-Control': 'no-cache', Pragma: 'no-cache' } : {}),
      },
      responseType: 'text',
      signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), signal]),
      retry: false,
      ignoreResponseError: true,
    });
  }

  async function send<T>(call: Call<T>): Promise<T> {
    // The token goes to the origin the client was made for and nowhere else, whatever a path might say.
    if (originOf(`${baseURL}${call.path}`) !== tokenOrigin) throw new LoyaltyError('internal', 'A request would leave the store’s origin');
    const isWrite = call.method === 'PUT';
    const what = `${call.method} ${call.path}`;
    const order = scheduler.nextOrder();
    const signal = call.signal ? AbortSignal.any([call.signal, lifetime.signal]) : lifetime.signal;
    let rateLimited = 0;
    let failures = 0;
    const askedAt = performance.now();
    /** Set by the first 429 on a cashier's request: past it, waiting for a slot gives up. */
    let patience: AbortSignal | undefined;
    /** A read met an answer it cannot use: try again, then give up as a server problem. */
    const readFailed = async (message: string, status?: number) => {
      failures += 1;
      if (failures >= retry.readAttempts) throw new LoyaltyError('server', `${what}: ${message}`, { status });
      await sleep(backoff(failures), signal);
    };
    for (;;) {
      const slot = await scheduler.acquire(call.lane, { order, signal: patience ? AbortSignal.any([signal, patience]) : signal }).catch((error: unknown) => {
        if (signal.aborted) throw error;
        throw new LoyaltyError('rate_limited', `${what}: still held back by the rate limit after ${INTERACTIVE_PATIENCE_MS} ms`, { status: 429 });
      });
      const sentAt = performance.now();
      let response: FetchResponse<unknown>;
      try {
        call.onAttempt?.(sentAt);
        response = await attempt(call as Call<unknown>, signal);
      } catch (error) {
        slot.settle();
        if (signal.aborted) throw signal.reason;
        report('unreachable');
        options.onAttemptLogged?.({ method: call.method, path: call.path, lane: call.lane, outcome: 'unreachable', ms: Math.round(performance.now() - sentAt) });
        const failure = classifyNetworkError(error);
        failures += 1;
        if (isWrite && failure !== 'not_sent') {
          throw new LoyaltyError('uncertain', `${what}: ${failure === 'timeout' ? 'timed out' : 'connection lost'} after sending; the change may or may not have been applied`);
        }
        if (failures >= (isWrite ? retry.unsentWriteAttempts : retry.readAttempts)) {
          throw new LoyaltyError('offline', `${what}: the store could not be reached`);
        }
        await sleep(backoff(failures), signal);
        continue;
      }
      serverClock.observe(response.headers.get('date'), sentAt, performance.now());
      const status = response.status;
      report(status === 429 ? 'rate_limited' : 'answered');
      options.onAttemptLogged?.({ method: call.method, path: call.path, lane: call.lane, outcome: status === 429 ? 'rate_limited' : 'answered', status, ms: Math.round(performance.now() - sentAt) });
      slot.settle({
        callLimit: response.headers.get(CALL_LIMIT_HEADER),
        rateLimited: status === 429,
        retryAfterSeconds: status === 429 ? parseRetryAfter(response.headers.get('retry-after')) : undefined,
      });
      const body = parseBody(response._data);
      if (status >= 200 && status < 300) {
        const parsed = v.safeParse(call.answer, body);
        if (parsed.success) return parsed.output;
        const seen = `${status} with ${body === NOT_JSON ? `no JSON (${response.headers.get('content-type') || 'no content type'})` : 'an unexpected shape'}`;
        if (isWrite) {
          throw new LoyaltyError('uncertain', `${what}: answered ${seen}, not Haravan's profile; the change may or may not have been applied`, { status });
        }
        await readFailed(`answered ${seen}, not Haravan's answer`, status);
        continue;
      }
      if (status === 429) {
        rateLimited += 1;
        const interactive = call.lane === 'interactive';
        const attemptsAllowed = interactive ? retry.interactiveRateLimitedAttempts : retry.rateLimitedAttempts;
        // A cashier is not kept waiting long: the store said the request was not taken, so giving up is safe.
        const patienceLeftMs = askedAt + INTERACTIVE_PATIENCE_MS - performance.now();
        if (interactive) patience ??= AbortSignal.timeout(Math.max(0, Math.ceil(patienceLeftMs)));
        const longPause = interactive && scheduler.snapshot().pausedForMs > patienceLeftMs;
        if (rateLimited >= attemptsAllowed || longPause) {
          throw new LoyaltyError('rate_limited', `${what}: still rate limited after ${rateLimited} attempts`, { status });
        }
        continue;
      }
      if (status >= 400 && status < 500) throw errorForStatus(call, status, body === NOT_JSON ? undefined : body);
      // 5xx, or a status Haravan does not use (a redirect from something in the way).
      if (isWrite) {
        throw new LoyaltyError('uncertain', `${what}: server error ${status} after sending; the change may or may not have been applied`, { status });
      }
      await readFailed(`server error ${status}`, status);
    }
  }

  const lane = (options?: RequestOptions): Lane => options?.lane ?? 'interactive';

  async function listProfiles(query: ListProfilesQuery, options?: RequestOptions): Promise<Partial<Profile>[]> {
    const body = await send({
      method: 'GET',
      path: '/loy/profiles.json',
      query: listQuery(query),
      lane: lane(options),
      signal: options?.signal,
      answer: ListSchema,
    });
    return body.profiles;
  }

  /** The answer must be about the member asked for: a profile of anyone else is not evidence of anything. */
  const ofMember = (id: ProfileId, profile: Profile, what: string): Profile => {
    if (profile.id === id) return profile;
    throw new LoyaltyError(what === 'PUT' ? 'uncertain' : 'server', `${what} of profile ${id} answered with profile ${profile.id}`);
  };

  const profilePath = (id: ProfileId, rest = '') => {
    if (!Number.isSafeInteger(id) || id <= 0) {
      throw new LoyaltyError('invalid_input', `Not a profile id: ${String(id)}`, { detail: 'profile_id' });
    }
    return `/loy/profiles/${id}${rest}.json`;
  };

  const read = <T>(path: string, answer: v.GenericSchema<unknown, T>, options?: RequestOptions) =>
    send({ method: 'GET', path, lane: lane(options), signal: options?.signal, answer });

  return {
    baseURL,
    serverClock,
    listProfiles,
    async getProfile(id, options) {
      return ofMember(id, (await read(profilePath(id), SingleSchema, options)).profile, 'GET');
    },
    async getTags(id, options) {
      return splitTags((await read(profilePath(id, '/tags'), TagsSchema, options)).profile.tags);
    },
    async getAttributes(id, options) {
      return (await read(profilePath(id, '/attributes'), AttributesSchema, options)).profile.attributes;
    },
    async adjustPoints(id, direction, point, options) {
      checkAdjustment(point);
      const answer = await send({
        method: 'PUT',
        path: profilePath(id, `/points/${direction}`),
        body: { point: { value: point.value, reason: point.reason.trim(), ref_id: point.ref_id.trim() } },
        lane: lane(options),
        signal: options?.signal,
        onAttempt: options?.onAttempt,
        answer: ProfileSchema,
      });
      return ofMember(id, answer, 'PUT');
    },
    async findByPhone(phone, options) {
      const forms = storedForms(phone);
      const likely = options?.likelyForm ?? 'national';
      const first = forms.filter((form) => storedFormKind(form) === likely);
      const rest = forms.filter((form) => !first.includes(form));
      const ask = (some: string[]) => Promise.all(some.map((form) => listProfiles({ phone: form, limit: MAX_PAGE_SIZE }, options)));
      // The shop's usual form first; the others, together, only when it finds nothing.
      let pages = first.length > 0 ? await ask(first) : [];
      if (pages.flat().length === 0) pages = await ask(rest);
      const byId = new Map<ProfileId, Profile>();
      for (const profile of pages.flat() as Profile[]) byId.set(profile.id, profile);
      return [...byId.values()].sort((a, b) => a.id - b.id);
    },
    async canWritePoints(options) {
      try {
        await send({
          method: 'PUT',
          path: '/loy/profiles/0/points/add.json',
          body: { point: { value: 0, reason: 'Loyalty Desk scope check', ref_id: '' } },
          lane: lane(options),
          signal: options?.signal,
          answer: AnySchema,
        });
        return true;
      } catch (error) {
        if (error instanceof LoyaltyError && (error.code === 'not_found' || error.code === 'validation')) return true;
        if (error instanceof LoyaltyError && error.code === 'missing_scope') return false;
        throw error;
      }
    },
    close() {
      lifetime.abort(new LoyaltyError('not_connected', 'The store connection was closed'));
    },
  };
}

/** Builds the list query; an empty filter is never sent (Haravan ignores it and returns arbitrary records). */
export function listQuery(query: ListProfilesQuery): Record<string, string> {
  const result: Record<string, string> = { limit: String(Math.min(query.limit ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE)) };
  if (Number(result['limit']) < 1) throw new LoyaltyError('invalid_input', 'limit must be at least 1', { detail: 'limit' });
  const text = (key: string, value: string | undefined) => {
    if (value === undefined) return;
    if (value.trim() === '') throw new LoyaltyError('invalid_input', `${key} must not be empty`, { detail: key });
    result[key] = value.trim();
  };
  const whole = (key: string, value: number | undefined) => {
    if (value === undefined) return;
    if (!Number.isSafeInteger(value) || value < 0) throw new LoyaltyError('invalid_input', `${key} must be a whole number`, { detail: key });
    result[key] = String(value);
  };
  whole('since_id', query.since_id);
  whole('page', query.page);
  text('phone', query.phone);
  text('updated_at_min', query.updated_at_min);
  text('updated_at_max', query.updated_at_max);
  if (query.fields !== undefined) text('fields', query.fields.join(','));
  return result;
}

function checkAdjustment(point: PointAdjustment): void {
  if (!Number.isSafeInteger(point.value) || point.value <= 0) {
    throw new LoyaltyError('invalid_input', 'Points must be a positive whole number', { detail: 'points' });
  }
  if (point.reason.trim() === '') {
    throw new LoyaltyError('invalid_input', 'A reason is required', { detail: 'reason' });
  }
}

export function splitTags(tags: string | null | undefined): string[] {
  return (tags ?? '').split(',').map((tag) => tag.trim()).filter((tag) => tag !== '');
}

function errorForStatus(call: Call<unknown>, status: number, body: unknown): LoyaltyError {
  const what = `${call.method} ${call.path}`;
  const serverSays = validationMessage(body);
  switch (status) {
    case 401:
      return new LoyaltyError('unauthorized', `${what}: the token was refused (401)`, { status });
    case 403:
      return new LoyaltyError('missing_scope', `${what}: the token lacks a loyalty scope (403)`, { status, detail: serverSays });
    case 404:
      return new LoyaltyError('not_found', `${what}: not found (404)`, { status });
    default:
      return new LoyaltyError('validation', `${what}: refused (${status})${serverSays ? `: ${serverSays}` : ''}`, { status, detail: serverSays });
  }
}
