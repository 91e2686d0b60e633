// The preview and print flow end to end: the slip from the member card, printing recorded by the harness,
// save as PDF rendered by Chromium, a failed print, and a shift from opening to its report.

import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { connectStore, expect, openMember, searchField, snap, test } from './fixtures.ts';

const AN = '100006037101';

test('F6 previews the slip, a PDF is saved, Enter prints it on the thermal printer, closes and says so', async ({ page, desk }) => {
  await connectStore(page, desk);
  await openMember(page, AN);
  await page.keyboard.press('F6');
  const dialog = page.getByRole('dialog', { name: 'Phiếu tóm tắt điểm thành viên' });
  await expect(dialog).toBeVisible();
  const slip = page.frameLocator('iframe[title="Xem trước bản in"]');
  await expect(slip.getByText('Nguyễn Văn An')).toBeVisible();
  await expect(slip.getByText('0909 *** 921')).toBeVisible();
  await snap(page, 'print-preview');
  await dialog.getByRole('button', { name: 'Lưu PDF' }).click();
  const saved = dialog.getByText(/^Đã lưu: /);
  await expect(saved).toBeVisible();
  // Saved is good news: the success colour, not the warning one.
  expect(await saved.evaluate((element) => getComputedStyle(element).color)).toBe(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--success').trim()).then(toRgb(page)));
  const file = (await saved.textContent())!.replace('Đã lưu: ', '');
  expect((await readFile(file)).subarray(0, 5).toString()).toBe('%PDF-');
  await dialog.getByRole('button', { name: /^In/ }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('notice')).toHaveText('Đã gửi đến Xprinter XP-80C (quầy).');
  await expect(page.getByTestId('notice')).toHaveClass(/success/);
  expect(desk.harness.printer.jobs.map((job) => [job.printer, job.silent, job.paper.id])).toEqual([['XP-80C', true, '80mm']]);
  expect(desk.harness.printer.jobs[0]!.html).toContain('Nguyễn Văn An');
  // The next scan lands in the search field.
  await expect(searchField(page)).toBeFocused();
  await snap(page, 'print-done');
});

/** A CSS colour as the browser computes it (rgb(…)). */
function toRgb(page: Page) {
  return (colour: string) => page.evaluate((value) => {
    const probe = document.createElement('span');
    probe.style.color = value;
    document.body.append(probe);
    const computed = getComputedStyle(probe).color;
    probe.remove();
    return computed;
  }, colour);
}

test('a printer that fails is said in plain words and changes nothing else', async ({ page, desk }) => {
  await connectStore(page, desk);
  await openMember(page, AN);
  const before = await desk.harness.desk.dispatch('listJournal', {});
  desk.harness.printer.failNext('printer_offline');
  await page.keyboard.press('F6');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog').getByRole('alert')).toHaveText('Máy in không in được: kiểm tra máy đã bật, còn giấy và đã kết nối. Không có gì khác thay đổi.');
  await snap(page, 'print-failed');
  expect(desk.harness.printer.jobs).toEqual([]);
  expect(await desk.harness.desk.dispatch('listJournal', {})).toEqual(before);
  await expect(page.getByTestId('member-name')).toHaveText('Nguyễn Văn An');
});

test('a shift opens, takes an adjustment, shows its totals before closing, and closes on its report', async ({ page, desk }) => {
  await connectStore(page, desk);
  await page.getByRole('button', { name: 'Mở ca' }).click();
  // Who opens the shift: asked first, refused when empty, named on the screen and the report.
  const opening = page.getByRole('dialog', { name: 'Mở ca' });
  await expect(opening.getByLabel('Tên của bạn (in trên báo cáo ca)')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(opening.getByRole('alert')).toHaveText('Hãy nhập tên người mở ca.');
  await page.keyboard.type('Ngọc Hân');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('shift-open')).toContainText('Ngọc Hân');
  await expect(page.getByText(/^Ca mở từ/)).toBeVisible();
  // Focus comes back to the search field: the next scan is not lost.
  await expect(searchField(page)).toBeFocused();
  await openMember(page, AN);
  await page.keyboard.press('F3');
  await page.keyboard.type('25');
  await page.keyboard.press('Enter');
  await page.keyboard.type('HD-777');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
  await expect(page.getByText(/Đã cộng 25 điểm/)).toBeVisible();
  await page.getByRole('button', { name: 'Đóng ca' }).click();
  // First the report so far, and a question; going back keeps the shift open.
  const asking = page.getByRole('dialog', { name: 'Đóng ca? Tổng kết ca đến lúc này' });
  await expect(asking).toBeVisible();
  await expect(page.frameLocator('iframe[title="Xem trước bản in"]').getByText('HD-777')).toBeVisible();
  await snap(page, 'shift-close-confirm');
  await page.keyboard.press('Escape');
  await expect(asking).toHaveCount(0);
  await expect(page.getByText(/^Ca mở từ/)).toBeVisible();
  await expect(searchField(page)).toBeFocused();
  await page.getByRole('button', { name: 'Đóng ca' }).click();
  await expect(asking).toBeVisible();
  await page.keyboard.press('Enter');
  const report = page.getByRole('dialog', { name: 'Báo cáo cuối ca' });
  await expect(report).toBeVisible();
  await expect(page.frameLocator('iframe[title="Xem trước bản in"]').getByText('HD-777')).toBeVisible();
  await snap(page, 'shift-report');
  await report.getByRole('button', { name: 'Xuất CSV' }).click();
  const saved = report.getByText(/^Đã lưu: /);
  await expect(saved).toBeVisible();
  const csv = await readFile((await saved.textContent())!.replace('Đã lưu: ', ''), 'utf8');
  expect(csv).toContain('HD-777');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Mở ca' })).toBeVisible();
  await expect(searchField(page)).toBeFocused();
});

test('in Training mode the slip is boxed with the training mark at its top and its end', async ({ page, desk }) => {
  await page.goto(desk.harness.url);
  await page.getByRole('button', { name: 'Bắt đầu chế độ tập' }).click();
  await expect(page.getByTestId('training-badge')).toBeVisible();
  await searchField(page).focus();
  await openMember(page, '0909 977 921');
  await page.keyboard.press('F6');
  const slip = page.frameLocator('iframe[title="Xem trước bản in"]');
  await expect(slip.getByText('CHẾ ĐỘ TẬP — điểm tập, không có giá trị')).toHaveCount(2);
  await snap(page, 'print-training');
});

test('printed offline, the slip shows the expected balance the screen shows, marked as expected', async ({ page, desk }) => {
  await connectStore(page, desk);
  await openMember(page, AN);
  await desk.sandbox.stop();
  await page.keyboard.press('F3');
  await page.keyboard.type('40');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Enter');
  await expect(page.getByTestId('done-message')).toContainText('Đã lưu', { timeout: 15_000 });
  const onScreen = await page.getByTestId('points-available').textContent();
  await page.keyboard.press('F6');
  const slip = page.frameLocator('iframe[title="Xem trước bản in"]');
  await expect(slip.locator('.row', { hasText: 'Điểm khả dụng (dự kiến)' })).toContainText(onScreen!);
  await expect(slip.getByText('Dự kiến: đã gồm các thay đổi đang chờ gửi đến cửa hàng.')).toBeVisible();
  await snap(page, 'print-offline-expected');
  await desk.sandbox.start();
});
