// Each test gets its own sandbox store and its own browser harness (main-process handlers in this
// worker, the built renderer in Chromium), so tests never share a ledger or a connection.

import { test as base, expect } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type SandboxStore } from '../../electron/sandbox/server.ts';
import type { Settings } from '../../electron/settings/settings.ts';
import { startHarness, type Harness } from '../harness/server.ts';

export interface Desk {
  harness: Harness;
  sandbox: SandboxStore;
}

export const test = base.extend<{ settings: Partial<Settings>; desk: Desk }>({
  settings: [{}, { option: true }],
  desk: async ({ settings }, use) => {
    const sandbox = await startSandbox({ members: 60 });
    const dataDir = await mkdtemp(join(tmpdir(), 'loyalty-desk-e2e-'));
    const harness = await startHarness({ dataDir, settings: { apiUrl: sandbox.url, ...settings } });
    await use({ harness, sandbox });
    await harness.close();
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
  },
});

export { expect };
