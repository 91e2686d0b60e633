// The six Haravan Loyalty endpoints, behind the same gates as the real API: latency fault, leaky bucket
// (or a forced 429), route, auth and scope, then the request faults, then the endpoint itself.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PointDirection } from '../haravan/types.ts';
import { admit, formatRetryAfter, peek } from './bucket.ts';
import type { SandboxContext } from './context.ts';
import { takeAnswerFault, takeLateApply, takeRateLimit, takeRequestFault, type RequestKind } from './faults.ts';
import { isGone, isJsonContentType, parseJson, readBody, send, sendJson, sleep } from './http-io.ts';
import { parseListQuery, selectProfiles } from './list-query.ts';
import { applyAdjustment, NOT_FOUND, readPointRequest, type Rejection } from './points.ts';
import { findMember } from './state.ts';
import { bearerToken, READ_SCOPE, WRITE_SCOPE } from './tokens.ts';
import { fullView, listView } from './views.ts';

type Route =
  | { endpoint: 'list' }
  | { endpoint: 'profile' | 'tags' | 'attributes'; id: number }
  | { endpoint: 'points'; id: number; direction: PointDirection };

type Answer = { status: number; body: unknown } | { drop: true };

const INVALID_TOKEN = { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' };
const CALL_LIMIT_HEADER_NAME = 'X-Haravan-Api-Call-Limit';

export async function handleApiRequest(context: SandboxContext, request: IncomingMessage, response: ServerResponse) {
  context.stats.requests += 1;
  const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
  const route = matchRoute(request.method ?? 'GET', url.pathname);
  const endpoint = route?.endpoint ?? 'other';
  context.stats.byEndpoint[endpoint] = (context.stats.byEndpoint[endpoint] ?? 0) + 1;
  if (context.faults.latencyMs > 0) {
    await sleep(context.faults.latencyMs);
    if (isGone(response)) return;
  }
  // Some other web server: no bucket, no call-limit header, its own HTML 404 page.
  if (context.faults.wrongAddress) return send(response, 404, htmlPage('404 Not Found'), 'text/html');

  const { bucket, stats } = context;
  const forcedRetryAfter = takeRateLimit(context.faults);
  const admission =
    forcedRetryAfter === undefined
      ? admit(bucket, performance.now())
      : { admitted: false as const, used: peek(bucket, performance.now()), retryAfterSeconds: forcedRetryAfter };
  stats.peakLevel = Math.max(stats.peakLevel, admission.used);
  const headers = { [CALL_LIMIT_HEADER_NAME]: `${admission.used}/${bucket.size}` };
  if (!admission.admitted) {
    stats.rejected429 += 1;
    const message = `Exceeded ${bucket.size} calls per second for api client. Reduce request rates to resume uninterrupted service.`;
    sendJson(response, 429, { errors: message }, { ...headers, 'Retry-After': formatRetryAfter(admission.retryAfterSeconds) });
    return;
  }

  if (!route) return sendJson(response, 404, NOT_FOUND.body, headers);

  const token = bearerToken(request.headers.authorization);
  if (token !== undefined && request.headers.cookie !== undefined) {
    return sendJson(response, 400, { errors: 'A request with a private app access token must not carry cookies' }, headers);
  }
  const scopes = token === undefined ? undefined : context.tokens.get(token);
  if (!scopes) return sendJson(response, 401, INVALID_TOKEN, headers);
  const kind: RequestKind = route.endpoint === 'points' ? 'write' : 'read';
  const scope = kind === 'write' ? WRITE_SCOPE : READ_SCOPE;
  if (!scopes.has(scope)) {
    return sendJson(response, 403, { errors: `[API] This action requires merchant approval for ${scope} scope.` }, headers);
  }

  const fault = takeRequestFault(context.faults, kind);
  if (fault?.kind === 'hang') return; // never answered; stop() and close() destroy the socket
  if (fault?.kind === 'drop-before-apply') return void request.socket.destroy();
  if (fault?.kind === 'server-error') return sendServerError(response, fault.status, headers);
  if (fault?.kind === 'html-200') return send(response, 200, CAPTIVE_PORTAL_PAGE, 'text/html; charset=utf-8');
  if (fault?.kind === 'unauthorized') return sendJson(response, 401, INVALID_TOKEN, headers);

  const answer = route.endpoint === 'points' ? await adjustPoints(context, route, request) : read(context, route, url);
  if ('drop' in answer) return void request.socket.destroy();
  if (answer.status === 204) return void response.writeHead(204, headers).end();
  sendJson(response, answer.status, answer.body, headers);
}

function matchRoute(method: string, path: string): Route | undefined {
  if (method === 'GET') {
    if (path === '/loy/profiles.json') return { endpoint: 'list' };
    const single = /^\/loy\/profiles\/(\d{1,15})(\/tags|\/attributes)?\.json$/.exec(path);
    if (!single) return undefined;
    const endpoint = single[2] === '/tags' ? 'tags' : single[2] === '/attributes' ? 'attributes' : 'profile';
    return { endpoint, id: Number(single[1]) };
  }
  if (method === 'PUT') {
    const points = /^\/loy\/profiles\/(\d{1,15})\/points\/(add|subtract)\.json$/.exec(path);
    if (points) return { endpoint: 'points', id: Number(points[1]), direction: points[2] as PointDirection };
  }
  return undefined;
}

function read(context: SandboxContext, route: Exclude<Route, { endpoint: 'points' }>, url: URL): Answer {
  if (route.endpoint === 'list') {
    const parsed = parseListQuery(url.searchParams);
    if (!parsed.ok) return parsed;
    return { status: 200, body: { profiles: selectProfiles(context.state, parsed.query) } };
  }
  const member = findMember(context.state, route.id);
  if (!member) return NOT_FOUND;
  switch (route.endpoint) {
    case 'profile':
      return { status: 200, body: { profile: listView(member.profile) } };
    case 'tags':
      return { status: 200, body: { profile: { tags: member.tags } } };
    case 'attributes':
      return { status: 200, body: { profile: { attributes: structuredClone(member.profile.attributes ?? []) } } };
  }
}

async function adjustPoints(
  context: SandboxContext,
  route: Extract<Route, { endpoint: 'points' }>,
  request: IncomingMessage,
): Promise<Answer> {
  const text = await readBody(request);
  if (!findMember(context.state, route.id)) return NOT_FOUND;
  if (!isJsonContentType(request.headers['content-type'])) return badRequest('Content-Type must be application/json');
  const json = parseJson(text);
  if (!json) return badRequest('The request body is not valid JSON');
  const point = readPointRequest(json.value);
  if (!point.ok) return point;
  const apply = () => {
    const result = applyAdjustment(context.state, route.id, route.direction, point.adjustment, 'api');
    if (result.ok) context.persist();
    return result;
  };
  const lateBy = takeLateApply(context.faults);
  if (lateBy !== undefined) {
    // The backend got the request and works on after the connection broke: the till sees no answer.
    setTimeout(apply, lateBy);
    return { drop: true };
  }
  const result = apply();
  if (!result.ok) return result;
  const fault = takeAnswerFault(context.faults);
  if (fault?.kind === 'drop-after-apply') return { drop: true };
  if (fault?.kind === 'empty-204') return { status: 204, body: undefined };
  return { status: 200, body: fullView(result.profile) };
}

function sendServerError(response: ServerResponse, status: 500 | 502 | 503, headers: Record<string, string>) {
  if (status === 500) return sendJson(response, 500, { errors: 'Internal Server Error' }, headers);
  // 502/503 come from the proxy in front of Haravan: HTML, not JSON.
  const title = status === 502 ? '502 Bad Gateway' : '503 Service Temporarily Unavailable';
  send(response, status, htmlPage(title), 'text/html', headers);
}

function htmlPage(title: string): string {
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

const CAPTIVE_PORTAL_PAGE =
  '<!doctype html><html><head><title>Wi-Fi miễn phí</title></head><body><h1>Đăng nhập để dùng Internet</h1>' +
  '<form method="post" action="/login"><input name="phone"><button>Tiếp tục</button></form></body></html>';

function badRequest(message: string): Rejection {
  return { ok: false, status: 400, body: { errors: message } };
}
