// A till's replay in its own process, for the crash, chaos and multi-till tests: opens a journal file,
// drains it into a store over HTTP until nothing is left that the replayer can do by itself (entries a
// manager must look at stay), and prints one JSON line with the journal's counts. Prints "ready" once the
// journal is open, so a test can time its SIGKILL into the replay itself.
//
//   node test/journal/replay-child.ts --journal FILE --url URL --token TOKEN
//     [--till NAME] [--settle-ms 250] [--drain-per-second 4] [--concurrency 4] [--wall-clock-offset-ms 0]

import { parseArgs } from 'node:util';
import { createHaravanClient } from '../../electron/haravan/client.ts';
import { createScheduler } from '../../electron/haravan/scheduler.ts';
import { openJournal } from '../../electron/journal/journal.ts';
import { createReplayer } from '../../electron/journal/replay.ts';

const { values } = parseArgs({
  options: {
    journal: { type: 'string' },
    url: { type: 'string' },
    token: { type: 'string' },
    till: { type: 'string', default: 'Quầy thử' },
    'settle-ms': { type: 'string', default: '250' },
    'drain-per-second': { type: 'string', default: '4' },
    concurrency: { type: 'string', default: '4' },
    'wall-clock-offset-ms': { type: 'string', default: '0' },
  },
});
if (!values.journal || !values.url || !values.token) {
  console.error('usage: replay-child.ts --journal FILE --url URL --token TOKEN');
  process.exit(2);
}

// This till's wall clock set wrong (by days, either way): it must decide nothing.
const offset = Number(values['wall-clock-offset-ms']);
const journal = openJournal(values.journal, { till: values.till, wallClock: () => Date.now() + offset });
process.stdout.write('ready\n');

const client = createHaravanClient({
  token: values.token,
  baseURL: values.url,
  scheduler: createScheduler({ drainPerSecond: Number(values['drain-per-second']) }),
  retry: { backoffMs: 20 },
  timeoutMs: 5_000,
});
const replayer = createReplayer({
  journal,
  client,
  settleMs: Number(values['settle-ms']),
  concurrency: Number(values.concurrency),
});

while (journal.membersToReplay().length > 0 || journal.duplicateChecksDue().length > 0) {
  const report = await replayer.drain();
  if (report.stoppedBecause === 'paused') {
    console.error('replay-child: sending is paused:', journal.sendingPausedBy()?.message);
    process.exit(3);
  }
  // Left for later (a settle window, the store briefly unreachable): wait a little.
  const wait = Math.min(report.nextInMs ?? 50, report.retryLater || report.stoppedBecause ? 50 : 1_000);
  if (report.retryLater || report.stoppedBecause || report.nextInMs !== undefined) await new Promise((resolve) => setTimeout(resolve, Math.max(5, wait)));
}

client.close();
process.stdout.write(`${JSON.stringify({ counts: journal.counts() })}\n`);
journal.close();
