// `npm start`: make sure Electron's binary is here (fetching it once, as Electron's own launcher would),
// build, and launch. Where the binary cannot be fetched (no internet, a blocked download), stop at once with
// what to do in plain words, rather than a downloader's stack trace.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where the electron package lives; the test points it at a folder without a binary. */
const electronPackage = process.env['LOYALTY_DESK_ELECTRON_PACKAGE'] ?? join(import.meta.dirname, '..', 'node_modules', 'electron');

const MISSING_BINARY = `
Loyalty Desk cannot start here: Electron's program is not installed, and it could not be downloaded.

  Why: npm installs Electron's package, but its program (about 100 MB) is fetched from GitHub on first start,
  and this machine could not reach it.
  To get it:
    - on a machine with internet, run \`npm start\` once (it downloads the program and keeps it), or
    - point the download at a mirror or a cache you can reach, e.g.
        ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start
      or put Electron's zip in ELECTRON_CACHE (see https://www.electronjs.org/docs/latest/tutorial/installation).
  Meanwhile the same app runs in a browser, with its main-process half in Node:
        npm run dev:web
`;

function binaryPresent(): boolean {
  return Boolean(process.env['ELECTRON_OVERRIDE_DIST_PATH']) || existsSync(join(electronPackage, 'path.txt'));
}

function fetchBinary(): boolean {
  const installer = join(electronPackage, 'install.js');
  if (!existsSync(installer)) return false;
  console.log('Fetching Electron’s program (once)…');
  // Its output is a downloader's; on failure the message below says what matters.
  return spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 10 * 60_000 }).status === 0 && binaryPresent();
}

if (!binaryPresent() && !fetchBinary()) {
  console.error(MISSING_BINARY);
  process.exit(1);
}

const built = spawnSync(process.execPath, [join(import.meta.dirname, 'build.ts'), '--quiet'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
const electronCli = join(electronPackage, 'cli.js');
const app = spawn(process.execPath, [electronCli, join(import.meta.dirname, '..')], { stdio: 'inherit' });
app.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
