// The Haravan Loyalty client: the seed's six endpoints on ofetch, every attempt paced by the shop's
// scheduler, every failure turned into a LoyaltyError. The fetch is injectable so the Electron build
// can pass `net.fetch` (system proxy) while Node tests use the global fetch.

import { createFetch, type FetchResponse } from 'ofetch';
import { LoyaltyError, validationMessage } from './errors.ts';
import { classifyNetworkError } from './network-errors.ts';
import { parseRetryAfter, type Lane, type Scheduler } from './scheduler.ts';
import { storedForms, type VietnamesePhone } from './phone.ts';
import {
  CALL_LIMIT_HEADER,
  HARAVAN_API_URL,
  MAX_PAGE_SIZE,
  type AttributesResponse,
  type ListProfilesQuery,
  type ListProfilesResponse,
  type PointAdjustment,
  type PointDirection,
  type Profile,
  type ProfileAttribute,
  type ProfileId,
  type SingleProfileResponse,
  type TagsResponse,
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
  /** Defaults to HARAVAN_API_URL from the environment, then https://apis.haravan.com. */
  baseURL?: string;
  fetch?: typeof globalThis.fetch;
  /** Per attempt, from sending to the whole body read. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Told how each attempt went, so the status line can say online, offline or slowed. */
  onOutcome?: (outcome: AttemptOutcome) => void;
}

export type AttemptOutcome = 'answered' | 'rate_limited' | 'unreachable';

export interface RequestOptions {
  lane?: Lane;
  signal?: AbortSignal;
}

export interface HaravanClient {
  readonly baseURL: string;
  listProfiles(query: ListProfilesQuery, options?: RequestOptions): Promise<Partial<Profile>[]>;
  getProfile(id: ProfileId, options?: RequestOptions): Promise<Profile>;
  getTags(id: ProfileId, options?: RequestOptions): Promise<string[]>;
  getAttributes(id: ProfileId, options?: RequestOptions): Promise<ProfileAttribute[]>;
  adjustPoints(id: ProfileId, direction: PointDirection, point: PointAdjustment, options?: RequestOptions): Promise<Profile>;
  /** Every profile stored under any form of this phone, each once, in id order. */
  findByPhone(phone: VietnamesePhone, options?: RequestOptions): Promise<Profile[]>;
  /**
   * Whether the token may change points, without changing any: a zero-point add to profile 0, which
   * cannot exist. 403 means the write scope is missing; 404 or 422 mean the scope check passed.
   */
  canWritePoints(options?: RequestOptions): Promise<boolean>;
  /** Ends every queued and in-flight request of this client (another store was connected). */
  close(): void;
}

export function resolveBaseURL(setting?: string): string {
  const chosen = setting?.trim() || process.env['HARAVAN_API_URL']?.trim() || HARAVAN_API_URL;
  return chosen.replace(/\/+$/, '');
}

type Method = 'GET' | 'PUT';

interface Call {
  method: Method;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  lane: Lane;
  signal?: AbortSignal;
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
  const baseURL = resolveBaseURL(options.baseURL);
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const { scheduler, token } = options;
  const report = options.onOutcome ?? (() => {});
  const lifetime = new AbortController();
  const $fetch = createFetch({ fetch: options.fetch ?? globalThis.fetch });

