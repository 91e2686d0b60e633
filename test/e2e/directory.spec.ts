// The member directory end to end: once it has synced, the till finds members by phone, scanned card and
// name without diacritics even with the store unreachable, and the card says its figures are as of the
// last sync; the settings show the directory's size and state. Screens go to test/output/screens/.

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { DirectoryView, IpcResult } from '../../electron/ipc/contract.ts';
import { connectStore, expect, profileByCard, search, searchField, snap, test, type Desk } from './fixtures.ts';

const AN = '100006037101';
const OFFLINE = { timeout: 15_000 };

async function directoryStatus(desk: Desk): Promise<DirectoryView> {
  const result = (await desk.harness.desk.dispatch('getDirectoryStatus', undefined)) as IpcResult<DirectoryView>;
  if (!result.ok) throw new Error(`getDirectoryStatus: ${result.error.code}`);
  return result.value;
}

async function waitForDirectory(desk: Desk): Promise<void> {
  await expect.poll(async () => (await directoryStatus(desk)).complete, { timeout: 20_000 }).toBe(true);
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const blocking = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const described = blocking.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(described, `${screen}: serious or critical accessibility violations`).toEqual([]);
}

async function expectOfflineCard(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId('member-name')).toHaveText(name);
  await expect(page.getByTestId('offline-banner')).toContainText('Mất kết nối — số dư tính đến', OFFLINE);
}

test.describe('with the store unreachable', () => {
  test.beforeEach(async ({ page, desk }) => {
    await connectStore(page, desk);
    await waitForDirectory(desk);
    await desk.sandbox.stop();
  });

  test('finds a member by phone, by scanned card and by name without diacritics; the card says as of when', async ({ page, desk }) => {
    const member = profileByCard(desk, AN);
    const points = new Intl.NumberFormat('vi-VN').format(member.point_available);

    await search(page, '0909 977 921');
    await expectOfflineCard(page, 'Nguyễn Văn An');
    await expect(page.getByTestId('points-available')).toHaveText(points);
    await expect(page.getByTestId('status-line')).toContainText('Mất kết nối');
    await snap(page, 'directory-offline-phone');
    await expectAccessible(page, 'offline card');

    // A scanner types the card number and Enter.
    await search(page, AN);
    await expectOfflineCard(page, 'Nguyễn Văn An');
    await expect(page.getByTestId('card-number')).toHaveText(AN);

    // Whole words first: Nguyễn Văn An before Nguyễn Văn Anh.
    await search(page, 'nguyen van an');
    await expect(page.getByText('2 thành viên tên “nguyen van an”: chọn một người')).toBeVisible();
    const options = page.getByRole('listbox').getByRole('option');
    await expect(options).toHaveCount(2);
    await expect(options.nth(0)).toContainText('Nguyễn Văn An');
    await expect(options.nth(1)).toContainText('Nguyễn Văn Anh');
    await snap(page, 'directory-offline-name-pick');
    await page.keyboard.press('Enter');
    await expectOfflineCard(page, 'Nguyễn Văn An');
    await expect(searchField(page)).toBeFocused();
    await snap(page, 'directory-offline-name-card');
  });

  test('a name that matches many says to type more; no match is said per kind', async ({ page }) => {
    await search(page, 'nguyen');
    await expect(page.getByText(/thành viên tên “nguyen”: chọn một người\. Có thêm kết quả — gõ thêm tên/)).toBeVisible();
    await snap(page, 'directory-name-more');
    // Typing in the pick list goes on with the name in the search field.
    await page.keyboard.press('Escape');
    await search(page, 'nguyen van an');
    await expect(page.getByRole('listbox')).toBeFocused();
    await page.keyboard.type('h');
    await expect(searchField(page)).toHaveValue('nguyen van anh');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('member-name')).toHaveText('Nguyễn Văn Anh', OFFLINE);
    await page.keyboard.press('Escape');
    // A phone the directory lacks could not be asked of the store: not "no such member".
    await search(page, '0977 000 111');
    await expect(page.getByText('Không có trong danh bạ của quầy: 0977 000 111. Không kết nối được cửa hàng để tìm thêm, nên thành viên vẫn có thể có.')).toBeVisible();
    await expect(page.getByTestId('status-line')).toContainText('Mất kết nối');
    await snap(page, 'directory-offline-not-found');
    // Known offline now, a name or an email not found is said the same way.
    await search(page, 'khong co ai ten nay');
    await expect(page.getByText('Không có trong danh bạ của quầy: “khong co ai ten nay”. Không kết nối được cửa hàng để tìm thêm, nên thành viên vẫn có thể có.')).toBeVisible();
    await search(page, 'nobody@example.com');
    await expect(page.getByText(/^Không có trong danh bạ của quầy: nobody@example.com\./)).toBeVisible();
  });
});

