// The preview and print flow end to end: the slip from the member card, printing recorded by the harness,
// save as PDF rendered by Chromium, a failed print, and a shift from opening to its report.

import { readFile } from 'node:fs/promises';
import { connectStore, expect, openMember, searchField, snap, test } from './fixtures.ts';

const AN = '100006037101';

test('F6 previews the slip, Enter prints it on the thermal printer, a PDF is saved, Esc returns', async ({ page, desk }) => {
  await connectStore(page, desk);
  await openMember(page, AN);
  await page.keyboard.press('F6');
  const dialog = page.getByRole('dialog', { name: 'Phiếu tóm tắt điểm thành viên' });
  await expect(dialog).toBeVisible();
  const slip = page.frameLocator('iframe[title="Xem trước bản in"]');
  await expect(slip.getByText('Nguyễn Văn An')).toBeVisible();
  await expect(slip.getByText('0909 *** 921')).toBeVisible();
  await snap(page, 'print-preview');
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('Đã gửi đến Xprinter XP-80C (quầy).')).toBeVisible();
  expect(desk.harness.printer.jobs.map((job) => [job.printer, job.silent, job.paper.id])).toEqual([['XP-80C', true, '80mm']]);
  expect(desk.harness.printer.jobs[0]!.html).toContain('Nguyễn Văn An');
  await dialog.getByRole('button', { name: 'Lưu PDF' }).click();
  const saved = dialog.getByText(/^Đã lưu: /);
  await expect(saved).toBeVisible();
  const file = (await saved.textContent())!.replace('Đã lưu: ', '');
  expect((await readFile(file)).subarray(0, 5).toString()).toBe('%PDF-');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(searchField(page)).toBeFocused();
});

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

test('a shift opens, takes an adjustment, and closes on its report', async ({ page, desk }) => {
  await connectStore(page, desk);
  await page.getByRole('button', { name: 'Mở ca' }).click();
  await expect(page.getByText(/^Ca mở từ/)).toBeVisible();
  await searchField(page).focus();
  await openMember(page, AN);
  await page.keyboard.press('F3');
  await page.keyboard.type('25');
  await page.keyboard.press('Enter');
  await page.keyboard.type('HD-777');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
  await expect(page.getByText(/Đã cộng 25 điểm/)).toBeVisible();
  await page.getByRole('button', { name: 'Đóng ca' }).click();
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
});
