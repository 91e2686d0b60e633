// /__sandbox/* : the admin side for tests in other processes. Guarded by X-Sandbox-Admin; never counted
// against the bucket and never affected by faults.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Profile } from '../haravan/types.ts';
import type { Fault, Scope } from './types.ts';
import { adjustDirectly, SandboxRejection, updateProfile, type SandboxContext } from './context.ts';
import { addFault, clearFaults, describeInvalidFault } from './faults.ts';
import { parseJson, readBody, sendJson } from './http-io.ts';
import { findMember } from './state.ts';
import { issueToken, revokeToken } from './tokens.ts';
import { fullView } from './views.ts';

export const ADMIN_PREFIX = '/__sandbox/';
export const ADMIN_KEY_HEADER = 'x-sandbox-admin';

type Answer = { status: number; body: unknown };

export async function handleAdminRequest(context: SandboxContext, request: IncomingMessage, response: ServerResponse) {
  if (request.headers[ADMIN_KEY_HEADER] !== context.adminKey) {
    return sendJson(response, 401, { errors: 'Missing or wrong X-Sandbox-Admin header' });
  }
  const path = new URL(request.url ?? '/', 'http://sandbox.invalid').pathname.slice(ADMIN_PREFIX.length);
  const text = await readBody(request);
  const json = text.trim() === '' ? { value: undefined } : parseJson(text);
  if (!json) return sendJson(response, 400, { errors: 'The request body is not valid JSON' });
  try {
    const answer = route(context, request.method ?? 'GET', path, json.value);
    sendJson(response, answer.status, answer.body);
  } catch (error) {
    if (!(error instanceof SandboxRejection)) throw error;
    sendJson(response, error.status, error.body);
  }
}

function route(context: SandboxContext, method: string, path: string, body: unknown): Answer {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const profileMatch = /^profiles\/(\d{1,15})(\/adjust)?$/.exec(path);
  const id = Number(profileMatch?.[1]);
  const key = `${method} ${profileMatch ? (profileMatch[2] ? 'profiles/:id/adjust' : 'profiles/:id') : path}`;

  switch (key) {
    case 'GET ledger':
      return ok({ ledger: context.state.ledger.map((entry) => ({ ...entry })) });
    case 'GET stats':
      return ok({ ...context.stats });
    case 'GET profiles/:id': {
      const member = findMember(context.state, id);
      return member ? ok(fullView(member.profile)) : { status: 404, body: { errors: 'Not Found' } };
    }
    case 'POST faults': {
      const problem = describeInvalidFault(body);
      if (problem) return { status: 400, body: { errors: `Invalid fault: ${problem}` } };
      addFault(context.faults, body as Fault);
      return ok({ ok: true });
    }
    case 'DELETE faults':
      clearFaults(context.faults);
      return ok({ ok: true });
    case 'POST revoke':
      if (typeof input.token !== 'string') return { status: 400, body: { errors: 'token is required' } };
      revokeToken(context.tokens, input.token);
      return ok({ ok: true });
    case 'POST tokens': {
      if (!Array.isArray(input.scopes)) return { status: 400, body: { errors: 'scopes must be an array' } };
      try {
        return ok({ token: issueToken(context.tokens, input.scopes as Scope[]) });
      } catch (error) {
        return { status: 400, body: { errors: (error as Error).message } };
      }
    }
    case 'POST profiles/:id/adjust':
      return ok(
        fullView(adjustDirectly(context, id, input.direction as 'add', input.value as number, input.reason as string)),
      );
    case 'PATCH profiles/:id':
      return ok(fullView(updateProfile(context, id, input as Partial<Profile>)));
    default:
      return { status: 404, body: { errors: 'Not Found' } };
  }
}

function ok(body: unknown): Answer {
  return { status: 200, body };
}
