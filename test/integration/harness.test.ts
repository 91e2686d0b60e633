// The browser harness serves the built renderer and nothing else: no sibling folder through an encoded
// "..", no answer to a request that names another host (DNS rebinding).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness/server.ts';

let folder: string;
let harness: Harness;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'loyalty-harness-'));
  mkdirSync(join(folder, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(folder, 'renderer', 'index.html'), '<script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(folder, 'renderer', 'assets', 'app.js'), 'console.log("app")');
  mkdirSync(join(folder, 'renderer-secret'));
  writeFileSync(join(folder, 'renderer-secret', 'token.txt'), 'secret');
  harness = await startHarness({ rendererDir: join(folder, 'renderer'), dataDir: join(folder, 'data') });
});
afterAll(async () => {
  await harness.close();
  rmSync(folder, { recursive: true, force: true });
});

/** A raw request, so that the path is sent exactly as written and the Host header can be set. */
function get(path: string, host = new URL(harness.url).host): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(harness.url);
    const outgoing = request({ host: url.hostname, port: url.port, path, headers: { host } }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

it('serves the renderer’s own files', async () => {
  expect(await get('/assets/app.js')).toEqual({ status: 200, body: 'console.log("app")' });
});

it('serves nothing outside the renderer folder, however the path is spelt', async () => {
  for (const path of ['/..%2Frenderer-secret/token.txt', '/../renderer-secret/token.txt', '/%2e%2e/renderer-secret/token.txt', '/assets/..%2F..%2Frenderer-secret/token.txt']) {
    const answer = await get(path);
    expect(answer.status, path).toBe(404);
    expect(answer.body).not.toContain('secret');
  }
});

it('answers only requests addressed to itself', async () => {
  expect((await get('/assets/app.js', 'attacker.example:80')).status).toBe(421);
  expect((await get('/assets/app.js', `localhost:${new URL(harness.url).port}`)).status).toBe(200);
});
