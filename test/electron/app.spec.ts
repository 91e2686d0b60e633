// The built app in real Electron: main process, preload and renderer together. Needs the Electron
// binary, which `npm install` downloads; where it is missing (no download possible) every test here
// is reported as skipped. The binary is located from node_modules/electron/path.txt directly,
// because requiring the `electron` package would try to download it.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { CHANNEL_NAMES } from '../../electron/ipc/contract.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const mainBundle = join(repoRoot, 'dist/electron/main/index.js');
const electronBinary = findElectronBinary();

let app: ElectronApplication;
let page: Page;
let dataHome: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  if ('missing' in electronBinary) {
    const reason = `Electron binary not installed here (${electronBinary.missing}): real-Electron tests skipped`;
    console.log(reason);
    test.skip(true, reason);
    return;
  }
  for (const built of [mainBundle, join(repoRoot, 'dist/electron/preload/index.cjs'), join(repoRoot, 'dist/renderer/index.html')]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: build first (node_modules/.bin/node scripts/build.ts)`);
  }
  // A data folder of its own: appData is XDG_CONFIG_HOME on Linux, APPDATA on Windows, under HOME on
  // macOS (HOME is left alone elsewhere: X11 finds its authority file there).
  dataHome = mkdtempSync(join(tmpdir(), 'loyalty-desk-electron-'));
  const dataEnv = { XDG_CONFIG_HOME: dataHome, APPDATA: dataHome, ...(process.platform === 'darwin' ? { HOME: dataHome } : {}) };
  app = await electron.launch({
    executablePath: electronBinary.path,
    // Chromium refuses to start as root (containers) with its OS sandbox on.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), mainBundle],
    env: { ...process.env, ...dataEnv },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (dataHome) rmSync(dataHome, { recursive: true, force: true });
});

test('the window is titled Loyalty Desk', async () => {
  await expect(page).toHaveTitle('Loyalty Desk');
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((window) => window.getTitle()))).toEqual(['Loyalty Desk']);
});

test('the page gets exactly one function per contract channel, and no Node', async () => {
  const exposed = await page.evaluate(() => {
    const api = (window as unknown as { loyaltyDesk: Record<string, unknown> }).loyaltyDesk;
    return {
      names: Object.keys(api).sort(),
      allFunctions: Object.values(api).every((value) => typeof value === 'function'),
      // contextBridge hands the page a frozen copy.
      frozen: Object.isFrozen(api),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    };
  });
  expect(exposed).toEqual({ names: [...CHANNEL_NAMES].sort(), allFunctions: true, frozen: true, require: 'undefined', process: 'undefined' });
});

test('the page cannot navigate away', async () => {
  const before = page.url();
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
});

test('Training mode: a sample member is found by phone', async () => {
  await page.getByRole('button', { name: 'Bắt đầu chế độ tập' }).click();
  await expect(page.getByText('CHẾ ĐỘ TẬP — điểm không có thật')).toBeVisible();
  const search = page.getByLabel('Số điện thoại');
  await search.fill('0909 977 921');
  await search.press('Enter');
  await expect(page.locator('.members li').first()).toContainText('Điểm khả dụng');
});

function findElectronBinary(): { path: string } | { missing: string } {
  const pathFile = join(repoRoot, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return { missing: 'node_modules/electron/path.txt does not exist' };
  const binary = join(repoRoot, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist` };
}
