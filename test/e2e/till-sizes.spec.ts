// The till screen at the display sizes POS terminals have: every panel and dialog shows its primary
// buttons without scrolling, long lists scroll inside their own area, and the header stays on one line.

import type { Locator, Page } from '@playwright/test';
import { connectStore, directorySynced, expect, openMember, search, snap, test } from './fixtures.ts';

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

const AN = '100006037101';

/** Entirely inside the window, without scrolling anything. */
async function inReach(page: Page, button: Locator): Promise<void> {
  await expect(button).toBeVisible();
  const box = (await button.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.y, `${await button.textContent()} starts in the window`).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `${await button.textContent()} ends above the window's bottom edge`).toBeLessThanOrEqual(viewport.height);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  await expect(button).toBeInViewport({ ratio: 1 });
}

for (const size of SIZES) {
  const name = `${size.width}x${size.height}`;
  test.describe(`at ${name}`, () => {
    test.use({ viewport: size });

    test.beforeEach(async ({ page, desk }) => {
      await connectStore(page, desk);
      await directorySynced(desk);
    });

    test('the header is one line and the add and redeem panels show their buttons', async ({ page }) => {
      const header = page.locator('.app-header');
      const buttons = header.getByRole('button');
      const tops = await buttons.evaluateAll((all) => all.map((button) => Math.round(button.getBoundingClientRect().top)));
      expect(new Set(tops).size, 'header buttons on one row').toBe(1);
      await openMember(page, AN);
      await page.keyboard.press('F3');
      await expect(page.getByLabel('Số điểm cộng')).toBeFocused();
      const panel = page.locator('.adjustment-panel');
      await inReach(page, panel.getByRole('button', { name: /^Huỷ/ }));
      await inReach(page, panel.locator('button[type=submit]'));
      await snap(page, `size-${name}-add`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('F2');
      await expect(page.getByLabel('Số điểm đổi')).toBeFocused();
      await page.keyboard.type('20');
      await inReach(page, panel.getByRole('button', { name: /^Huỷ/ }));
      await inReach(page, panel.locator('button[type=submit]'));
      for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
      const confirm = page.getByRole('dialog', { name: 'Xác nhận đổi điểm' });
      await expect(confirm).toBeVisible();
      for (const button of await confirm.getByRole('button').all()) await inReach(page, button);
      await snap(page, `size-${name}-confirm`);
    });

    test('a long pick list scrolls inside its area; the window itself never scrolls', async ({ page }) => {
      await search(page, 'Nguyễn');
      await expect(page.getByRole('listbox')).toBeVisible();
      await inReach(page, page.getByRole('button', { name: 'Tìm' }));
      const area = page.locator('.result-area');
      expect(await area.evaluate((element) => getComputedStyle(element).overflowY)).toBe('auto');
      expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight)).toBe(true);
      await snap(page, `size-${name}-pick`);
    });

    test('every section of the settings shows Save and Close without scrolling', async ({ page }) => {
      await page.keyboard.press('F9');
      const dialog = page.getByRole('dialog', { name: 'Cài đặt' });
      for (const section of ['general', 'printer', 'advanced', 'pin', 'store', 'directory']) {
        await dialog.getByTestId(`settings-nav-${section}`).click();
        await inReach(page, dialog.getByRole('button', { name: 'Lưu', exact: true }));
        await inReach(page, dialog.getByRole('button', { name: /^Đóng/ }));
        if (section === 'general') await snap(page, `size-${name}-settings`);
      }
    });

    test('the journal and a slip preview show their buttons', async ({ page }) => {
      await page.keyboard.press('F4');
      const journal = page.getByRole('dialog', { name: 'Nhật ký' });
      await expect(journal).toBeVisible();
      await inReach(page, journal.getByRole('button', { name: /^Đóng/ }));
      await page.keyboard.press('Escape');
      await openMember(page, AN);
      await page.keyboard.press('F6');
      const preview = page.getByRole('dialog');
      await expect(preview).toBeVisible();
      for (const button of await preview.getByRole('button').all()) await inReach(page, button);
      await snap(page, `size-${name}-slip`);
    });
  });
}
