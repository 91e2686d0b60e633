// The cashier's screen end to end, keyboard only: the real renderer in Chromium, the real main-process
// handlers behind the harness bridge, the sandbox store over HTTP. Every screen is saved to
// test/output/screens/ for a person to look at.

import type { Page } from '@playwright/test';
import {
  connectStore,
  PIN,
  submitOnboarding,
  deskStatus,
  directorySynced,
  expect,
  openMember,
  profileByCard,
  search,
  searchField,
  snap,
  STORE_NAME,
  test,
  type Desk,
} from './fixtures.ts';

const AN = '100006037101';
const SHARED_PHONE = '0903 123 456';
const DISABLED = '100006037107';
/** A second member, for a card the till has not read moments ago. */
const RICH = '100006037110';
const fullName = (profile: { last_name: string; first_name: string }) => `${profile.last_name} ${profile.first_name}`.trim();
const dong = (amount: number) => new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(amount);
const points = (value: number) => new Intl.NumberFormat('vi-VN').format(value);
/** The journal's retry backoff once the store is back, with room for a slow machine. */
const DRAIN = { timeout: 30_000 };

/** Connected, with the member directory's first sync done: cards are found from it, and its sync requests are over. */
async function connected(page: Page, desk: Desk): Promise<void> {
  await connectStore(page, desk);
  await directorySynced(desk);
}

/** Redeem from the open card, through the confirm step, with the keyboard only. */
async function redeem(page: Page, amount: number): Promise<void> {
  await page.keyboard.press('F2');
  await expect(page.getByLabel('Số điểm đổi')).toBeFocused();
  await page.keyboard.type(String(amount));
  for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Xác nhận đổi điểm' })).toBeVisible();
  await page.keyboard.press('Enter');
}

/** F9, and the manager PIN when the settings ask for it (closing them locks them again). */
async function openSettings(page: Page): Promise<void> {
  await page.keyboard.press('F9');
  const pin = page.getByRole('dialog').getByLabel('Mã PIN quản lý');
  await pin.or(page.getByTestId('settings-nav-general')).first().waitFor();
  if (await pin.isVisible()) {
    await pin.fill(PIN);
    await page.keyboard.press('Enter');
  }
  await expect(page.getByTestId('settings-nav-general')).toBeVisible();
}

const apiLedger = (desk: Desk, memberId: number) =>
  desk.sandbox
    .ledger()
    .filter((entry) => entry.profileId === memberId && entry.source === 'api')
    .map((entry) => [entry.direction, entry.value, entry.ref_id]);

