// `npm run bench`: prints the figures the README quotes. `npm run bench -- scheduler screen` runs a subset;
// `npm run bench -- tills --tills 1,5,20 --minutes 5 --scale 10 --cards 2` sets the simulation's shape.

import { parseArgs } from 'node:util';
import { benchDirectory } from './directory.ts';
import { benchJournal } from './journal.ts';
import { benchScheduler } from './scheduler.ts';
import { benchScreen } from './screen.ts';
import { benchTills, DEFAULT_TILLS } from './tills.ts';

const { values: shape, positionals: chosen } = parseArgs({
  allowPositionals: true,
  options: {
    tills: { type: 'string' },
    minutes: { type: 'string' },
    scale: { type: 'string' },
    cards: { type: 'string' },
  },
});
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

if (wanted('tills')) {
  const options = {
    ...DEFAULT_TILLS,
    ...(shape.tills ? { tills: shape.tills.split(',').map(Number) } : {}),
    ...(shape.minutes ? { minutes: Number(shape.minutes) } : {}),
    ...(shape.scale ? { scale: Number(shape.scale) } : {}),
    ...(shape.cards ? { cardsPerTillPerMinute: Number(shape.cards) } : {}),
  };
  console.log(
    `\nTills on one shop bucket (80 requests, 4/s): ${options.members.toLocaleString('en')} members, ${options.cardsPerTillPerMinute} cards a minute ` +
      `per till, ${Math.round(options.adjustShare * 100)} % followed by a points change, other apps ${options.otherAppsPerSecond}/s, round trip ` +
      `${options.roundTripMs} ms; ${options.minutes} shop minutes per row, run ${options.scale}× faster (figures in shop time)\n`,
  );
  console.log(
    `${pad('tills', 7)}${pad('cards/min', 11)}${pad('card p50 / p95', 18)}${pad('change p50 / p95', 20)}${pad('req/card', 10)}` +
      `${pad('bucket', 8)}${pad('429s', 6)}${pad('stale p95', 11)}new till: phone · directory`,
  );
  await benchTills(options, (f) => {
    const directory = f.newTill.directoryMinutes === null
      ? `${Math.round(f.newTill.directoryShare * 100)} % at the end`
      : `${f.newTill.directoryMinutes.toFixed(1)} min`;
    console.log(
      `${pad(String(f.tills), 7)}${pad(f.cardsPerMinute.toFixed(0), 11)}${pad(`${f.cardMs.median.toFixed(0)} / ${f.cardMs.p95.toFixed(0)} ms`, 18)}` +
        `${pad(`${f.changeMs.median.toFixed(0)} / ${f.changeMs.p95.toFixed(0)} ms`, 20)}${pad(f.requestsPerCard.toFixed(2), 10)}` +
        `${pad(`${Math.round(f.bucketShare * 100)} %`, 8)}${pad(String(f.tillRateLimited), 6)}${pad(`${f.staleMinutes.p95.toFixed(1)} min`, 11)}` +
        `${f.newTill.phoneLookupSeconds.toFixed(1)} s · ${directory} (${f.newTill.pagesPerMinute.toFixed(0)} pages/min)`,
    );
  });
}
