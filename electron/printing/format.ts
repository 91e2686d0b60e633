// Numbers, money, dates and names as printed: through Intl, in the slip's language and the store's time zone
// (the till's own clock may be set to another zone).

import type { MemberProfile } from '../ipc/contract.ts';
import type { Formats } from '../locale/formats.ts';
import { moneyLine, moneyMessage, type PrintedAdjustment } from './adjustments.ts';
import type { Translate } from './messages.ts';

/** "2025-11-29 14:03:05" in the store's zone: a form spreadsheets read as a date in any language. */
export function spreadsheetDateTime(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

/** Vietnamese order, family name first: "Nguyễn Văn An"; "" when the member has no name. */
export function fullName(member: Pick<MemberProfile, 'first_name' | 'last_name'>): string {
  return `${member.last_name ?? ''} ${member.first_name ?? ''}`.replace(/\s+/g, ' ').trim();
}

/** The name, or the masked phone when there is no name (the full number never goes on paper). */
export function displayName(name: string, phoneMasked: string, t: Translate): string {
  return name.trim() || phoneMasked || t('noName');
}

/** The money behind an adjustment: "Giảm 100.000 ₫", "Hoá đơn 105.000 ₫"; "" when it has none. */
export function moneyText(adjustment: PrintedAdjustment, t: Translate, f: Formats): string {
  const money = moneyLine(adjustment);
  return money ? `${t(moneyMessage(money.kind))} ${f.dong(money.dong)}` : '';
}
