// Points as money at the till, end to end with the keyboard: the balance in đồng, a redemption typed as a
// discount, points earned from a bill, no purchase points where Haravan records the sales, a manager's
// reversal that reaches the store exactly once, the day's members one key away, and the last slip again.

import type { Page } from '@playwright/test';
import { connectStore, directorySynced, expect, openMember, PIN, profileByCard, searchField, snap, test, type Desk } from './fixtures.ts';

const AN = '100006037101';
const MAI = '100006037102';
const NBSP = '\u00a0';
const dong = (text: string) => text.replace(/ ₫/g, `${NBSP}₫`);
const points = (value: number) => new Intl.NumberFormat('vi-VN').format(value);

const apiLedger = (desk: Desk, memberId: number) =>
  desk.sandbox
    .ledger()
    .filter((entry) => entry.profileId === memberId && entry.source === 'api')
    .map((entry) => [entry.direction, entry.value, entry.ref_id]);

async function connected(page: Page, desk: Desk): Promise<void> {
  await connectStore(page, desk);
  await directorySynced(desk);
}

test('a redemption typed as a discount in đồng: rounding said, both figures confirmed, one subtraction, the money on the slip', async ({ page, desk }) => {
  const member = profileByCard(desk, AN);
  await connected(page, desk);
  await openMember(page, AN);
  await expect(page.getByTestId('points-money')).toHaveText(dong(`≈ ${points(member.point_available)}.000 ₫`));
  await page.keyboard.press('F2');
  await expect(page.getByLabel('Số điểm đổi')).toBeFocused();
  // One Tab away from the points field.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Hoặc số tiền giảm (đồng)')).toBeFocused();
  await page.keyboard.type('100.500');
  await expect(page.getByLabel('Số điểm đổi')).toHaveValue('100');
  await expect(page.getByTestId('money-explained')).toHaveText(
    dong('= 100 điểm, giảm 100.000 ₫ trên hoá đơn. Làm tròn xuống: 500 ₫ còn lại chưa đủ một điểm (1.000 ₫) nên không được giảm.'),
  );
  await snap(page, 'redeem-by-amount');
  await page.keyboard.press('Enter');
  await page.keyboard.type('HD-5001');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Xác nhận đổi điểm' });
  await expect(confirm.getByTestId('confirm-points')).toContainText('−100');
  await expect(confirm.getByTestId('confirm-money')).toHaveText(dong('= giảm 100.000 ₫ trên hoá đơn'));
  await snap(page, 'redeem-by-amount-confirm');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('done-message')).toHaveText(
    dong(`Đã đổi 100 điểm. Còn ${points(member.point_available - 100)} điểm. Giảm 100.000 ₫ trên hoá đơn. F6 in phiếu.`),
  );
  expect(apiLedger(desk, member.id)).toEqual([['subtract', 100, 'HD-5001']]);
  // The card lists it; the slip prints the money value of what was redeemed.
  await expect(page.getByTestId('till-change').first()).toContainText(dong('giảm 100.000 ₫'));
  await page.keyboard.press('F6');
  const slip = page.frameLocator('iframe[title="Xem trước bản in"]');
  await expect(slip.getByText(dong('100.000 ₫')).first()).toBeVisible();
  await snap(page, 'redeem-by-amount-slip');
});

test('"use the most" and a discount beyond the balance: never more than the member has', async ({ page, desk }) => {
  const member = profileByCard(desk, AN);
  await connected(page, desk);
  await openMember(page, AN);
  await page.keyboard.press('F2');
  await page.getByLabel('Hoặc số tiền giảm (đồng)').fill('99.000.000');
  await expect(page.getByTestId('money-explained')).toHaveText(dong(`Điểm của thành viên giảm được nhiều nhất ${points(member.point_available)}.000 ₫: bấm “Dùng tối đa”.`));
  await expect(page.getByLabel('Số điểm đổi')).toHaveValue('');
  await page.getByRole('button', { name: 'Dùng tối đa' }).click();
  await expect(page.getByLabel('Số điểm đổi')).toHaveValue(String(member.point_available));
  await expect(page.getByTestId('balance-after')).toHaveText('0 điểm');
  await expect(page.getByLabel('Hoặc số tiền giảm (đồng)')).toHaveValue('');
});

