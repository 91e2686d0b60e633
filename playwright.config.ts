import { defineConfig } from '@playwright/test';

// The real renderer in Debian's Chromium, through the browser harness (test/harness/).
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test/output/e2e',
  fullyParallel: false,
  workers: 2,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    viewport: { width: 1024, height: 768 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