  const backoff = (attempt: number) => retry.backoffMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);

  async function attempt(call: Call, signal: AbortSignal): Promise<FetchResponse<unknown>> {
    return $fetch.raw(call.path, {
      baseURL,
      method: call.method,
      query: call.query,
      body: call.body as Record<string, unknown> | undefined,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      // A request made with a private token must not carry cookies (FACTS.md); matters for net.fetch.
      credentials: 'omit',
      redirect: 'error',
      signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), signal]),
      retry: false,
      ignoreResponseError: true,
    });
  }

  async function send<T>(call: Call): Promise<T> {
    const isWrite = call.method === 'PUT';
    const order = scheduler.nextOrder();
    const signal = call.signal ? AbortSignal.any([call.signal, lifetime.signal]) : lifetime.signal;
    let rateLimited = 0;
    let failures = 0;
    for (;;) {
      const slot = await scheduler.acquire(call.lane, { order, signal });
      let response: FetchResponse<unknown>;
      try {
        response = await attempt(call, signal);
      } catch (error) {
        slot.settle();
        if (signal.aborted) throw signal.reason;
        report('unreachable');
        const failure = classifyNetworkError(error);
        failures += 1;
        if (isWrite && failure !== 'not_sent') {
          throw new LoyaltyError('uncertain', `${call.method} ${call.path}: ${failure === 'timeout' ? 'timed out' : 'connection lost'} after sending; the change may or may not have been applied`);
        }
        if (failures >= (isWrite ? retry.unsentWriteAttempts : retry.readAttempts)) {
          throw new LoyaltyError('offline', `${call.method} ${call.path}: the store could not be reached`);
        }
        await sleep(backoff(failures), signal);
        continue;
      }
      const status = response.status;
      report(status === 429 ? 'rate_limited' : 'answered');
      slot.settle({
        callLimit: response.headers.get(CALL_LIMIT_HEADER),
        rateLimited: status === 429,
        retryAfterSeconds: status === 429 ? parseRetryAfter(response.headers.get('retry-after')) : undefined,
      });
      if (status >= 200 && status < 300) return response._data as T;
      if (status === 429) {
        rateLimited += 1;
        if (rateLimited >= (call.lane === 'interactive' ? retry.interactiveRateLimitedAttempts : retry.rateLimitedAttempts)) {
          throw new LoyaltyError('rate_limited', `${call.method} ${call.path}: still rate limited after ${rateLimited} attempts`, { status });
        }
        continue;
      }
      if (status >= 500) {
        if (isWrite) {
          throw new LoyaltyError('uncertain', `${call.method} ${call.path}: server error ${status} after sending; the change may or may not have been applied`, { status });
        }
        failures += 1;
        if (failures >= retry.readAttempts) {
          throw new LoyaltyError('server', `${call.method} ${call.path}: server error ${status}`, { status });
        }
        await sleep(backoff(failures), signal);
        continue;
      }
      throw errorForStatus(call, status, response._data);
    }
  }

  const lane = (options?: RequestOptions): Lane => options?.lane ?? 'interactive';

  async function listProfiles(query: ListProfilesQuery, options?: RequestOptions): Promise<Partial<Profile>[]> {
    const body = await send<ListProfilesResponse>({
      method: 'GET',
      path: '/loy/profiles.json',
      query: listQuery(query),
      lane: lane(options),
      signal: options?.signal,
    });
    return body.profiles;
  }

  const profilePath = (id: ProfileId, rest = '') => {
    if (!Number.isSafeInteger(id) || id <= 0) {
      throw new LoyaltyError('invalid_input', `Not a profile id: ${String(id)}`, { detail: 'profile_id' });
    }
    return `/loy/profiles/${id}${rest}.json`;
  };

  return {
    baseURL,
    listProfiles,
    async getProfile(id, options) {
      const body = await send<SingleProfileResponse>({ method: 'GET', path: profilePath(id), lane: lane(options), signal: options?.signal });
      return body.profile;
    },
    async getTags(id, options) {
      const body = await send<TagsResponse>({ method: 'GET', path: profilePath(id, '/tags'), lane: lane(options), signal: options?.signal });
      return splitTags(body.profile.tags);
    },
    async getAttributes(id, options) {
      const body = await send<AttributesResponse>({ method: 'GET', path: profilePath(id, '/attributes'), lane: lane(options), signal: options?.signal });
      return body.profile.attributes;
    },
    async adjustPoints(id, direction, point, options) {
      checkAdjustment(point);
      return send<Profile>({
        method: 'PUT',
        path: profilePath(id, `/points/${direction}`),
        body: { point: { value: point.value, reason: point.reason.trim(), ref_id: point.ref_id.trim() } },
        lane: lane(options),
        signal: options?.signal,
      });
    },
    async findByPhone(phone, options) {
      const forms = storedForms(phone);
      const pages = await Promise.all(
        forms.map((form) => listProfiles({ phone: form, limit: MAX_PAGE_SIZE }, options)),
      );
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

function errorForStatus(call: Call, status: number, body: unknown): LoyaltyError {
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
