// The cashier's screen in Chromium through the browser harness, against a local sandbox store with no
// added latency: time from Enter in the search field to the member card rendered, and from Confirm to
// the new balance rendered, over 50 runs each. Measured inside the page (performance.now), so it covers
// IPC over loopback, the main-process handlers, the HTTP round trips to the store and the render.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startSandbox } from '../electron/sandbox/server.ts';
import { startHarness } from '../test/harness/server.ts';
import { summarize, type Summary } from './stats.ts';

const RUNS = 50;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface ScreenFigures {
  enterToCard: Summary;
  confirmToBalance: Summary;
}

/** Types the query, presses Enter and waits until the card shows this member's balance. */
function timeLookup(page: Page, query: string, expectedPoints: string): Promise<number> {
  return page.evaluate(
    ([text, points]) =>
      new Promise<number>((resolve) => {
        const field = document.querySelector<HTMLInputElement>('[role=search] input')!;
        field.value = text!;
        field.dispatchEvent(new Event('input', { bubbles: true }));
        const started = performance.now();
        field.form!.requestSubmit();
        const check = () => {
          const shown = document.querySelector('[data-testid=points-available]')?.textContent;
          if (shown === points) resolve(performance.now() - started);
          else requestAnimationFrame(check);
        };
        check();
      }),
    [query, expectedPoints],
  );
}

/** With the confirm step open, presses Confirm and waits for the new balance on the card. */
function timeConfirm(page: Page, expectedPoints: string): Promise<number> {
  return page.evaluate(
    (points) =>
      new Promise<number>((resolve) => {
        const confirm = document.querySelector<HTMLButtonElement>('dialog[open] button:not(.secondary)')!;
        const started = performance.now();
        confirm.click();
        const check = () => {
          const shown = document.querySelector('[data-testid=points-available]')?.textContent;
          if (shown === points) resolve(performance.now() - started);
          else requestAnimationFrame(check);
        };
        check();
      }),
    expectedPoints,
  );
}

export async function benchScreen(): Promise<ScreenFigures> {
  const sandbox = await startSandbox({ members: 200, bucketSize: 1_000_000, drainPerSecond: 1_000_000 });
  const dataDir = await mkdtemp(join(tmpdir(), 'loyalty-desk-bench-'));
  const harness = await startHarness({ dataDir, settings: { apiUrl: sandbox.url } });
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const format = (value: number) => new Intl.NumberFormat('vi-VN').format(value);
    await page.goto(harness.url);
    await page.locator('input[type=password]').fill(sandbox.tokens.readWrite);
    await page.keyboard.press('Enter');
    await page.getByRole('search').getByRole('textbox').waitFor();

    // Members alone on their phone, so that Enter opens a card rather than a pick list.
    const phones = sandbox.profiles().map((p) => p.phone);
    const members = sandbox
      .profiles()
      .filter((p) => p.status === 'enabled' && /^0\d{9}$/.test(p.phone) && phones.indexOf(p.phone) === phones.lastIndexOf(p.phone))
      .slice(0, 10);
    const enterToCard: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const member = members[run % members.length]!;
      // A different member each time, so each run waits for a new card.
      enterToCard.push(await timeLookup(page, member.phone, format(sandbox.profile(member.id)!.point_available)));
    }

    const rich = sandbox.profiles().find((p) => p.profile_card_number === '100006037111')!;
    await timeLookup(page, rich.phone, format(rich.point_available));
    const confirmToBalance: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const before = sandbox.profile(rich.id)!.point_available;
      await page.keyboard.press('F2');
      await page.keyboard.type('1');
      for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
      await page.locator('dialog[open]').waitFor();
      confirmToBalance.push(await timeConfirm(page, format(before - 1)));
    }
    return { enterToCard: summarize(enterToCard), confirmToBalance: summarize(confirmToBalance) };
  } finally {
    await browser.close();
    await harness.close();
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
