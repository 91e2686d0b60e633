// `npm start` where Electron's program is missing and cannot be fetched: a short message in plain words —
// why, how to get it, and `npm run dev:web` meanwhile — quickly, and no downloader's stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** An electron package without its program, whose installer fails as it does offline. */
function electronWithoutBinary(): string {
  const folder = mkdtempSync(join(tmpdir(), 'loyalty-desk-electron-'));
  folders.push(folder);
  writeFileSync(join(folder, 'install.js'), "throw new TypeError('fetch failed');\n");
  return folder;
}

function start(electronPackage: string) {
  const startedAt = performance.now();
  const run = spawnSync(process.execPath, ['scripts/start.ts'], {
    env: { ...process.env, LOYALTY_DESK_ELECTRON_PACKAGE: electronPackage, ELECTRON_OVERRIDE_DIST_PATH: '' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { ...run, seconds: (performance.now() - startedAt) / 1000, output: `${run.stdout}${run.stderr}` };
}

it('says why, how to get the program, and that dev:web runs the same app; no stack trace', () => {
  const run = start(electronWithoutBinary());
  expect(run.status).toBe(1);
  expect(run.output).toContain("Loyalty Desk cannot start here: Electron's program is not installed");
  expect(run.output).toContain('ELECTRON_MIRROR=');
  expect(run.output).toContain('npm run dev:web');
  expect(run.output).not.toMatch(/TypeError|fetch failed|^\s+at /m);
  expect(run.output.split('\n').length).toBeLessThan(20);
  expect(run.seconds).toBeLessThan(15);
});
