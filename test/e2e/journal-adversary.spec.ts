// The journal's second pass, end to end: what the journal cannot decide reaches a manager in words, with a
// decision to take; a change the store applied twice is caught and taken back once; another store's changes
// left on this till are said where the cashier looks. The journal's windows are shortened (settle 600 ms).
// Screens are saved to test/output/screens/ for a person to look at.

import type { Page } from '@playwright/test';
import { startSandbox } from '../../electron/sandbox/server.ts';
import { connectStore, directorySynced, expect, openMember, PIN, profileByCard, searchField, snap, test, type Desk } from './fixtures.ts';

const AN = '100006037101';
const SETTLE_MS = 600;
const SOON = { timeout: 15_000 };

test.use({ journalTiming: { settleMs: SETTLE_MS, retryMs: 100, maxRetryMs: 500, probeMs: 300 } });

async function add(page: Page, amount: number, order: string): Promise<void> {
  await page.keyboard.press('F3');
  await expect(page.getByLabel('Số điểm cộng')).toBeFocused();
  await page.keyboard.type(String(amount));
  await page.keyboard.press('Enter');
  await page.keyboard.type(order);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Xác nhận cộng điểm' })).toBeVisible();
  await page.keyboard.press('Enter');
}

/**
 * A till that has sold before: its first applied change taught it that the shop's Haravan marks points
 * changes in updated_at, without which nothing is decided from a member's profile.
 */
async function firstSale(page: Page): Promise<void> {
  await add(page, 1, 'HD-FIRST');
  await expect(page.getByTestId('done-message')).toContainText('Đã cộng 1 điểm', SOON);
}

const apiRows = (desk: Desk, ref: string) =>
  desk.sandbox
    .ledger()
    .filter((row) => row.source === 'api' && row.ref_id === ref)
    .map((row) => [row.direction, row.value]);

test('a change the store applied twice is caught, and a manager takes back the extra one in one step', async ({ page, desk }) => {
  test.setTimeout(60_000);
  await connectStore(page, desk);
  await directorySynced(desk);
  await openMember(page, AN);
  await firstSale(page);
  // Haravan applies the first attempt only after the settle window, when the journal has sent it again.
  desk.sandbox.addFault({ kind: 'apply-late', delayMs: SETTLE_MS + 500, count: 1 });
  await add(page, 25, 'HD-TWICE');
  await expect(page.getByTestId('uncertain-notice')).toBeVisible(SOON);
  await expect(page.getByTestId('count-applied_twice')).toHaveText('Có thể bị áp dụng hai lần: 1', SOON);
  expect(apiRows(desk, 'HD-TWICE')).toEqual([
    ['add', 25],
    ['add', 25],
  ]);
  await snap(page, 'journal-applied-twice-bar');

  await page.keyboard.press('F4');
  const journal = page.getByRole('dialog', { name: 'Nhật ký thay đổi điểm' });
  await expect(journal.getByRole('tab', { name: 'Cần xử lý (1)' })).toHaveAttribute('aria-selected', 'true');
  const entry = journal.getByTestId('journal-entry');
  await expect(entry.getByTestId('entry-twice')).toContainText('Cửa hàng có thể đã áp dụng thay đổi này hai lần');
  const once = profileByCard(desk, AN).point_available - 25;
  await expect(entry.getByTestId('entry-twice')).toContainText(
    `Số dư sau khi áp dụng: ${new Intl.NumberFormat('vi-VN').format(once)}. Cửa hàng báo: ${new Intl.NumberFormat('vi-VN').format(once + 25)}.`,
  );
  await snap(page, 'journal-applied-twice-panel');
  await entry.getByRole('button', { name: 'Trừ lại lần thừa' }).click();
  await expect(entry.getByLabel('Vì sao hoàn lại (bắt buộc)')).toBeFocused();
  await page.keyboard.type('Lịch sử điểm có hai lần cộng');
  await page.keyboard.press('Enter');
  await expect(journal.getByTestId('journal-message')).toHaveText('Đang hoàn lại lần thừa.');
  await expect(page.getByTestId('count-applied_twice')).toHaveCount(0, SOON);
  await expect.poll(() => apiRows(desk, 'HD-TWICE'), SOON).toEqual([
    ['add', 25],
    ['add', 25],
    ['subtract', 25],
  ]);
  await journal.getByRole('tab', { name: 'Tất cả' }).click();
  await expect(journal.getByText('Hoàn lại lần áp dụng thừa của thay đổi cho đơn HD-TWICE.')).toBeVisible();
  await snap(page, 'journal-applied-twice-reversed');
  await page.keyboard.press('Escape');
  await expect(searchField(page)).toBeFocused();
});

