// The app as a till keeps it running, end to end: updates read from a real feed on 127.0.0.1 and held back
// while a shift is open, the diagnostics file for support (logs without the token or a full phone), and a
// restart after a crash that comes back to the journal and says what it resumes sending.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryTokenVault } from '../../electron/connection/token-vault.ts';
import { memorySettingsStore } from '../../electron/settings/settings.ts';
import { startHarness } from '../harness/server.ts';
import { channelYaml, startFeedServer } from '../integration/updates/feed-server.ts';
import { connectStore, expect, openMember, PIN, searchField, snap, test } from './fixtures.ts';

const AN = '100006037101';

async function openProgramSettings(page: import('@playwright/test').Page) {
  await page.keyboard.press('F9');
  const dialog = page.getByRole('dialog', { name: 'Cài đặt' });
  const pin = dialog.getByLabel('Mã PIN quản lý');
  await pin.or(dialog.getByTestId('settings-nav-program')).first().waitFor();
  if (await pin.isVisible()) {
    await pin.fill(PIN);
    await page.keyboard.press('Enter');
  }
  await dialog.getByTestId('settings-nav-program').click();
  return dialog;
}

test('an update from the feed is downloaded, shown, and installed only once no shift is open', async ({ page, desk }) => {
  const feed = await startFeedServer();
  try {
    // The file the generic provider names for this platform (latest.yml on Windows, latest-linux.yml here).
    for (const file of ['latest.yml', 'latest-linux.yml']) feed.set(`/loyalty-desk/${file}`, { body: channelYaml('0.2.0') });
    await connectStore(page, desk);
    await page.getByRole('button', { name: 'Mở ca' }).click();
    await page.keyboard.type('Ngọc Hân');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('shift-open')).toContainText('Ngọc Hân');
    let dialog = await openProgramSettings(page);
    await expect(dialog.getByTestId('program-version')).toHaveText('0.1.0');
    await dialog.getByLabel('Địa chỉ cập nhật').fill(feed.url);
    await dialog.getByLabel('Cài cập nhật lúc (HH:MM)').fill('25:00');
    await dialog.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect(dialog.getByText('Nhập giờ dạng HH:MM, ví dụ 22:30, hoặc để trống.')).toBeVisible();
    await dialog.getByLabel('Cài cập nhật lúc (HH:MM)').fill('');
    await dialog.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect(dialog.getByText('Đã lưu.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Kiểm tra cập nhật' }).click();
    await expect(dialog.getByTestId('program-updates')).toHaveText('Bản 0.2.0 đã sẵn sàng để cài.');
    await expect(dialog.getByTestId('program-channel')).toHaveText('Bản phát hành');
    await expect(dialog.getByTestId('program-last-check')).not.toHaveText('chưa');
    expect(feed.requests.some((path) => /^\/loyalty-desk\/latest(-linux)?\.yml/.test(path))).toBe(true);
    // A shift is open: the update waits, and says why.
    await dialog.getByRole('button', { name: 'Khởi động lại để cập nhật' }).click();
    await expect(dialog.getByTestId('program-message')).toHaveText('Chưa được: ca đang mở: hãy đóng ca trước.');
    await snap(page, 'update-held-by-shift');
    expect(desk.harness.till.installs).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(searchField(page)).toBeFocused();
    await page.getByRole('button', { name: 'Đóng ca' }).click();
    await expect(page.getByRole('dialog', { name: 'Đóng ca? Tổng kết ca đến lúc này' })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Báo cáo cuối ca' })).toBeVisible();
    await page.keyboard.press('Escape');
    dialog = await openProgramSettings(page);
    await dialog.getByRole('button', { name: 'Khởi động lại để cập nhật' }).click();
    await expect(dialog.getByTestId('program-message')).toHaveText('Đang cài và khởi động lại…');
    expect(desk.harness.till.installs).toEqual(['0.2.0']);
  } finally {
    await feed.close();
  }
});

