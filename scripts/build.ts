// Builds the three parts of the app with Vite: the renderer (cashier screen), the main process
// (ESM, everything bundled but Electron and Node's built-ins) and the preload (CommonJS: a sandboxed
// preload cannot be an ES module and may require nothing but `electron`).

import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type InlineConfig } from 'vite';

/** The cashier screen's JavaScript budget, gzipped: the till starts fast on modest hardware. */
const RENDERER_JS_BUDGET_BYTES = 100 * 1024;

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const quiet = process.argv.includes('--quiet');

function electronPart(entry: string, outDir: string, format: 'es' | 'cjs', fileName: string): InlineConfig {
  return {
    configFile: false,
    logLevel: quiet ? 'warn' : 'info',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'node22',
      minify: false,
      sourcemap: true,
      ssr: entry,
      rollupOptions: {
        external: ['electron', ...nodeBuiltins],
        output: { format, entryFileNames: fileName },
      },
    },
    ssr: { noExternal: true },
  };
}

const parts = process.argv.filter((arg) => !arg.startsWith('-')).slice(2);
const wanted = (name: string) => parts.length === 0 || parts.includes(name);

if (wanted('renderer')) {
  await build({ configFile: 'vite.config.ts', logLevel: quiet ? 'warn' : 'info' });
  checkRendererBudget('dist/renderer/assets');
}
if (wanted('main')) await build(electronPart('electron/main/index.ts', 'dist/electron/main', 'es', 'index.js'));
if (wanted('preload')) await build(electronPart('electron/preload/index.ts', 'dist/electron/preload', 'cjs', 'index.cjs'));

function checkRendererBudget(assets: string): void {
  const bytes = readdirSync(assets)
    .filter((file) => file.endsWith('.js'))
    .reduce((sum, file) => sum + gzipSync(readFileSync(join(assets, file))).length, 0);
  const kib = (bytes / 1024).toFixed(1);
  console.log(`Renderer JavaScript: ${kib} KB gzipped (budget ${RENDERER_JS_BUDGET_BYTES / 1024} KB)`);
  if (bytes > RENDERER_JS_BUDGET_BYTES) {
    console.error('The renderer is over its JavaScript budget.');
    process.exit(1);
  }
}
