// The bridge between the renderer and the main-process handlers, as the browser harness provides it.

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
