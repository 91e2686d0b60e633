// `npm run bench`: prints the figures the README quotes. `npm run bench -- scheduler screen` runs a subset.

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