test.describe('settings', () => {
  test('the directory section shows its size, its syncs and Sync now, in both languages', async ({ page, desk }) => {
    await connectStore(page, desk);
    await waitForDirectory(desk);
    const size = desk.sandbox.profiles().length;
    await page.keyboard.press('F9');
    await page.getByTestId('settings-nav-directory').click();
    const section = page.getByTestId('directory-section');
    await expect(section.getByRole('heading', { name: 'Danh bạ thành viên' })).toBeVisible();
    await expect(section.getByTestId('directory-size')).toHaveText(String(size));
    await expect(section.getByTestId('directory-phase')).toHaveText(/Đã cập nhật|Đang cập nhật/);
    await expect(section.getByRole('progressbar')).toHaveCount(0);
    await section.scrollIntoViewIfNeeded();
    await snap(page, 'directory-settings');
    await section.getByRole('button', { name: 'Đồng bộ ngay' }).focus();
    await page.keyboard.press('Enter');
    await expect(section.getByText('Đã bắt đầu đồng bộ.')).toBeVisible();
    await expectAccessible(page, 'settings with the directory');

    await page.getByTestId('settings-nav-general').click();
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByTestId('settings-nav-directory').click();
    await expect(section.getByRole('heading', { name: 'Member directory' })).toBeVisible();
    await expect(section.getByText('Last full sync')).toBeVisible();
    await expect(section.getByText('Sync started.')).toBeVisible();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await section.scrollIntoViewIfNeeded();
    await snap(page, 'directory-settings-en-1080');
    await page.keyboard.press('Escape');
    await expect(searchField(page)).toBeFocused();
  });

});

test.describe('a big shop', () => {
  test.use({ sandboxOptions: { members: 3000 } });

  test('the first sync shows its progress while it runs', async ({ page, desk }) => {
    // Slow answers: sixty pages take a while, so the first sync is still running when the settings open.
    desk.sandbox.addFault({ kind: 'latency', ms: 300 });
    await connectStore(page, desk);
    // A name not found while the first sync runs may just not be synced yet: said so, with how far it is.
    await expect.poll(async () => (await directoryStatus(desk)).progress.total, { timeout: 15_000 }).not.toBeNull();
    await search(page, 'khong co ai ten nay');
    await expect(page.getByText(/^Không có thành viên nào tên khong co ai ten nay\. Danh bạ thành viên đang đồng bộ \([\d.]+\/≈[\d.]+\) — thử lại sau hoặc tìm bằng số điện thoại\.$/)).toBeVisible();
    await snap(page, 'directory-syncing-not-found');
    await page.keyboard.press('F9');
    await page.getByTestId('settings-nav-directory').click();
    const section = page.getByTestId('directory-section');
    await expect(section.getByRole('progressbar', { name: 'Đồng bộ lần đầu' })).toBeVisible();
    // Once a few pages are in: a count, an estimated total, and soon the time left.
    await expect(section.getByTestId('directory-progress')).toHaveText(/^[1-9][\d.]*\/≈[\d.]+ thành viên/, { timeout: 15_000 });
    await expect(section.getByRole('progressbar')).toHaveAttribute('max', /\d+/);
    await section.scrollIntoViewIfNeeded();
    await snap(page, 'directory-settings-syncing');
  });
});