test('what the journal cannot decide reaches a manager in words, with both figures', async ({ page, desk }) => {
  test.setTimeout(60_000);
  const member = profileByCard(desk, AN);
  await connectStore(page, desk);
  await directorySynced(desk);
  await openMember(page, AN);
  await firstSale(page);
  // This till's add never reaches Haravan; reads fail a while; another till adds the same points later.
  desk.sandbox.addFault({ kind: 'drop-before-apply', count: 1, on: 'write' });
  desk.sandbox.addFault({ kind: 'server-error', status: 503, count: 40, on: 'read', skip: 1 });
  await add(page, 10, 'HD-LOST');
  await expect(page.getByTestId('uncertain-notice')).toBeVisible(SOON);
  await page.waitForTimeout(2_300);
  desk.sandbox.adjustDirectly(member.id, 'add', 10, 'Quầy 2');
  desk.sandbox.clearFaults();
  await expect(page.getByTestId('count-needs_review')).toHaveText('Cần xem lại: 1', SOON);

  await page.keyboard.press('F4');
  const entry = page.getByRole('dialog', { name: 'Nhật ký thay đổi điểm' }).getByTestId('journal-entry');
  await expect(entry.getByTestId('entry-review')).toContainText('Số dư có thay đổi này, nhưng xảy ra sau lần gửi của quầy');
  await expect(entry.getByTestId('entry-figures')).toContainText('Cửa hàng báo');
  await snap(page, 'journal-needs-review-reason');
  expect(apiRows(desk, 'HD-LOST')).toEqual([]);
});

test('another store’s changes left on this till are said in the bar and the journal', async ({ page, desk }) => {
  test.setTimeout(60_000);
  await connectStore(page, desk);
  await directorySynced(desk);
  await openMember(page, AN);
  // The store answers as something else: the add is kept, waiting, and the bar says why.
  desk.sandbox.addFault({ kind: 'wrong-address' });
  await add(page, 7, 'HD-OTHER');
  await expect(page.getByTestId('journal-paused')).toContainText('địa chỉ API có trả lời nhưng không phải cửa hàng Haravan', SOON);
  await snap(page, 'journal-wrong-address');

  // The till is then connected to another store.
  const other = await startSandbox({ members: 30, seed: 7 });
  try {
    const dispatch = (channel: string, input?: unknown) => desk.harness.desk.dispatch(channel, input);
    expect((await dispatch('updateSettings', { apiUrl: other.url })).ok).toBe(true);
    expect((await dispatch('connectStore', { token: other.tokens.readWrite })).ok).toBe(true);
    const bar = page.getByTestId('other-store-waiting');
    await expect(bar).toHaveText(`1 thay đổi điểm của cửa hàng khác (${new URL(desk.sandbox.url).host}) đang chờ trên quầy này: hãy kết nối cửa hàng đó để gửi.`, SOON);
    await snap(page, 'journal-other-store-waiting');
    await page.keyboard.press('F4');
    await expect(page.getByTestId('journal-other-store')).toBeVisible();
    await page.keyboard.press('Escape');

    desk.sandbox.clearFaults();
    // Closing the journal ended the manager's unlock.
    expect((await dispatch('unlockSettings', { pin: PIN })).ok).toBe(true);
    expect((await dispatch('updateSettings', { apiUrl: desk.sandbox.url })).ok).toBe(true);
    expect((await dispatch('connectStore', { token: desk.sandbox.tokens.readWrite })).ok).toBe(true);
    await expect(bar).toHaveCount(0, SOON);
    await expect.poll(() => apiRows(desk, 'HD-OTHER'), SOON).toEqual([['add', 7]]);
    expect(other.ledger()).toEqual([]);
  } finally {
    await other.close();
  }
});
