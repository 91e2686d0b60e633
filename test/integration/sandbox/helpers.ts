// Shared by the sandbox's own tests: talk to a store over real HTTP, as the app does.
import type { SandboxStore } from '../../../electron/sandbox/server.ts';

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export function clientFor(store: SandboxStore, token: string = store.tokens.readWrite) {
  const authorization = { Authorization: `Bearer ${token}` };
  return {
    get: (path: string, headers: Record<string, string> = {}) =>
      call(store, path, { headers: { ...authorization, ...headers } }),
    put: (path: string, body: unknown, headers: Record<string, string> = {}) =>
      call(store, path, {
        method: 'PUT',
        headers: { ...authorization, 'Content-Type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    /** Raw fetch, for the cases where the request is expected to fail at the socket. */
    fetch: (path: string, init: RequestInit = {}) =>
      fetch(`${store.url}${path}`, { ...init, headers: { ...authorization, ...(init.headers as Record<string, string>) } }),
  };
}

export function admin(store: SandboxStore, method: string, path: string, body?: unknown, key = store.adminKey) {
  return call(store, `/__sandbox/${path}`, {
    method,
    headers: { 'X-Sandbox-Admin': key, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function call(store: SandboxStore, path: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(`${store.url}${path}`, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

export function points(value: unknown, reason: unknown = 'Tích điểm đơn #1001', ref_id: unknown = '1001') {
  return { point: { value, reason, ref_id } };
}
