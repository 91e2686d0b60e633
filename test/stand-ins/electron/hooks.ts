// Module resolution hook: every `import 'electron'` (from the built bundle, electron-store or a test)
// gets the stand-in. Node loads this file through register.ts.

import type { ResolveHook } from 'node:module';

const STAND_IN = new URL('./index.ts', import.meta.url).href;

export const resolve: ResolveHook = (specifier, context, nextResolve) =>
  specifier === 'electron' ? { url: STAND_IN, shortCircuit: true } : nextResolve(specifier, context);
