// The offline journal end to end, keyboard first: adjustments confirmed while the store is unreachable
// are saved and said to be, wait in the status line, drain once the store is back and reach its ledger
// exactly once; the journal panel lists them in plain words, and a manager cancels a refused one with a
// reason behind the PIN. Screens are saved to test/output/screens/ for a person to look at.

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { connectStore, expect, openMember, PIN, profileByCard, search, searchField, snap, test, type Desk } from './fixtures.ts';

const AN = '100006037101';
const points = (value: number) => new Intl.NumberFormat('vi-VN').format(value);
/** The replayer's backoff after the store comes back, with room for a slow machine. */
const DRAIN = { timeout: 20_000 };

/** Redeem (F2) or add (F3) from the open card, through the confirm step, with the keyboard only. */
async function adjust(page: Page, kind: 'redeem' | 'add', amount: number, order = ''): Promise<void> {
  await page.keyboard.press(kind === 'redeem' ? 'F2' : 'F3');
  await expect(page.getByLabel(kind === 'redeem' ? 'Số điểm đổi' : 'Số điểm cộng')).toBeFocused();
  await page.keyboard.type(String(amount));
  await page.keyboard.press('Enter');
  if (order) await page.keyboard.type(order);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: kind === 'redeem' ? 'Xác nhận đổi điểm' : 'Xác nhận cộng điểm' })).toBeVisible();
  await page.keyboard.press('Enter');
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const blocking = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const described = blocking.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(described, `${screen}: serious or critical accessibility violations`).toEqual([]);
}

const apiLedger = (desk: Desk, memberId: number) =>
  desk.sandbox
    .ledger()
    .filter((entry) => entry.profileId === memberId && entry.source === 'api')
    .map((entry) => [entry.direction, entry.value, entry.ref_id]);

test.describe('offline', () => {
  test.use({ settings: { offlineRedeemCapPoints: 1000 } });
  test.beforeEach(async ({ page, desk }) => connectStore(page, desk));

  test('a redeem and an add wait while the store is down, then reach it exactly once', async ({ page, desk }) => {
    test.setTimeout(60_000);
    const member = profileByCard(desk, AN);
    const before = member.point_available;
    await openMember(page, AN);
    await expect(page.getByTestId('offline-banner')).toHaveCount(0);

    await desk.sandbox.stop();
    await adjust(page, 'redeem', 150, 'HD1234');
    await expect(page.getByText(`Đã lưu — sẽ gửi khi có mạng. Còn (dự kiến) ${points(before - 150)} điểm.`)).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('points-available')).toHaveText(points(before - 150));
    await expect(page.getByText('Điểm khả dụng (dự kiến)')).toBeVisible();
    await expect(page.getByTestId('offline-banner')).toContainText('Mất kết nối — số dư tính đến');
    await expect(searchField(page)).toBeFocused();
    await snap(page, 'journal-queued-redeem');
    // The customer comes back: the card opened again shows the same expected balance, as the slip would.
    await page.keyboard.press('Escape');
    await search(page, AN);
    await expect(page.getByTestId('points-available')).toHaveText(points(before - 150));
    await expect(page.getByText('Điểm khả dụng (dự kiến)')).toBeVisible();

    await adjust(page, 'add', 75);
    await expect(page.getByText(/^Đã lưu — sẽ gửi khi có mạng. Dự kiến có/)).toBeVisible({ timeout: 15_000 });
    // The expected balance counts the redeem still waiting before this addition.
    await expect.soft(page.getByTestId('done-message')).toHaveText(`Đã lưu — sẽ gửi khi có mạng. Dự kiến có ${points(before - 75)} điểm. F6 in phiếu.`);
    await expect.soft(page.getByTestId('points-available')).toHaveText(points(before - 75));
    await expect(page.getByTestId('pending-count')).toHaveText('Chờ gửi: 2');
    await expect(page.getByTestId('status-line')).toContainText('Mất kết nối');
    await snap(page, 'journal-two-waiting');

    // Over the offline cap: refused before anything is recorded, with the cap named.
    await adjust(page, 'redeem', 1001);
    await expect(page.getByRole('dialog').getByRole('alert')).toHaveText('Khi mất mạng, mỗi lần chỉ đổi tối đa 1.000 điểm.');
    await snap(page, 'journal-offline-cap');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect(searchField(page)).toBeFocused();

    // The journal panel lists both, waiting, newest first.
    await page.keyboard.press('F4');
    const journal = page.getByRole('dialog', { name: 'Nhật ký thay đổi điểm' });
    await expect(journal.getByTestId('journal-entry')).toHaveCount(2);
    await expect(journal.getByTestId('entry-state')).toHaveText(['Chờ gửi', 'Chờ gửi']);
    await expect(journal.getByTestId('entry-points')).toHaveText(['+75 điểm', '−150 điểm']);
    await expect(journal.getByTestId('journal-entry').nth(1)).toContainText('Đơn #HD1234');
    await snap(page, 'journal-panel-waiting');
    await page.keyboard.press('Escape');
    await expect(journal).toHaveCount(0);
    await expect(searchField(page)).toBeFocused();
    expect(apiLedger(desk, member.id)).toEqual([]);

    await desk.sandbox.start();
    await expect(page.getByTestId('pending-count')).toHaveText('Chờ gửi: 0', DRAIN);
    // The open card catches up by itself, and says so once: no new search needed.
    await expect(page.getByTestId('notice')).toHaveText('Đã gửi 2 thay đổi đang chờ đến cửa hàng. Thẻ đã hiện lại số liệu của cửa hàng.', DRAIN);
    await expect(page.getByTestId('points-available')).toHaveText(points(before - 150 + 75));
    await expect(page.getByTestId('offline-banner')).toHaveCount(0);
    await expect(page.getByText('Điểm khả dụng', { exact: true })).toBeVisible();
    await expect(page.getByTestId('done-message')).toHaveText('');
    await snap(page, 'journal-drained');
    // In the journal, the applied entries no longer show the problem they met while waiting.
    await page.keyboard.press('F4');
    const applied = page.getByRole('dialog', { name: 'Nhật ký thay đổi điểm' });
    await applied.getByRole('tab', { name: 'Tất cả' }).click();
    await expect(applied.getByTestId('entry-state')).toHaveText(['Đã áp dụng', 'Đã áp dụng']);
    await expect(applied.getByTestId('entry-error')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await search(page, AN);
    await expect(page.getByTestId('points-available')).toHaveText(points(before - 150 + 75));
    expect(apiLedger(desk, member.id)).toEqual([
      ['subtract', 150, 'HD1234'],
      ['add', 75, ''],
    ]);
  });
});

