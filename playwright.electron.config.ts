import { defineConfig } from '@playwright/test';

// The built app in real Electron (test/electron). Where the Electron binary is not installed the
// tests report themselves skipped, with the reason.
export default defineConfig({
  testDir: 'test/electron',
  outputDir: 'test/output/electron',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
  use: { screenshot: 'only-on-failure' },
});
