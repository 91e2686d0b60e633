// Preloaded with `node --import ./test/stand-ins/electron/register.ts`: from then on `electron` is the
// stand-in (see hooks.ts). Never load the real package under Node: it tries to download the binary.

import { register } from 'node:module';

register('./hooks.ts', import.meta.url);