test('where Haravan records the sales, no purchase points are offered and the screen says why', async ({ page, desk }) => {
  await connected(page, desk);
  await openMember(page, AN);
  await page.keyboard.press('F3');
  await expect(page.getByTestId('purchase-in-haravan')).toContainText('Haravan ghi nhận đơn bán của quầy này và tự cộng điểm');
  await expect(page.getByRole('button', { name: 'Mua hàng' })).toHaveCount(0);
  await expect(page.getByLabel('Hoặc số tiền hoá đơn (đồng)')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Lý do', exact: true })).toHaveValue('Khuyến mãi');
  await snap(page, 'add-sales-in-haravan');
  // The main process refuses it too, whatever a screen sends.
  const member = profileByCard(desk, AN);
  const refused = await desk.harness.desk.dispatch('addPoints', { memberId: member.id, points: 10, reason: 'Mua hàng', orderRef: 'X', reasonKind: 'purchase' });
  expect(refused).toMatchObject({ ok: false, error: { detail: 'sales_in_haravan' } });
  expect(apiLedger(desk, member.id)).toEqual([]);
});

test('the manager sets the rules; points are then earned from the bill at the shop’s rate', async ({ page, desk }) => {
  const member = profileByCard(desk, AN);
  await connected(page, desk);
  // Locked first (Ctrl+L), as a till is when the manager walks up: the rules are behind the PIN.
  await page.keyboard.press('Control+L');
  await page.keyboard.press('F9');
  const dialog = page.getByRole('dialog', { name: 'Cài đặt' });
  await dialog.getByLabel('Mã PIN quản lý').fill(PIN);
  await page.keyboard.press('Enter');
  await dialog.getByTestId('settings-nav-loyalty').click();
  await dialog.getByLabel('Số tiền mua hàng cho một điểm (đồng)').fill('20000');
  await dialog.getByLabel('Làm tròn điểm của hoá đơn').selectOption('nearest');
  await dialog.getByLabel('Đơn bán tại quầy này được ghi nhận trên Haravan').uncheck();
  await snap(page, 'settings-loyalty');
  await dialog.getByRole('button', { name: /^Lưu/ }).first().click();
  await expect(dialog.getByText('Đã lưu.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(searchField(page)).toBeFocused();
  await openMember(page, AN);
  await page.keyboard.press('F3');
  await expect(page.getByRole('button', { name: 'Mua hàng' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByLabel('Hoặc số tiền hoá đơn (đồng)').fill('250.000');
  await expect(page.getByLabel('Số điểm cộng')).toHaveValue('13');
  await expect(page.getByTestId('money-explained')).toHaveText(
    dong('= 13 điểm, 20.000 ₫ một điểm. Làm tròn gần nhất: 10.000 ₫ lẻ từ nửa điểm trở lên nên được tính một điểm.'),
  );
  await snap(page, 'earn-from-bill');
  await page.getByLabel('Hoặc số tiền hoá đơn (đồng)').press('Enter');
  await page.keyboard.type('HD-7001');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Xác nhận cộng điểm' }).getByTestId('confirm-money')).toHaveText(dong('từ hoá đơn 250.000 ₫'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('done-message')).toContainText(`Đã cộng 13 điểm. Hiện có ${points(member.point_available + 13)} điểm.`);
  expect(apiLedger(desk, member.id)).toEqual([['add', 13, 'HD-7001']]);
});

test('a manager reverses a redemption from the card: PIN, reason, one opposite change in the store, never twice', async ({ page, desk }) => {
  const member = profileByCard(desk, AN);
  await connected(page, desk);
  await openMember(page, AN);
  await page.keyboard.press('F2');
  await page.keyboard.type('120');
  await page.keyboard.press('Enter');
  await page.keyboard.type('HD-REFUND');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
  await expect(page.getByTestId('done-message')).toContainText('Đã đổi 120 điểm');
  // Locked, as a till is when the manager walks up.
  await page.keyboard.press('Control+L');
  const change = page.getByTestId('till-change').first();
  await expect(change).toContainText('Đã áp dụng');
  await change.getByRole('button', { name: 'Đảo ngược' }).click();
  const dialog = page.getByRole('dialog', { name: 'Đảo ngược thay đổi: Nguyễn Văn An' });
  await expect(dialog.getByTestId('reverse-change')).toContainText('−120');
  await dialog.getByLabel(/Lý do đảo ngược/).fill('Khách trả hàng');
  await page.keyboard.press('Enter');
  // The till is locked: the PIN first, then the reversal goes.
  await dialog.getByLabel('Mã PIN quản lý').fill(PIN);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('notice')).toHaveText('Đã đảo ngược: 120 điểm đã được hoàn lại trên cửa hàng.');
  await expect(searchField(page)).toBeFocused();
  await expect.poll(() => apiLedger(desk, member.id), { timeout: 15_000 }).toEqual([
    ['subtract', 120, 'HD-REFUND'],
    ['add', 120, 'HD-REFUND'],
  ]);
  await expect(page.getByTestId('points-available')).toHaveText(points(member.point_available), { timeout: 15_000 });
  const changes = page.getByTestId('till-change');
  await expect(changes.first()).toContainText('Đảo ngược: Khách trả hàng');
  await expect(changes.nth(1)).toContainText('Đã đảo ngược');
  await expect(page.getByTestId('till-changes').getByRole('button', { name: 'Đảo ngược' })).toHaveCount(0);
  await snap(page, 'reversal-on-card');
  // The journal panel shows it too, and offers no second reversal.
  await page.keyboard.press('F4');
  const journal = page.getByRole('dialog', { name: /Nhật ký/ });
  await journal.getByRole('tab', { name: 'Tất cả' }).click();
  const original = journal.getByTestId('journal-entry').filter({ hasText: '−120' }).filter({ hasText: 'Đổi điểm' });
  await expect(original.getByTestId('entry-reversal')).toHaveText('Đã đảo ngược');
  await expect(original.getByRole('button', { name: 'Đảo ngược thay đổi này' })).toHaveCount(0);
  await snap(page, 'reversal-in-journal');
  expect(apiLedger(desk, member.id)).toHaveLength(2);
});

test('the day’s members are one key away from the empty search field, and the last slip prints again', async ({ page, desk }) => {
  await connected(page, desk);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('notice')).toHaveText('Hôm nay quầy chưa phục vụ ai.');
  await page.keyboard.press('F7');
  await expect(page.getByTestId('notice')).toHaveText('Quầy chưa in phiếu nào.');
  await openMember(page, AN);
  await page.keyboard.press('F6');
  const preview = page.getByRole('dialog', { name: 'Phiếu tóm tắt điểm thành viên' });
  await expect(preview).toBeVisible();
  await preview.getByRole('button', { name: /^In/ }).focus();
  await page.keyboard.press('Enter');
  await expect(preview).toHaveCount(0);
  await openMember(page, MAI);
  await expect(page.getByTestId('member-name')).toHaveText('Trần Thị Mai');
  await page.keyboard.press('Escape');
  await expect(searchField(page)).toHaveValue('');
  await page.keyboard.press('ArrowDown');
  const list = page.getByRole('listbox');
  await expect(list.getByRole('option')).toHaveCount(2);
  await expect(list.getByRole('option').first()).toContainText('Trần');
  await expect(list.getByRole('option').nth(1)).toContainText('Nguyễn Văn An');
  await snap(page, 'recent-members');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('member-name')).toHaveText('Nguyễn Văn An');
  // The customer lost the slip: F7 shows the last one printed, marked as a reprint, and prints it.
  await page.keyboard.press('F7');
  await expect(preview).toBeVisible();
  const slip = page.frameLocator('iframe[title="Xem trước bản in"]');
  await expect(slip.getByText(/BẢN IN LẠI/)).toBeVisible();
  await expect(slip.getByText('Nguyễn Văn An')).toBeVisible();
  await snap(page, 'reprint-last-slip');
  await preview.getByRole('button', { name: /^In/ }).focus();
  await page.keyboard.press('Enter');
  await expect(preview).toHaveCount(0);
  expect(desk.harness.printer.jobs).toHaveLength(2);
  expect(desk.harness.printer.jobs[1]!.html).toContain('BẢN IN LẠI');
});