test.describe('first start', () => {
  test('training mode: badge and sample members, from the keyboard', async ({ page, desk }) => {
    await page.goto(desk.harness.url);
    await expect(page.getByRole('heading', { name: 'Kết nối cửa hàng' })).toBeVisible();
    await snap(page, 'onboarding');
    await page.getByRole('button', { name: 'Bắt đầu chế độ tập' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('training-badge')).toHaveText('CHẾ ĐỘ TẬP — điểm không có thật');
    await search(page, '0909 977 921');
    await expect(page.getByTestId('member-name')).toHaveText('Nguyễn Văn An');
    await snap(page, 'training-card');
  });

  test('a wrong token and a read-only token are explained and not kept', async ({ page, desk }) => {
    await page.goto(desk.harness.url);
    await page.keyboard.type('wrong-token-0000');
    await page.keyboard.press('Enter');
    // The PIN first: nothing is sent without it.
    await expect(page.getByRole('alert')).toContainText('Mã PIN gồm 6 đến 12 chữ số.');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+A');
    await submitOnboarding(page, 'wrong-token-0000');
    await expect(page.getByRole('alert')).toContainText('Cửa hàng từ chối token');
    await snap(page, 'onboarding-wrong-token');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(desk.sandbox.tokens.readOnly);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('Token thiếu quyền loy.write_profiles');
    expect((await desk.harness.desk.dispatch('getStatus', undefined)) as { value: { mode: string } }).toMatchObject({ value: { mode: 'none' } });
  });

  test('a good token connects, shows only its end, and never reaches the page', async ({ page, desk }) => {
    const bodies: string[] = [];
    page.on('response', async (response) => {
      if (response.url().includes('/ipc/')) bodies.push(await response.text());
    });
    await connectStore(page, desk);
    const token = desk.sandbox.tokens.readWrite;
    await expect(page.getByTestId('status-line')).toContainText(`token …${token.slice(-4)}`);
    await expect(page.getByTestId('status-line')).toContainText('Đã kết nối');
    // The store's name was asked with the token: the header and every slip carry it.
    await expect(page.getByTestId('status-line')).toContainText(STORE_NAME);
    await expect(page.getByTestId('pending-count')).toContainText('0');
    expect(await page.content()).not.toContain(token);
    for (const body of bodies) expect(body).not.toContain(token);
    await snap(page, 'idle');
  });
});

test.describe('lookup', () => {
  test.beforeEach(async ({ page, desk }) => connected(page, desk));

  for (const typed of ['0909977921', '0909 977 921', '0909.977.921', '+84 909977921', '84909977921']) {
    test(`finds the member from ${typed}`, async ({ page, desk }) => {
      await search(page, typed);
      const member = profileByCard(desk, AN);
      await expect(page.getByTestId('member-name')).toHaveText('Nguyễn Văn An');
      await expect(page.getByTestId('points-available')).toHaveText(points(member.point_available));
      await expect(searchField(page)).toBeFocused();
    });
  }

  test('the card shows the sandbox’s figures, the phone masked until revealed', async ({ page, desk }) => {
    await search(page, AN);
    const member = profileByCard(desk, AN);
    await expect(page.getByTestId('member-name')).toHaveText('Nguyễn Văn An');
    await expect(page.getByTestId('card-number')).toHaveText(AN);
    await expect(page.getByTestId('member-level')).toHaveText(member.level_name);
    await expect(page.getByTestId('points-available')).toHaveText(points(member.point_available));
    await expect(page.getByTestId('points-pending')).toHaveText(points(member.point_incoming));
    await expect(page.getByTestId('points-used')).toHaveText(points(member.point_used));
    await expect(page.getByTestId('points-ranking')).toHaveText(points(member.point_ranking));
    await expect(page.getByTestId('total-spent')).toHaveText(dong(member.total_spent));
    await expect(page.getByTestId('total-spent')).toHaveText('1.035.000 ₫');
    await expect(page.getByTestId('order-count')).toHaveText(points(member.total_order));
    const lastOrder = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });
    await expect(page.getByTestId('last-order')).toContainText(lastOrder.formatToParts(new Date(member.last_order_at!)).find((p) => p.type === 'year')!.value);
    await expect(page.getByTestId('member-phone')).toHaveText('0909 *** 921');
    for (const tag of desk.sandbox.tags(member.id).split(',')) await expect(page.getByText(tag, { exact: true })).toBeVisible();
    await page.getByText(/^Thuộc tính/).click();
    // A raw key gets a readable label.
    await expect(page.locator('.attributes dt', { hasText: 'Mã tham chiếu' })).toHaveAttribute('title', 'ref_id');
    await snap(page, 'member-card');
    await searchField(page).focus();
    await page.getByRole('button', { name: 'Hiện số' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('member-phone')).toHaveText('0909 977 921');
  });

  test('several members on one phone: a pick list chosen with the arrow keys', async ({ page, desk }) => {
    const shared = desk.sandbox.profiles().filter((p) => p.phone === '0903123456');
    await search(page, SHARED_PHONE);
    await expect(page.getByText(`${shared.length} thành viên dùng số ${SHARED_PHONE}: chọn một người`)).toBeVisible();
    const list = page.getByRole('listbox');
    await expect(list.getByRole('option')).toHaveCount(shared.length);
    await snap(page, 'pick-list');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const second = shared[1]!;
    await expect(page.getByTestId('member-name')).toHaveText(`${second.last_name} ${second.first_name}`);
    await expect(page.getByTestId('points-available')).toHaveText(points(second.point_available));
  });

  test('no member: said plainly with the number as understood', async ({ page }) => {
    await search(page, '+84 977.000.000');
    await expect(page.getByText('Không có thành viên nào với số 0977 000 000')).toBeVisible();
    await snap(page, 'no-member');
    await search(page, '100009999999');
    await expect(page.getByText('Không có thành viên nào với thẻ 100009999999')).toBeVisible();
  });

  test('invalid input is explained before any request', async ({ page, desk }) => {
    // Counted once the directory's first sync (in beforeEach) is over, so that only lookups could add to it.
    const before = desk.sandbox.stats().requests;
    await search(page, '12345');
    await expect(page.getByText('Số điện thoại quá ngắn.')).toBeVisible();
    await snap(page, 'invalid-input');
    await search(page, '+84 90 99');
    await expect(page.getByText('Số điện thoại quá ngắn.')).toBeVisible();
    await search(page, '0209 977 921');
    await expect(page.getByText('Đây không phải số điện thoại Việt Nam.')).toBeVisible();
    expect(desk.sandbox.stats().requests).toBe(before);
  });

  test('a second Enter while searching does not send a second lookup', async ({ page, desk }) => {
    // The directory answers in a moment: hold the lookup's answer on its way back so the search is surely
    // still running when the second Enter comes.
    await page.route('**/ipc/lookup', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    const field = searchField(page);
    await field.fill('0909977921');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('member-name')).toHaveText('Nguyễn Văn An');
    expect(desk.harness.calls.filter((call) => call.channel === 'lookup')).toHaveLength(1);
  });

  test('Esc clears the search and the card', async ({ page }) => {
    await search(page, AN);
    await expect(page.getByTestId('member-name')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(searchField(page)).toHaveValue('');
    await expect(page.getByTestId('member-name')).toHaveCount(0);
    await expect(searchField(page)).toBeFocused();
  });
});

test.describe('redeem and add', () => {
  test.beforeEach(async ({ page, desk }) => connected(page, desk));

  test('redeem: points, order, confirm; the ledger shows exactly one subtraction', async ({ page, desk }) => {
    const member = profileByCard(desk, AN);
    await openMember(page, AN);
    await page.keyboard.press('F2');
    const pointsField = page.getByLabel('Số điểm đổi');
    await expect(pointsField).toBeFocused();
    await page.keyboard.type('150');
    await expect(page.getByTestId('balance-after')).toContainText(points(member.point_available - 150));
    await expect(page.getByTestId('points-worth')).toContainText(dong(150 * 1000));
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Mã đơn hàng (không bắt buộc)')).toBeFocused();
    await page.keyboard.type('HD1234');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('textbox', { name: 'Lý do', exact: true })).toHaveValue('Đổi điểm đơn #HD1234');
    await snap(page, 'redeem-form');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Xác nhận đổi điểm' })).toBeVisible();
    await expect(page.getByTestId('confirm-member')).toHaveText('Nguyễn Văn An');
    await expect(page.getByTestId('confirm-order')).toHaveText('HD1234');
    await snap(page, 'redeem-confirm');
    // A double press sends once.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(page.getByText(`Đã đổi 150 điểm. Còn ${points(member.point_available - 150)} điểm.`)).toBeVisible();
    await expect(page.getByTestId('points-available')).toHaveText(points(member.point_available - 150));
    await expect(searchField(page)).toBeFocused();
    await snap(page, 'redeem-done');
    const ledger = desk.sandbox.ledger().filter((entry) => entry.profileId === member.id && entry.source === 'api');
    expect(ledger.map((e) => [e.direction, e.value, e.reason, e.ref_id])).toEqual([['subtract', 150, 'Đổi điểm đơn #HD1234', 'HD1234']]);
  });

  test('add with a reason preset; the ledger shows exactly one addition', async ({ page, desk }) => {
    const member = profileByCard(desk, AN);
    await openMember(page, AN);
    await page.keyboard.press('F3');
    await expect(page.getByLabel('Số điểm cộng')).toBeFocused();
    await page.keyboard.type('75');
    await page.getByRole('button', { name: 'Khuyến mãi' }).focus();
    await page.keyboard.press('Enter');
    const reason = page.getByRole('textbox', { name: 'Lý do', exact: true });
    await expect(reason).toHaveValue('Khuyến mãi');
    await snap(page, 'add-form');
    await reason.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Xác nhận cộng điểm' })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByText(`Đã cộng 75 điểm. Hiện có ${points(member.point_available + 75)} điểm.`)).toBeVisible();
    const ledger = desk.sandbox.ledger().filter((entry) => entry.profileId === member.id && entry.source === 'api');
    expect(ledger.map((e) => [e.direction, e.value, e.reason, e.ref_id])).toEqual([['add', 75, 'Khuyến mãi', '']]);
  });

  test('more than available, zero and fractional points are refused before sending', async ({ page, desk }) => {
    const member = profileByCard(desk, AN);
    await openMember(page, AN);
    await page.keyboard.press('F2');
    await page.keyboard.type(String(member.point_available + 1));
    await page.keyboard.press('Enter');
    await expect(page.getByText(`Chỉ có ${points(member.point_available)} điểm.`)).toBeVisible();
    await snap(page, 'redeem-over');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Số điểm phải lớn hơn 0.')).toBeVisible();
    await page.getByLabel('Số điểm đổi').fill('1.5');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(desk.sandbox.ledger().filter((entry) => entry.source === 'api')).toEqual([]);
    expect(desk.harness.calls.filter((call) => call.channel === 'subtractPoints')).toEqual([]);
  });

  test('a disabled member is flagged and cannot redeem', async ({ page, desk }) => {
    await openMember(page, DISABLED);
    await expect(page.getByTestId('disabled-warning')).toBeVisible();
    await expect(page.getByRole('button', { name: /Đổi điểm/ })).toBeDisabled();
    await page.keyboard.press('F2');
    await expect(page.getByLabel('Số điểm đổi')).toHaveCount(0);
    await snap(page, 'disabled-member');
    expect(desk.harness.calls.filter((call) => call.channel === 'subtractPoints')).toEqual([]);
  });

  test('the server’s refusal is shown in words', async ({ page, desk }) => {
    const member = profileByCard(desk, AN);
    await openMember(page, AN);
    await page.keyboard.press('F2');
    await page.keyboard.type('100');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Xác nhận đổi điểm' })).toBeVisible();
    // Another till spends most of the balance while the cashier reads the confirmation.
    desk.sandbox.adjustDirectly(member.id, 'subtract', member.point_available - 10, 'Quầy khác');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Cửa hàng từ chối: thành viên không còn đủ điểm (có thể quầy khác vừa dùng). Hãy tìm lại thành viên.')).toBeVisible();
    await snap(page, 'error-validation');
  });

  test('an uncertain outcome says it may or may not have applied, not to repeat it', async ({ page, desk }) => {
    const member = profileByCard(desk, AN);
    await openMember(page, AN);
    // The PUT is applied but its answer is lost; the GET before it passes, every read after it fails, so
    // the balance cannot be read to settle the outcome and it stays unknown.
    desk.sandbox.addFault({ kind: 'drop-after-apply', count: 1 });
    desk.sandbox.addFault({ kind: 'server-error', status: 503, on: 'read', skip: 1, count: 60 });
    await redeem(page, 20);
    const notice = page.getByTestId('uncertain-notice');
    await expect(notice.getByText('Chưa rõ kết quả — KHÔNG làm lại')).toBeVisible({ timeout: 15_000 });
    await expect(notice.getByText('Điểm CÓ THỂ ĐÃ hoặc CHƯA được thay đổi.')).toBeVisible();
    // It must be acknowledged: Redeem and Add stay off until then.
    await expect(page.getByRole('button', { name: /Đổi điểm/ })).toBeDisabled();
    await expect(page.getByTestId('count-uncertain')).toHaveText('Chưa rõ: 1');
    await snap(page, 'error-uncertain');
    expect(apiLedger(desk, member.id)).toEqual([['subtract', 20, '']]);
  });
});

