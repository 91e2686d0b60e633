// Tags and attributes come with getMember, after the card is already on screen: read from Haravan, or as
// this till last read them (`readAt`; null when it never has).

import type { ProfileAttribute } from '../../electron/haravan/types.ts';
import type { EncodedError } from './api.ts';

export type MemberDetails =
  | { state: 'loading' }
  | { state: 'loaded'; tags: string[]; attributes: ProfileAttribute[]; readAt: string | null }
  | { state: 'failed'; error: EncodedError };
