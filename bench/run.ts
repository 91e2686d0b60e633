// `npm run bench`: prints the figures the README quotes.

import { benchScheduler } from './scheduler.ts';

const pad = (text: string, width: number) => text.padEnd(width);

console.log(`Scheduler: 400 GETs, sandbox bucket 80 draining 40/s (bound = (400 − 80) / 40 = 8.00 s)\n`);
console.log(`${pad('scenario', 36)}${pad('elapsed', 11)}${pad('bound', 9)}${pad('ratio', 8)}429s`);
for (const figures of await benchScheduler()) {
  console.log(
    `${pad(figures.scenario, 36)}${pad(`${figures.elapsedSeconds.toFixed(2)} s`, 11)}${pad(`${figures.boundSeconds.toFixed(2)} s`, 9)}` +
      `${pad(figures.ratio.toFixed(3), 8)}${figures.rateLimited} (${(figures.rateLimitedShare * 100).toFixed(1)} %)`,
  );
}
