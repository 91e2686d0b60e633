// A real update feed on 127.0.0.1, as electron-builder's generic provider would publish it: the test
// decides what each path answers (a channel file, a 404, an HTML page, a slow answer) and reads what was asked.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Answer {
  status?: number;
  type?: string;
  body?: string | Buffer;
  /** Wait this long before answering (a timeout test). */
  delayMs?: number;
}

export interface FeedServer {
  /** The feed folder's address, with a trailing slash. */
  url: string;
  /** Every request's path (with its query), in order. */
  requests: string[];
  set(path: string, answer: Answer): void;
  clear(): void;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const answers = new Map<string, Answer>();
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const path = new URL(request.url ?? '/', 'http://feed').pathname;
    const answer = answers.get(path) ?? { status: 404, type: 'text/plain', body: 'Not Found' };
    const send = () => {
      response.writeHead(answer.status ?? 200, { 'content-type': answer.type ?? 'text/yaml' });
      response.end(answer.body ?? '');
    };
    if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/loyalty-desk/`,
    requests,
    set: (path, answer) => answers.set(path, answer),
    clear: () => answers.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A channel file as electron-builder writes it. */
export function channelYaml(version: string, file = `loyalty-desk-${version}-x64.exe`): string {
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${file}`,
    '    sha512: 3RMrBDbWlTUH1cYhWPNJk0tv3bMvVH6OCJ1YbYj3SDmhWv6vt5nAfMZG8kGYA9WUkU3wZyZ8vL0r9XrfO7uXbg==',
    '    size: 91234567',
    `path: ${file}`,
    'sha512: 3RMrBDbWlTUH1cYhWPNJk0tv3bMvVH6OCJ1YbYj3SDmhWv6vt5nAfMZG8kGYA9WUkU3wZyZ8vL0r9XrfO7uXbg==',
    "releaseDate: '2025-11-20T08:00:00.000Z'",
    '',
  ].join('\n');
}
