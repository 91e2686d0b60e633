// `npm run dev:web`: the app in a plain browser, its main-process half running here in Node.
// Honours HARAVAN_API_URL (point it at `npm run sandbox` to try a "real" store connection).

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness } from './server.ts';

const portArgument = process.argv.indexOf('--port');
const port = portArgument > 0 ? Number(process.argv[portArgument + 1]) : 5180;
const harness = await startHarness({ port, dataDir: await mkdtemp(join(tmpdir(), 'loyalty-desk-web-')) });
console.log(`Loyalty Desk in the browser: ${harness.url}`);
console.log(`API: ${process.env['HARAVAN_API_URL'] ?? 'https://apis.haravan.com'} (Training mode needs no token)`);
process.on('SIGINT', () => void harness.close().then(() => process.exit(0)));
