// The HTTP transport under the Haravan client: a fetch over node:http and node:https that knows how far each
// request got. A points change may be resent without asking the store only when it provably never left this
// machine, and that is a fact about the socket, not about an error's wording: a failure before the connection
// (and for https its TLS session) was established cannot have written a byte of the request, because Node
// writes nothing before then. Anything later may have reached the store.
//
// Writes get a connection of their own (no keep-alive): a reused idle connection that the server has
// meanwhile closed fails after the request was written, which would make an unsent change look uncertain.
// No HTTP cache exists at this layer, so a read that decides an outcome always reaches the store.

import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';

/** How far a failed request got: `before_send` means no byte of it was written. */
export type SendPhase = 'before_send' | 'after_send';

export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly phase: SendPhase;
  /** The system's error code (ECONNREFUSED, ENOTFOUND, EHOSTUNREACH…), when there was one. */
  readonly code: string | undefined;
  /** The request's signal ended it because its time was up. */
  readonly timedOut: boolean;

  constructor(phase: SendPhase, cause: unknown, timedOut: boolean) {
    const code = (cause as { code?: unknown } | undefined)?.code;
    super(`${phase === 'before_send' ? 'not sent' : 'sent, no answer'}${typeof code === 'string' ? ` (${code})` : ''}`, { cause });
    this.phase = phase;
    this.code = typeof code === 'string' ? code : undefined;
    this.timedOut = timedOut;
  }
}

export interface TransportOptions {
  /**
   * Opens the connection of a request (defaults to the agent's own). Tests pass one that fails at a chosen
   * moment, so that what the client decides is tested against the phase a real socket reports.
   */
  createConnection?: (options: RequestOptions) => Socket;
}

export type Transport = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export function createTransport(options: TransportOptions = {}): Transport {
  const agents = (keepAlive: boolean) => ({
    'http:': new HttpAgent({ keepAlive, maxSockets: 8 }),
    'https:': new HttpsAgent({ keepAlive, maxSockets: 8 }),
  });
  const pooled = agents(true);
  const single = agents(false);
  if (options.createConnection) {
    for (const agent of [...Object.values(pooled), ...Object.values(single)]) agent.createConnection = options.createConnection as never;
  }

  return (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return Promise.reject(new TransportError('before_send', new Error(`Unsupported protocol ${url.protocol}`), false));
    }
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = typeof init.body === 'string' ? init.body : undefined;
    const reusable = method === 'GET';
    const requestOptions: RequestOptions = {
      method,
      headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...(reusable ? {} : { connection: 'close' }) },
      agent: (reusable ? pooled : single)[url.protocol],
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<Response>((resolve, reject) => {
      let phase: SendPhase = 'before_send';
      let settled = false;
      const signal = init.signal ?? undefined;
      const fail = (cause: unknown) => {
        if (settled) return;
        settled = true;
        const reason = signal?.aborted ? signal.reason : cause;
        reject(new TransportError(phase, reason, (reason as { name?: unknown } | undefined)?.name === 'TimeoutError'));
      };
      const request: ClientRequest = send(url, requestOptions, (response) => {
        readAll(response)
          .then((bytes) => toResponse(response, bytes))
          .then((answer) => {
            if (settled) return;
            settled = true;
            resolve(answer);
          }, fail);
      });
      request.on('socket', (socket) => {
        // A pooled connection is open already: whatever fails from now on may follow the request's bytes.
        if (request.reusedSocket) {
          phase = 'after_send';
          return;
        }
        socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
          phase = 'after_send';
        });
      });
      request.on('error', fail);
      const abort = () => request.destroy(signal?.reason ?? new Error('aborted'));
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
      request.on('close', () => signal?.removeEventListener('abort', abort));
      request.end(body);
    });
  };
}

function readAll(response: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => resolve(Buffer.concat(chunks)));
    response.on('error', reject);
    // A connection that closes before the body is complete ends the response without 'end'.
    response.on('aborted', () => reject(new Error('The connection closed before the answer was complete')));
  });
}

const NULL_BODY = new Set([204, 205, 304]);

function toResponse(response: IncomingMessage, bytes: Buffer): Response {
  const headers = new Headers();
  for (let index = 0; index + 1 < response.rawHeaders.length; index += 2) {
    const name = response.rawHeaders[index]!;
    if (name.toLowerCase() !== 'set-cookie') headers.append(name, response.rawHeaders[index + 1]!);
  }
  const status = response.statusCode ?? 0;
  // The Response constructor accepts 200–599 only; anything else is not an answer the client can use.
  if (status < 200 || status > 599) throw new Error(`The server answered with status ${status}`);
  return new Response(NULL_BODY.has(status) ? null : new Uint8Array(bytes), { status, statusText: response.statusMessage ?? '', headers });
}
