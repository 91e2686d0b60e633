// Each test gets its own sandbox store and its own browser harness (main-process handlers in this
// worker, the built renderer in Chromium), so tests never share a ledger or a connection. Helpers drive
// the screen the way a cashier does: with the keyboard.

import { test as base, expect, type Page } from '@playwright/test';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeskStatus, DirectoryView, IpcResult } from '../../electron/ipc/contract.ts';
import { startSandbox, type SandboxOptions, type SandboxStore } from '../../electron/sandbox/server.ts';
import type { Settings } from '../../electron/settings/settings.ts';
import type { JournalTiming } from '../../electron/shop/session.ts';
import { startHarness, type Harness } from '../harness/server.ts';

export interface Desk {
  harness: Harness;
  sandbox: SandboxStore;
}

export const test = base.extend<{ settings: Partial<Settings>; sandboxOptions: SandboxOptions; journalTiming: JournalTiming | undefined; desk: Desk }>({
  settings: [{}, { option: true }],
  sandboxOptions: [{ members: 60 }, { option: true }],
  journalTiming: [undefined, { option: true }],
  desk: async ({ settings, sandboxOptions, journalTiming, browser }, use) => {
    const sandbox = await startSandbox(sandboxOptions);
    const dataDir = await mkdtemp(join(tmpdir(), 'loyalty-desk-e2e-'));
    // "Save as PDF" renders in this test's Chromium, as Electron's printToPDF would.
    const renderPdf = async (job: { html: string; paper: { widthMm: number; heightMm: number | null } }) => {
      const page = await browser.newPage();
      try {
        await page.setContent(job.html);
        const height = job.paper.heightMm ? `${job.paper.heightMm}mm` : `${await page.evaluate(() => document.documentElement.scrollHeight)}px`;
        return await page.pdf({ width: `${job.paper.widthMm}mm`, height, printBackground: true });
      } finally {
        await page.close();
      }
    };
    const harness = await startHarness({ dataDir, settings: { apiUrl: sandbox.url, ...settings }, renderPdf, journalTiming });
    await use({ harness, sandbox });
    await harness.close();
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
  },
});

export { expect };

/** The manager PIN every test's store connection sets. */
export const PIN = '246813';

/** The store name every test's onboarding gives. */
export const STORE_NAME = 'Hoa Sen — Quận 1';

/**
 * Types a token, a new manager PIN twice and, while the store has no name yet, its name into the onboarding
 * form (focus on its token field), then Enter.
 */
export async function submitOnboarding(page: Page, token: string): Promise<void> {
  await page.keyboard.type(token);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PIN);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PIN);
  const storeName = page.locator('input[autocomplete=organization]');
  if ((await storeName.count()) > 0 && (await storeName.inputValue()) === '') {
    await page.keyboard.press('Tab');
    await page.keyboard.type(STORE_NAME);
  }
  await page.keyboard.press('Enter');
}

/** Connects the sandbox store through onboarding, with the keyboard: the token, then a manager PIN twice. */
export async function connectStore(page: Page, desk: Desk, token = desk.sandbox.tokens.readWrite): Promise<void> {
  await page.goto(desk.harness.url);
  await expect(page.locator('input[type=password]').first()).toBeFocused();
  await submitOnboarding(page, token);
  await expect(searchField(page)).toBeFocused();
}

/** The one search field, whatever the screen's language. */
export const searchField = (page: Page) => page.getByRole('search').getByRole('textbox');

/** Types into the search field as a person or a scanner would, then Enter. */
export async function search(page: Page, text: string): Promise<void> {
  const field = searchField(page);
  await expect(field).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Searches and waits for the member's card, so that a shortcut pressed next has a member to act on. */
export async function openMember(page: Page, text: string): Promise<void> {
  await search(page, text);
  // The search is over (a card already open would otherwise pass for the new one), and a card is shown.
  await expect(page.locator('.result-area')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('member-name')).toBeVisible();
}

/** A screenshot of the screen as it is, kept with the test output for a person to look at. */
export async function snap(page: Page, name: string): Promise<void> {
  await mkdir('test/output/screens', { recursive: true });
  await page.screenshot({ path: `test/output/screens/${name}.png` });
}

/** The profile as the sandbox holds it now. */
export function profileByCard(desk: Desk, card: string) {
  const profile = desk.sandbox.profiles().find((p) => p.profile_card_number === card);
  if (!profile) throw new Error(`no sandbox member with card ${card}`);
  return profile;
}

/** A main-process handler's answer, straight from the harness; throws on an error result. */
async function dispatch<T>(desk: Desk, channel: string): Promise<T> {
  const result = (await desk.harness.desk.dispatch(channel as never, undefined)) as IpcResult<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
  return result.value;
}

/** The desk's status as the main process holds it (health, what waits in the journal, paused or not). */
export const deskStatus = (desk: Desk) => dispatch<DeskStatus>(desk, 'getStatus');

/** The member directory's status (size, sync phase and progress). */
export const directoryStatus = (desk: Desk) => dispatch<DirectoryView>(desk, 'getDirectoryStatus');

/**
 * Waits for the member directory's first full sync, which starts in the background once a store is
 * connected: afterwards lookups can be answered from it offline, and its sync requests no longer add
 * to the sandbox's request count.
 */
export async function directorySynced(desk: Desk): Promise<void> {
  await expect.poll(async () => (await directoryStatus(desk)).complete, { timeout: 20_000 }).toBe(true);
}
