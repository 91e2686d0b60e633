// How a member, and the money behind their changes, are said on the screen.

import type { MemberProfile } from '../../electron/ipc/contract.ts';
import { formatDong } from './format.ts';
import { t } from './i18n.svelte.ts';

/** "Nguyễn Văn An"; a member without a name is known by the phone the cashier just typed. */
export function memberName(profile: Pick<MemberProfile, 'first_name' | 'last_name' | 'phoneDisplay'>): string {
  return `${profile.last_name} ${profile.first_name}`.trim() || profile.phoneDisplay || t('noName');
}

/**
 * The money behind a change, in words: the discount a redemption gave, or the bill points were earned on.
 * A reversal carries its original's money, going the other way.
 */
export function moneyOf(change: { direction: 'add' | 'subtract'; moneyDong: number | null; reversal: boolean }): string {
  if (change.moneyDong === null) return '';
  const redemption = change.reversal ? change.direction === 'add' : change.direction === 'subtract';
  const key = redemption ? (change.reversal ? 'money.discountReversed' : 'money.discount') : change.reversal ? 'money.billReversed' : 'money.bill';
  return t(key, { dong: formatDong(change.moneyDong) });
}
