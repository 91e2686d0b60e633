// The scanner always lands: a scan is told from typing and is a new search wherever focus is (the points
// field, the confirm step), focus comes back to the search field after every action, a new query right
// after a change is searched, and F2 or F3 that cannot act says why. Pasted amounts are taken as a person
// means them.

import type { Page } from '@playwright/test';
import { connectStore, directorySynced, expect, openMember, profileByCard, search, searchField, snap, test, type Desk } from './fixtures.ts';

const AN = '100006037101';
const RICH = '100006037110';
const NO_POINTS = '100006037109';
/** A person types a key every 120 ms or so; a scanner types a whole number in a few milliseconds. */
const PERSON = { delay: 120 };

async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

/** An's card open, 20 points typed to redeem, and the confirm step up. */
async function toConfirmStep(page: Page) {
  await openMember(page, AN);
  await page.keyboard.press('F2');
  await page.keyboard.type('20', PERSON);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Xác nhận đổi điểm' });
  await expect(confirm).toBeVisible();
  return confirm;
}

const ledgerOf = (desk: Desk, card: string) => desk.sandbox.ledger().filter((entry) => entry.profileId === profileByCard(desk, card).id && entry.source === 'api');

test.beforeEach(async ({ page, desk }) => {
  await connectStore(page, desk);
  await directorySynced(desk);
});

test('a card scanned into the points field opens that card; the panel is left and nothing is sent', async ({ page, desk }) => {
  await openMember(page, AN);
  await page.keyboard.press('F3');
  const points = page.getByLabel('Số điểm cộng');
  await expect(points).toBeFocused();
  await page.keyboard.type('5', PERSON);
  await scan(page, RICH);
  await expect(page.getByTestId('member-name')).toHaveText('Bùi Ngọc Trâm');
  await expect(page.locator('.adjustment-panel')).toHaveCount(0);
  await expect(searchField(page)).toHaveValue(RICH);
  await expect(searchField(page)).toBeFocused();
  await snap(page, 'scan-mid-panel');
  expect(ledgerOf(desk, AN)).toEqual([]);
});

test('a phone scanned while the confirm step is up is a new search, never a confirmation', async ({ page, desk }) => {
  const confirm = await toConfirmStep(page);
  await scan(page, profileByCard(desk, RICH).phone);
  await expect(confirm).toHaveCount(0);
  await expect(page.getByTestId('member-name')).toHaveText('Bùi Ngọc Trâm');
  await expect(page.getByTestId('notice')).toHaveText('Vừa quét mã nên đã tìm mới: lệnh đổi điểm đang nhập CHƯA được gửi.');
  expect(ledgerOf(desk, AN)).toEqual([]);
});

test('a scanner too slow to be told from typing still never confirms a change', async ({ page, desk }) => {
  const confirm = await toConfirmStep(page);
  // 60 ms a key: slower than a scan, faster than a person; its Enter comes right after the last digit.
  await page.keyboard.type('0868246810', { delay: 60 });
  await page.keyboard.press('Enter');
  await expect(confirm).toBeVisible();
  expect(ledgerOf(desk, AN)).toEqual([]);
  // A deliberate Enter still confirms.
  await page.waitForTimeout(500);
  await page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect.poll(() => ledgerOf(desk, AN).length).toBe(1);
});

test('digits typed by a person into the points field stay there', async ({ page }) => {
  await openMember(page, AN);
  await page.keyboard.press('F3');
  await page.keyboard.type('100000', PERSON);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Số điểm cộng')).toHaveValue('100000');
  await expect(page.getByLabel('Mã đơn hàng (không bắt buộc)')).toBeFocused();
});

test('a click on empty space, and the end of every action, give focus back to the search field', async ({ page }) => {
  await openMember(page, AN);
  await page.locator('.member-card h2').click();
  await expect(searchField(page)).toBeFocused();
  await page.mouse.click(1000, 760);
  await expect(searchField(page)).toBeFocused();
  await scan(page, RICH);
  await expect(page.getByTestId('member-name')).toHaveText('Bùi Ngọc Trâm');
});

test('a new search typed right after a change is searched, a repeated Enter is not', async ({ page }) => {
  await openMember(page, AN);
  await page.keyboard.press('F3');
  await page.keyboard.type('5');
  // Points, order, reason, then the confirm step.
  for (let i = 0; i < 4; i++) await page.keyboard.press('Enter');
  await expect(page.getByTestId('done-message')).toContainText('Đã cộng 5 điểm');
  // The double press: the same query, within the guard — the confirmation stays.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('done-message')).toContainText('Đã cộng 5 điểm');
  // A new query at once is searched.
  await page.keyboard.press('Control+A');
  await scan(page, RICH);
  await expect(page.getByTestId('member-name')).toHaveText('Bùi Ngọc Trâm');
});

test('F2 with no member open, or on a member with no points, says why', async ({ page }) => {
  await page.keyboard.press('F2');
  await expect(page.getByTestId('notice')).toHaveText(
    'Hãy mở một thành viên trước: nhập hoặc quét số điện thoại hay số thẻ, rồi F2 để đổi điểm, F3 để cộng điểm.',
  );
  await openMember(page, NO_POINTS);
  await page.keyboard.press('F2');
  await expect(page.getByTestId('notice')).toHaveText('Đặng Thị Thu chưa có điểm để đổi. F3 để cộng điểm.');
  await expect(page.locator('.adjustment-panel')).toHaveCount(0);
  await snap(page, 'explain-no-points');
  await page.keyboard.press('F3');
  await expect(page.getByLabel('Số điểm cộng')).toBeFocused();
  await expect(page.getByTestId('notice')).toHaveText('');
});

test('pasted amounts are taken as meant, a minus sign is kept in view with the reason', async ({ page }) => {
  await openMember(page, AN);
  await page.keyboard.press('F2');
  const points = page.getByLabel('Số điểm đổi');
  await page.keyboard.insertText(' 200 ');
  await expect(page.getByTestId('balance-after')).toHaveText('5.900 điểm');
  await expect(page.getByText('Số dư sau đó', { exact: true })).toBeVisible();
  await points.fill('');
  await page.keyboard.insertText('1.000');
  await expect(page.getByTestId('balance-after')).toHaveText('5.100 điểm');
  await points.fill('');
  await page.keyboard.type('-5', PERSON);
  await expect(points).toHaveValue('-5');
  await expect(page.getByText('Nhập số điểm không có dấu trừ: muốn trừ điểm thì dùng Đổi điểm (F2).')).toBeVisible();
  await snap(page, 'points-minus');
  await page.keyboard.press('Enter');
  await expect(points).toBeFocused();
});

test('searching by typing a person’s way still works everywhere', async ({ page }) => {
  await search(page, 'Bùi Ngọc');
  await expect(page.getByTestId('member-name')).toHaveText('Bùi Ngọc Trâm');
});