test.describe('errors a cashier can act on', () => {
  test.beforeEach(async ({ page, desk }) => connected(page, desk));

  test('offline: the card comes from the directory, a redeem waits and reaches the store once', async ({ page, desk }) => {
    test.setTimeout(60_000);
    const member = profileByCard(desk, AN);
    const before = member.point_available;
    await desk.sandbox.stop();
    await openMember(page, AN);
    await expect(page.getByTestId('member-name')).toHaveText('Nguyễn Văn An');
    await expect(page.getByTestId('points-available')).toHaveText(points(before));
    await expect(page.getByTestId('offline-banner')).toContainText('Mất kết nối — số dư tính đến', { timeout: 15_000 });
    await expect(page.getByTestId('status-line')).toContainText('Mất kết nối');
    await snap(page, 'error-offline');

    await redeem(page, 20);
    await expect(page.getByText(`Đã lưu — sẽ gửi khi có mạng. Còn (dự kiến) ${points(before - 20)} điểm.`)).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('pending-count')).toHaveText('Chờ gửi: 1');
    await expect(searchField(page)).toBeFocused();
    expect(apiLedger(desk, member.id)).toEqual([]);

    await desk.sandbox.start();
    await expect.poll(async () => (await deskStatus(desk)).pendingAdjustments, DRAIN).toBe(0);
    await expect(page.getByTestId('pending-count')).toHaveText('Chờ gửi: 0');
    expect(apiLedger(desk, member.id)).toEqual([['subtract', 20, '']]);
    expect(profileByCard(desk, AN).point_available).toBe(before - 20);
  });

  test('revoked token: the redeem is kept and sending stops, said in words', async ({ page, desk }) => {
    const member = profileByCard(desk, AN);
    await openMember(page, AN);
    desk.sandbox.revokeToken(desk.sandbox.tokens.readWrite);
    await redeem(page, 20);
    // The message, the header, the bar and the card name the same cause and the same remedy.
    await expect(page.getByTestId('done-message')).toHaveText(
      `Đã lưu — cửa hàng từ chối token: sẽ gửi khi quầy có token mới. Dự kiến có ${points(member.point_available - 20)} điểm.`,
      { timeout: 15_000 },
    );
    await expect(page.getByTestId('health')).toHaveText('Cửa hàng từ chối token');
    await expect(page.getByTestId('offline-banner')).toContainText('Cửa hàng từ chối token — số dư tính đến');
    await expect(page.getByTestId('journal-paused')).toHaveText(
      'Đã dừng gửi: cửa hàng từ chối token. Các thay đổi điểm vẫn được giữ và sẽ được gửi khi quầy kết nối lại bằng token mới.',
    );
    await expect(page.getByTestId('journal-bar').getByRole('button', { name: 'Đổi token' })).toBeVisible();
    await expect(page.getByTestId('pending-count')).toHaveText('Chờ gửi: 1');
    expect((await deskStatus(desk)).journalPausedBy).toBe('token_refused');
    await snap(page, 'error-revoked-token');
    expect(apiLedger(desk, member.id)).toEqual([]);
  });

  test('rate limited: the card falls back to the directory and the status line says why', async ({ page, desk }) => {
    await openMember(page, AN);
    await expect(page.getByTestId('offline-banner')).toHaveCount(0);
    desk.sandbox.addFault({ kind: 'rate-limit', count: 40, retryAfterSeconds: 0.01 });
    await page.keyboard.press('Escape');
    // Another member: the one just read is not read again for a few seconds.
    await openMember(page, RICH);
    // The card's reads meet 429s and give up within the cashier's patience (5 s), then the directory answers.
    await expect(page.getByTestId('status-line')).toContainText('Cửa hàng đang giới hạn tốc độ', { timeout: 15_000 });
    // The card names the same cause as the header.
    await expect(page.getByTestId('offline-banner')).toContainText('Cửa hàng đang giới hạn tốc độ — số dư tính đến', { timeout: 15_000 });
    await expect(page.getByTestId('member-name')).toHaveText(fullName(profileByCard(desk, RICH)));
    await snap(page, 'error-rate-limited');
  });

  test('server error: the card falls back to the directory', async ({ page, desk }) => {
    const member = profileByCard(desk, RICH);
    await openMember(page, AN);
    await expect(page.getByTestId('offline-banner')).toHaveCount(0);
    desk.sandbox.addFault({ kind: 'server-error', status: 503, count: 40, on: 'read' });
    await page.keyboard.press('Escape');
    await openMember(page, RICH);
    await expect(page.getByTestId('offline-banner')).toContainText('Mất kết nối — số dư tính đến', { timeout: 15_000 });
    await expect(page.getByTestId('member-name')).toHaveText(fullName(member));
    await expect(page.getByTestId('points-available')).toHaveText(points(member.point_available));
    await snap(page, 'error-server');
  });
});

