// How a member is named on the screen.

import type { MemberProfile } from '../../electron/ipc/contract.ts';
import { t } from './i18n.svelte.ts';

/** "Nguyễn Văn An"; a member without a name is known by the phone the cashier just typed. */
export function memberName(profile: Pick<MemberProfile, 'first_name' | 'last_name' | 'phoneDisplay'>): string {
  return `${profile.last_name} ${profile.first_name}`.trim() || profile.phoneDisplay || t('noName');
}
