// stop/start (the shop goes offline and comes back on the same port), close, persistence to a data file,
// and the CLI.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/sandbox/server.ts';
import { clientFor, points } from './helpers.ts';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'sandbox-test-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

describe('stop and start', () => {
  it('goes offline, keeps its state, and comes back on the same port', async () => {
    const store = await startSandbox({ members: 15 });
    const api = clientFor(store);
    const { port, url } = store;
    expect((await api.put('/loy/profiles/360101/points/add.json', points(400))).status).toBe(200);

    await store.stop();
    await expect(fetch(`${url}/loy/profiles/360101.json`)).rejects.toThrow();
    store.adjustDirectly(360101, 'add', 100, 'Quầy khác trong lúc mất mạng');

    await store.start();
    expect([store.port, store.url]).toEqual([port, url]);
    const answer = await api.get('/loy/profiles/360101.json');
    expect(answer.body.profile.point_available).toBe(6600);
    expect(store.ledger().map((entry) => entry.source)).toEqual(['api', 'direct']);

    await store.start(); // already listening: no-op
    await store.close();
    await expect(fetch(`${url}/loy/profiles/360101.json`)).rejects.toThrow();
    await expect(store.start()).rejects.toThrow(/closed/);
  });

  it('drops hung requests when it stops', async () => {
    const store = await startSandbox({ members: 15 });
    store.addFault({ kind: 'hang', count: 1 });
    const hung = clientFor(store).fetch('/loy/profiles/360101.json');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await store.stop();
    await expect(hung).rejects.toThrow();
    await store.close();
  });
});

describe('persistence', () => {
  it('creates the data file, saves every mutation, and loads it back instead of seeding', async () => {
    const dataFile = join(directory, 'nested', 'training.json');
    const first = await startSandbox({ members: 25, seed: 9, dataFile });
    const onDisk = JSON.parse(await readFile(dataFile, 'utf8'));
    expect(onDisk).toMatchObject({ format: 'loyalty-desk-sandbox', version: 1, seed: 9 });
    expect(onDisk.members).toHaveLength(25);

    const api = clientFor(first);
    expect((await api.put('/loy/profiles/360101/points/subtract.json', points(100, 'Đổi quà', 'A1'))).status).toBe(200);
    await expect.poll(async () => JSON.parse(await readFile(dataFile, 'utf8')).ledger.length, { timeout: 2000 }).toBe(1);

    first.updateProfile(360108, { first_name: 'Khách lẻ' });
    first.adjustDirectly(360102, 'add', 50, 'Quầy 2');
    const expected = { profiles: first.profiles(), ledger: first.ledger(), tags: first.tags(360110) };
    await first.close();

    const second = await startSandbox({ members: 5, seed: 1, dataFile });
    expect(second.profiles()).toEqual(expected.profiles);
    expect(second.ledger()).toEqual(expected.ledger);
    expect(second.tags(360110)).toBe(expected.tags);
    expect(second.profile(360101)!.point_available).toBe(6000);

    // updated_at stays strictly increasing across restarts
    const lastStamp = expected.ledger.at(-1)!.at;
    const updated = clientFor(second);
    const answer = await updated.put('/loy/profiles/360103/points/add.json', points(1));
    expect(answer.body.updated_at > lastStamp).toBe(true);
    expect(second.ledger().at(-1)!.seq).toBe(3);
    await second.close();

    expect(JSON.parse(await readFile(dataFile, 'utf8')).ledger).toHaveLength(3);
    expect(await readdir(join(directory, 'nested'))).toEqual(['training.json']); // no temp files left
  });

  it('refuses a file that is not a sandbox data file rather than overwriting it', async () => {
    const dataFile = join(directory, 'other.json');
    await writeFile(dataFile, '{"hello": "world"}');
    await expect(startSandbox({ dataFile })).rejects.toThrow(/not a sandbox data file/);
    expect(await readFile(dataFile, 'utf8')).toBe('{"hello": "world"}');
  });
});

describe('cli', () => {
  it('starts a store and prints its url, tokens and admin key', async () => {
    const root = resolve(fileURLToPath(import.meta.url), '../../../..');
    const node = Number(process.versions.node.split('.')[0]) >= 22 ? process.execPath : join(root, 'node_modules/.bin/node');
    const child = spawn(node, [join(root, 'electron/sandbox/cli.ts'), '--members', '20', '--bucket-size', '7'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      child.stdout.setEncoding('utf8');
      await new Promise<void>((done, fail) => {
        child.stdout.on('data', (chunk: string) => {
          output += chunk;
          if (output.includes('Ctrl+C')) done();
        });
        child.once('exit', (code) => fail(new Error(`cli exited with ${code}: ${output}`)));
      });
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
      const readOnly = /read-only token:\s+(\S+)/.exec(output)![1]!;
      const adminKey = /admin key:\s+(\S+)/.exec(output)![1]!;
      expect(output).toContain('20 members');
      const response = await fetch(`${url}/loy/profiles.json?limit=1`, { headers: { Authorization: `Bearer ${readOnly}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-haravan-api-call-limit')).toBe('1/7');
      const stats = await fetch(`${url}/__sandbox/stats`, { headers: { 'X-Sandbox-Admin': adminKey } });
      expect(await stats.json()).toEqual({ requests: 1, byEndpoint: { list: 1 }, rejected429: 0, peakLevel: 1 });
    } finally {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGINT');
      await exited;
    }
  });
});
