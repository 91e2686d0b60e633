// Runs a directory's sync in a process of its own, as the app would, so that a test can kill it with
// SIGKILL mid-way and start it again. Prints one JSON line when it starts and one when the sync is done.
//   node test/directory/sync-child.ts --db FILE --url SANDBOX_URL --token TOKEN --shop SHOP --drain N
import { parseArgs } from 'node:util';
import { createDirectory } from '../../electron/directory/directory.ts';
import { openDirectoryDatabase } from '../../electron/directory/schema.ts';
import { createHaravanClient } from '../../electron/haravan/client.ts';
import { createScheduler } from '../../electron/haravan/scheduler.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    url: { type: 'string' },
    token: { type: 'string' },
    shop: { type: 'string' },
    drain: { type: 'string', default: '4' },
  },
});
const { db: file, url, token, shop } = values;
if (!file || !url || !token || !shop) {
  console.error('Usage: node test/directory/sync-child.ts --db FILE --url SANDBOX_URL --token TOKEN --shop SHOP [--drain N]');
  process.exit(2);
}

const db = openDirectoryDatabase(file);
const directory = createDirectory(db);
const client = createHaravanClient({ token, baseURL: url, scheduler: createScheduler({ drainPerSecond: Number(values.drain) }) });
console.log(JSON.stringify({ started: directory.status(shop).progress.synced }));

const sync = directory.createSync(shop, client);
const report = await sync.syncNow();
await sync.stop();
client.close();
db.close();
console.log(JSON.stringify({ done: report }));
