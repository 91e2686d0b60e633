// Tags and attributes come from a second request after the card is already on screen.

import type { ProfileAttribute } from '../../electron/haravan/types.ts';
import type { EncodedError } from './api.ts';

export type MemberDetails =
  | { state: 'loading' }
  | { state: 'loaded'; tags: string[]; attributes: ProfileAttribute[] }
  | { state: 'failed'; error: EncodedError };