test('diagnostics for support: one file with the logs, versions, settings and counts, without the token or a full phone', async ({ page, desk }) => {
  await connectStore(page, desk);
  await openMember(page, '0909 977 921');
  await page.keyboard.press('F3');
  await page.keyboard.type('5');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('done-message')).toContainText('Đã cộng 5 điểm');
  await page.keyboard.press('Control+L');
  const dialog = await openProgramSettings(page);
  await dialog.getByRole('button', { name: 'Xuất thông tin hỗ trợ' }).click();
  const message = dialog.getByTestId('program-message');
  await expect(message).toHaveText(/^Đã lưu: /);
  await snap(page, 'diagnostics-exported');
  const text = await readFile((await message.textContent())!.replace('Đã lưu: ', ''), 'utf8');
  const diagnostics = JSON.parse(text) as { versions: Record<string, string>; settings: Record<string, unknown>; journalCounts: Record<string, number>; logs: { lines: string[] }[] };
  expect(diagnostics.versions['app']).toBe('0.1.0');
  expect(diagnostics.settings['tillName']).toBe('Quầy 1');
  expect(diagnostics.journalCounts['applied']).toBe(1);
  const lines = diagnostics.logs.flatMap((log) => log.lines).join('\n');
  // Every request's outcome, the journal's state changes and the screen's calls are in the log.
  expect(lines).toMatch(/\]\s+request \{"method":"PUT"/);
  expect(lines).toMatch(/\]\s+journal \{"entryId"/);
  expect(lines).toMatch(/\]\s+ipc \{"channel":"addPoints"/);
  for (const secret of [desk.sandbox.tokens.readWrite, '0909977921', '909977921', '0909 977 921']) expect(text).not.toContain(secret);
  const logFile = await readFile(desk.harness.till.log.file, 'utf8');
  expect(logFile).not.toContain(desk.sandbox.tokens.readWrite);
  expect(logFile).not.toContain('0909977921');
});

test('after a crash the till comes back to the journal it was on and says what it resumes sending', async ({ page, desk }) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'loyalty-desk-crash-'));
  const kept = { vault: memoryTokenVault(), settingsStore: memorySettingsStore({ apiUrl: desk.sandbox.url }) };
  let harness = await startHarness({ dataDir, ...kept });
  try {
    await connectStore(page, { ...desk, harness });
    await openMember(page, AN);
    // The store stops taking changes: the redemption waits in the journal.
    desk.sandbox.addFault({ kind: 'server-error', status: 503, count: 10_000, on: 'write' });
    await page.keyboard.press('F2');
    await page.keyboard.type('20');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Enter');
    await expect(page.getByTestId('uncertain-notice').or(page.getByTestId('done-message').filter({ hasText: /\S/ }))).toBeVisible({ timeout: 15_000 });
    await page.keyboard.press('F4');
    await expect(page.getByRole('dialog', { name: /Nhật ký/ })).toBeVisible();
    // The till dies with the journal open.
    await harness.close({ crashed: true });
    harness = await startHarness({ dataDir, ...kept });
    await page.goto(harness.url);
    await expect(page.getByTestId('resumed')).toHaveText(/Loyalty Desk đã khởi động lại sau một sự cố\. Không mất gì: nhật ký vẫn giữ 1 thay đổi điểm chưa xong/);
    await expect(page.getByRole('dialog', { name: /Nhật ký/ })).toBeVisible();
    await snap(page, 'resumed-after-crash');
    // Closed cleanly, the next start is an ordinary one.
    await harness.close();
    harness = await startHarness({ dataDir, ...kept });
    await page.goto(harness.url);
    await expect(searchField(page)).toBeFocused();
    await expect(page.getByTestId('resumed')).toHaveCount(0);
  } finally {
    desk.sandbox.clearFaults();
    await harness.close().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  }
});