test.describe('the journal panel', () => {
  test.beforeEach(async ({ page, desk }) => connectStore(page, desk));

  test('a refused entry is listed in words and a manager cancels it with a reason, behind the PIN', async ({ page, desk }) => {
    test.setTimeout(60_000);
    const member = profileByCard(desk, AN);
    await page.keyboard.press('Control+L');
    await openMember(page, AN);
    await desk.sandbox.stop();
    await adjust(page, 'redeem', 3000, 'HD77');
    await expect(page.getByText(/Đã lưu — sẽ gửi khi có mạng/)).toBeVisible({ timeout: 15_000 });
    // Another till spends most of the balance meanwhile: once sent, the store refuses the redeem.
    desk.sandbox.adjustDirectly(member.id, 'subtract', member.point_available - 100, 'Quầy khác');
    await desk.sandbox.start();
    await expect(page.getByTestId('count-rejected')).toHaveText('Bị từ chối: 1', DRAIN);
    await expect(page.getByTestId('pending-count')).toHaveText('Chờ gửi: 0');
    await snap(page, 'journal-status-rejected');

    await page.keyboard.press('F4');
    const journal = page.getByRole('dialog', { name: 'Nhật ký thay đổi điểm' });
    await expect(journal.getByRole('tab', { name: 'Cần xử lý (1)' })).toHaveAttribute('aria-selected', 'true');
    await expect(journal.getByRole('tab', { name: 'Cần xử lý (1)' })).toBeFocused();
    const entry = journal.getByTestId('journal-entry');
    await expect(entry).toHaveCount(1);
    await expect(entry.getByTestId('entry-state')).toHaveText('Bị từ chối');
    await expect(entry.getByTestId('entry-error')).toContainText('Cửa hàng từ chối');
    await expect(entry).toContainText('Số lần gửi: 1');
    await snap(page, 'journal-panel-rejected');
    await expectAccessible(page, 'journal panel');

    await page.keyboard.press('Tab');
    await expect(entry).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(entry.getByRole('button', { name: 'Huỷ thay đổi' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(entry.getByLabel('Lý do huỷ (bắt buộc)')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(entry.getByRole('alert')).toHaveText('Hãy nhập lý do.');
    await page.keyboard.type('Khách đã trả bằng tiền mặt');
    await page.keyboard.press('Enter');
    const pin = journal.getByLabel('Mã PIN quản lý');
    await expect(pin).toBeFocused();
    await expect(journal.getByText('Huỷ hay xử lý một thay đổi điểm, hoặc xuất số điện thoại, cần mã PIN quản lý.')).toBeVisible();
    await snap(page, 'journal-pin');
    await page.keyboard.type(PIN);
    await page.keyboard.press('Enter');
    await expect(journal.getByTestId('journal-message')).toHaveText('Đã huỷ thay đổi.');
    await expect(journal.getByText('Không có gì cần xử lý.')).toBeVisible();
    await expect(journal.getByRole('tab', { name: 'Cần xử lý (0)' })).toBeFocused();

    await page.keyboard.press('ArrowRight');
    await expect(journal.getByRole('tab', { name: 'Tất cả' })).toHaveAttribute('aria-selected', 'true');
    await expect(entry.getByTestId('entry-state')).toHaveText('Đã huỷ');
    await expect(entry).toContainText('Khách đã trả bằng tiền mặt');
    await expect(entry.getByRole('button')).toHaveCount(0);
    await snap(page, 'journal-panel-discarded');

    await journal.getByRole('button', { name: 'Xuất CSV' }).focus();
    await page.keyboard.press('Enter');
    await expect(journal.getByTestId('journal-message')).toHaveText(/^Đã lưu vào .+\.csv$/);
    const file = (await journal.getByTestId('journal-message').textContent())!.replace('Đã lưu vào ', '');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('Khách đã trả bằng tiền mặt');
    await snap(page, 'journal-exported');

    await page.keyboard.press('Escape');
    await expect(journal).toHaveCount(0);
    await expect(searchField(page)).toBeFocused();
    await expect(page.getByTestId('count-rejected')).toHaveCount(0);
    expect(apiLedger(desk, member.id)).toEqual([]);
  });

  test('Retry now, and the panel in English at full HD', async ({ page, desk }) => {
    await openMember(page, AN);
    await desk.sandbox.stop();
    await adjust(page, 'add', 40, 'HD9');
    await expect(page.getByTestId('pending-count')).toHaveText('Chờ gửi: 1', { timeout: 15_000 });
    await page.setViewportSize({ width: 1920, height: 1080 });
    // The screen hands focus back to the search field after a change; take it from there.
    await expect(searchField(page)).toBeFocused();
    const english = page.getByRole('button', { name: 'English' });
    await english.focus();
    await expect(english).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pending-count')).toHaveText('Waiting to send: 1');
    await page.keyboard.press('F4');
    const journal = page.getByRole('dialog', { name: 'Points journal' });
    await expect(journal.getByTestId('entry-state')).toHaveText(['Waiting to send']);
    await expect(journal.getByRole('tab', { name: 'Waiting (1)' })).toBeVisible();
    await snap(page, 'journal-panel-en-1080');
    await expectAccessible(page, 'journal panel (English)');
    await desk.sandbox.start();
    await journal.getByRole('button', { name: 'Retry now' }).focus();
    await page.keyboard.press('Enter');
    await expect(journal.getByTestId('entry-state')).toHaveText(['Applied'], DRAIN);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('pending-count')).toHaveText('Waiting to send: 0');
  });

  test('a refused token stops sending; the banner leads to a new token and what waited is sent', async ({ page, desk }) => {
    test.setTimeout(60_000);
    const member = profileByCard(desk, AN);
    await openMember(page, AN);
    await desk.sandbox.stop();
    await adjust(page, 'add', 30, 'HD31');
    await expect(page.getByTestId('pending-count')).toHaveText('Chờ gửi: 1', { timeout: 15_000 });
    desk.sandbox.revokeToken(desk.sandbox.tokens.readWrite);
    await desk.sandbox.start();
    const banner = page.getByTestId('journal-bar');
    await expect(banner.getByRole('alert')).toContainText('Đã dừng gửi: cửa hàng từ chối token.', DRAIN);
    await expect(page.getByTestId('pending-count')).toHaveText('Chờ gửi: 1');
    // One cause everywhere: the header, the bar and the open card.
    await expect(page.getByTestId('health')).toHaveText('Cửa hàng từ chối token');
    await expect(page.getByTestId('offline-banner')).toContainText('Cửa hàng từ chối token — số dư tính đến');
    await snap(page, 'journal-paused');
    await expectAccessible(page, 'journal paused');

    await banner.getByRole('button', { name: 'Đổi token' }).focus();
    await page.keyboard.press('Enter');
    const token = page.getByRole('dialog', { name: 'Cài đặt' }).getByLabel('Token ứng dụng riêng Haravan');
    await expect(token).toBeFocused();
    await page.keyboard.type(desk.sandbox.issueToken(['loy.read_profiles', 'loy.write_profiles']));
    await page.keyboard.press('Enter');
    await expect(page.getByText('Đã kết nối.')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('journal-paused')).toHaveCount(0, DRAIN);
    await expect(page.getByTestId('pending-count')).toHaveText('Chờ gửi: 0', DRAIN);
    await expect(page.getByTestId('health')).toHaveText('Đã kết nối');
    await expect(page.getByTestId('notice')).toHaveText('Đã gửi 1 thay đổi đang chờ đến cửa hàng. Thẻ đã hiện lại số liệu của cửa hàng.', DRAIN);
    await expect(page.getByTestId('offline-banner')).toHaveCount(0);
    expect(apiLedger(desk, member.id)).toEqual([['add', 30, 'HD31']]);
  });
});
