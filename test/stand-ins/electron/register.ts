// Preloaded with `node --import ./test/stand-ins/electron/register.ts`: from then on `electron` is the
// stand-in (see hooks.ts). Never load the real package under Node: it tries to download the binary.
// Synchronous hooks, so that `require('electron')` is redirected too: the bundle's CommonJS parts
// (electron-updater) require it through createRequire, which the asynchronous `register` hooks miss.

import { registerHooks } from 'node:module';
import { resolve } from './hooks.ts';

registerHooks({ resolve });
