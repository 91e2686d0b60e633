// The foundation end to end: the real renderer in Chromium, talking through the harness bridge to the
// real main-process handlers, which talk HTTP to the sandbox store.

import { CHANNEL_NAMES } from '../../electron/ipc/contract.ts';
import { expect, test } from './fixtures.ts';

test('the page gets exactly one function per contract channel, and no Node', async ({ page, desk }) => {
  await page.goto(desk.harness.url);
  const exposed = await page.evaluate(() => {
    const api = (window as unknown as { loyaltyDesk: Record<string, unknown> }).loyaltyDesk;
    return {
      names: Object.keys(api).sort(),
      allFunctions: Object.values(api).every((value) => typeof value === 'function'),
      frozen: Object.isFrozen(api),
      node: typeof (globalThis as { require?: unknown }).require + typeof (globalThis as { process?: unknown }).process,
    };
  });
  expect(exposed.names).toEqual([...CHANNEL_NAMES].sort());
  expect(exposed.allFunctions).toBe(true);
  expect(exposed.frozen).toBe(true);
  expect(exposed.node).toBe('undefinedundefined');
});

test('the bridge refuses callers from another origin', async ({ desk }) => {
  const response = await fetch(`${desk.harness.url}ipc/getStatus`, { method: 'POST', headers: { Origin: 'http://127.0.0.1:1' }, body: 'null' });
  expect(response.status).toBe(403);
  expect(desk.harness.calls).toEqual([]);
});

test('training mode: badge, lookup of a sample member, in Vietnamese then English', async ({ page, desk }) => {
  await page.goto(desk.harness.url);
  await expect(page.getByRole('heading', { name: 'Kết nối cửa hàng' })).toBeVisible();
  await page.getByRole('button', { name: 'Bắt đầu chế độ tập' }).click();
  await expect(page.getByText('CHẾ ĐỘ TẬP — điểm không có thật')).toBeVisible();
  const search = page.getByLabel('Số điện thoại');
  await expect(search).toBeFocused();
  await search.fill('0909 977 921');
  await search.press('Enter');
  await expect(page.locator('.members li').first()).toContainText('Điểm khả dụng');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByText('TRAINING — points are not real')).toBeVisible();
  await expect(page.locator('.members li').first()).toContainText('Points available');
});

test('connecting a store: a wrong token is explained, a good one connects and never reaches the page', async ({ page, desk }) => {
  const seen: string[] = [];
  page.on('response', async (response) => {
    if (response.url().includes('/ipc/')) seen.push(await response.text());
  });
  await page.goto(desk.harness.url);
  const token = page.getByLabel('Token ứng dụng riêng Haravan');
  await token.fill('wrong-token-0000');
  await token.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Cửa hàng từ chối token');

  await token.fill(desk.sandbox.tokens.readWrite);
  await token.press('Enter');
  await expect(page.getByText(`token kết thúc …${desk.sandbox.tokens.readWrite.slice(-4)}`)).toBeVisible();
  expect(await page.content()).not.toContain(desk.sandbox.tokens.readWrite);
  expect(seen.length).toBeGreaterThan(0);
  for (const body of seen) expect(body).not.toContain(desk.sandbox.tokens.readWrite);
});

test('a phone that cannot be Vietnamese is refused before any request reaches the store', async ({ page, desk }) => {
  await page.goto(desk.harness.url);
  const token = page.getByLabel('Token ứng dụng riêng Haravan');
  await token.fill(desk.sandbox.tokens.readWrite);
  await token.press('Enter');
  const search = page.getByLabel('Số điện thoại');
  await expect(search).toBeFocused();
  const before = desk.sandbox.stats().requests;
  await search.fill('12345');
  await search.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Số điện thoại quá ngắn.');
  await search.fill('090abc7921');
  await search.press('Enter');
  await expect(page.getByRole('alert')).toContainText('chỉ gồm chữ số');
  expect(desk.sandbox.stats().requests).toBe(before);
});

test('a store lookup finds the members stored under every form of the number', async ({ page, desk }) => {
  const forms = ['0912345678', '+84912345678', '84912345678'];
  const ids = desk.sandbox.profiles().slice(-3).map((p) => p.id);
  ids.forEach((id, i) => desk.sandbox.updateProfile(id, { phone: forms[i]!, first_name: `Khách ${i + 1}` }));
  await page.goto(desk.harness.url);
  const token = page.getByLabel('Token ứng dụng riêng Haravan');
  await token.fill(desk.sandbox.tokens.readWrite);
  await token.press('Enter');
  const search = page.getByLabel('Số điện thoại');
  await search.fill('+84 912.345.678');
  await search.press('Enter');
  const expected = desk.sandbox.profiles().filter((p) => forms.includes(p.phone)).length;
  await expect(page.locator('.result-summary')).toHaveText(`${expected} thành viên dùng số 0912 345 678`);
  await expect(page.locator('.members li')).toHaveCount(expected);
});
