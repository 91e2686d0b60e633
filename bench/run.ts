// `npm run bench`: prints the figures the README quotes. `npm run bench -- scheduler screen` runs a subset.

import { benchDirectory } from './directory.ts';
import { benchJournal } from './journal.ts';
import { benchScheduler } from './scheduler.ts';
import { benchScreen } from './screen.ts';

const chosen = process.argv.slice(2);
const wanted = (name: string) => chosen.length === 0 || chosen.includes(name);
const pad = (text: string, width: number) => text.padEnd(width);
const ms = (value: number) => `${value.toFixed(1)} ms`;

if (wanted('scheduler')) {
  console.log(`\nScheduler: 400 GETs, sandbox bucket 80 draining 40/s (bound = (400 − 80) / 40 = 8.00 s)\n`);
  console.log(`${pad('scenario', 36)}${pad('elapsed', 11)}${pad('bound', 9)}${pad('ratio', 8)}429s`);
  for (const figures of await benchScheduler()) {
    console.log(
      `${pad(figures.scenario, 36)}${pad(`${figures.elapsedSeconds.toFixed(2)} s`, 11)}${pad(`${figures.boundSeconds.toFixed(2)} s`, 9)}` +
        `${pad(figures.ratio.toFixed(3), 8)}${figures.rateLimited} (${(figures.rateLimitedShare * 100).toFixed(1)} %)`,
    );
  }
}

if (wanted('screen')) {
  const figures = await benchScreen();
  console.log(`\nCashier screen in Chromium through the harness, sandbox without added latency (${figures.enterToCard.runs} runs each)\n`);
  console.log(`${pad('', 28)}${pad('median', 11)}${pad('p95', 11)}max`);
  for (const [name, summary] of [['Enter → member card', figures.enterToCard], ['Confirm → new balance', figures.confirmToBalance]] as const) {
    console.log(`${pad(name, 28)}${pad(ms(summary.median), 11)}${pad(ms(summary.p95), 11)}${ms(summary.max)}`);
  }
}

if (wanted('journal')) {
  const j = await benchJournal();
  console.log(`\nJournal: ${j.entries} pending adjustments over ${j.members} members, bucket 80 draining 40/s — ${j.sqlite}\n`);
  console.log(`  record (synchronous = FULL)  median ${j.recordMedianMicros.toFixed(0)} µs, p95 ${j.recordP95Micros.toFixed(0)} µs`);
  console.log(`  drain                        ${j.elapsedSeconds.toFixed(2)} s for ${j.requests} requests (bound ${j.boundSeconds.toFixed(2)} s, ratio ${j.ratio.toFixed(3)})`);
  console.log(`  429s                         ${j.rateLimited}`);
  console.log(`  requests per entry           ${j.requestsPerEntry.toFixed(2)}`);
  console.log(`  peak memory                  ${j.peakRssMegabytes.toFixed(0)} MB RSS`);
}

if (wanted('directory')) {
  const d = await benchDirectory();
  const i = d.initial;
  console.log(`\nDirectory: ${d.members.toLocaleString('en')} members, bucket ${d.bucket} draining ${d.drainPerSecond}/s\n`);
  console.log(`  initial sync     ${i.elapsedSeconds.toFixed(2)} s for ${i.pages} pages (bound ${i.boundSeconds.toFixed(2)} s, ratio ${i.ratio.toFixed(3)}), ${i.rateLimited} 429s, main thread busy ${(i.mainThreadBusy * 100).toFixed(0)} %`);
  console.log(`  incremental      ${d.incremental.changes} changes in ${d.incremental.elapsedSeconds.toFixed(2)} s, ${d.incremental.requests} requests`);
  for (const lookup of d.lookups) {
    console.log(`  lookup ${pad(lookup.kind, 18)}median ${lookup.medianMs.toFixed(3)} ms, p99 ${lookup.p99Ms.toFixed(3)} ms (${lookup.lookups} lookups)`);
  }
  console.log(`  database         ${(d.databaseBytes / 1e6).toFixed(1)} MB on disk; peak memory ${(d.peakRssBytes / 1e6).toFixed(0)} MB RSS`);
}
