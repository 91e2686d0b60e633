// `npm run sandbox`: starts a sandbox store and prints how to reach it; runs until Ctrl+C.
//   node electron/sandbox/cli.ts [--port N] [--members N] [--seed N] [--bucket-size N] [--drain N]
//                                [--data-file PATH] [--admin-key KEY]
import { parseArgs } from 'node:util';
import { startSandbox, type SandboxOptions } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    members: { type: 'string' },
    seed: { type: 'string' },
    'bucket-size': { type: 'string' },
    drain: { type: 'string' },
    'data-file': { type: 'string' },
    'admin-key': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log('Usage: node electron/sandbox/cli.ts [--port N] [--members N] [--seed N] [--bucket-size N] [--drain N] [--data-file PATH] [--admin-key KEY]');
  process.exit(0);
}

const options: SandboxOptions = {
  port: numberOption('port'),
  members: numberOption('members'),
  seed: numberOption('seed'),
  bucketSize: numberOption('bucket-size'),
  drainPerSecond: numberOption('drain'),
  dataFile: values['data-file'],
  adminKey: values['admin-key'],
};

const store = await startSandbox(options);
console.log(`Haravan Loyalty sandbox listening on ${store.url}`);
console.log(`  read-write token: ${store.tokens.readWrite}`);
console.log(`  read-only token:  ${store.tokens.readOnly}`);
console.log(`  admin key:        ${store.adminKey}   (header X-Sandbox-Admin, routes under /__sandbox/)`);
console.log(`  ${store.profiles().length} members; Ctrl+C to stop.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void store.close().then(() => process.exit(0));
  });
}

function numberOption(name: keyof typeof values): number | undefined {
  const text = values[name];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (typeof text !== 'string' || text.trim() === '' || !Number.isFinite(value)) {
    console.error(`--${name} needs a number, got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return value;
}
