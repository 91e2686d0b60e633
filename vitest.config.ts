import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // The screen's components in jsdom, compiled with Svelte's client build (the `browser` condition).
        extends: true,
        plugins: [svelte({ configFile: 'renderer/svelte.config.js' })],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'component',
          include: ['test/component/**/*.test.ts'],
          environment: 'jsdom',
          setupFiles: ['@testing-library/svelte/vitest', 'test/component/setup.ts'],
        },
      },
    ],
  },
});