test.describe('settings and language', () => {
  test.beforeEach(async ({ page, desk }) => connected(page, desk));

  test('English throughout, and back', async ({ page }) => {
    await page.getByRole('button', { name: 'English' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('textbox', { name: 'Phone, card number or name' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Phone, card number or name' }).focus();
    await page.keyboard.type(AN);
    await page.keyboard.press('Enter');
    await expect(page.getByText('Points available', { exact: true })).toBeVisible();
    await expect(page.getByTestId('total-spent')).toHaveText(new Intl.NumberFormat('en', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(1035000));
    // Day-first, as in Vietnamese: the 2nd of November, not the 11th of February.
    await expect(page.getByTestId('last-order')).toHaveText('02/11/2025, 10:15');
    await snap(page, 'member-card-en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Điểm khả dụng', { exact: true })).toBeVisible();
  });

  test('the manager PIN set at connection guards the settings', async ({ page }) => {
    // Connecting the store unlocked the settings for a few minutes: the lock key ends that at once.
    await expect(page.getByTestId('lock-button')).toBeVisible();
    await page.keyboard.press('Control+L');
    await expect(page.getByTestId('lock-button')).toHaveCount(0);
    await page.keyboard.press('F9');
    const dialog = page.getByRole('dialog', { name: 'Cài đặt' });
    await expect(page.getByText('Phần cài đặt được bảo vệ. Nhập mã PIN quản lý.')).toBeVisible();
    await page.keyboard.type('111111');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Sai mã PIN.')).toBeVisible();
    await snap(page, 'settings-pin');
    await page.getByLabel('Mã PIN quản lý').fill(PIN);
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('button', { name: 'Bỏ mã PIN' })).toHaveCount(0);
    await snap(page, 'settings');
    const storeName = page.getByLabel('Tên cửa hàng hiển thị');
    // A trailing space, which main trims: once saved, nothing is left unsaved and Esc closes at once.
    await storeName.fill('Cửa hàng Bến Thành ');
    // The dialog's one Save.
    await expect(dialog.getByRole('button', { name: 'Lưu', exact: true })).toHaveCount(1);
    await dialog.getByRole('button', { name: 'Lưu', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Đã lưu.')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('status-line')).toContainText('Cửa hàng Bến Thành');
  });

  test('settings: one Save for every section; Esc with unsaved changes asks first', async ({ page }) => {
    await page.keyboard.press('F9');
    const dialog = page.getByRole('dialog', { name: 'Cài đặt' });
    await page.getByLabel('Tên cửa hàng hiển thị').fill('Cửa hàng Chợ Lớn');
    // An edit in another section is kept and saved with the first.
    await dialog.getByRole('button', { name: 'In ấn' }).click();
    await page.getByLabel('Chân phiếu').fill('Hẹn gặp lại!');
    await expect(dialog.getByText('Chưa lưu.')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog.getByText('Có thay đổi chưa được lưu.')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Tiếp tục sửa' })).toBeFocused();
    await snap(page, 'settings-unsaved');
    // Esc again: keep editing, nothing lost.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeVisible();
    await expect(page.getByLabel('Chân phiếu')).toHaveValue('Hẹn gặp lại!');
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Lưu và đóng' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('status-line')).toContainText('Cửa hàng Chợ Lớn');
    await expect(searchField(page)).toBeFocused();
    await openSettings(page);
    await expect(page.getByLabel('Tên cửa hàng hiển thị')).toHaveValue('Cửa hàng Chợ Lớn');
    await dialog.getByRole('button', { name: 'In ấn' }).click();
    await expect(page.getByLabel('Chân phiếu')).toHaveValue('Hẹn gặp lại!');
    // Discarding throws away only what was not saved.
    await page.getByLabel('Chân phiếu').fill('Bỏ đi');
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Bỏ các thay đổi' }).click();
    await expect(dialog).toHaveCount(0);
    await openSettings(page);
    await dialog.getByRole('button', { name: 'In ấn' }).click();
    await expect(page.getByLabel('Chân phiếu')).toHaveValue('Hẹn gặp lại!');
    // Nothing changed: Esc closes at once.
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  });
});
