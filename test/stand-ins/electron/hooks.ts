// Module resolution hook: every `import 'electron'` and `require('electron')` (from the built bundle,
// electron-store, electron-updater or a test) gets the stand-in. Node loads this file through register.ts.

import type { ResolveHookSync } from 'node:module';

const STAND_IN = new URL('./index.ts', import.meta.url).href;

export const resolve: ResolveHookSync = (specifier, context, nextResolve) =>
  specifier === 'electron' ? { url: STAND_IN, shortCircuit: true } : nextResolve(specifier, context);
