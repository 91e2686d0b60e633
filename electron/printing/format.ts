// Numbers, money, dates and names as printed: through Intl, in the slip's language and the store's time zone
// (the till's own clock may be set to another zone).

import type { MemberProfile } from '../ipc/contract.ts';
import type { Language } from '../settings/settings.ts';
import type { Translate } from './messages.ts';

export interface Formats {
  /** Whole đồng: "1.035.000 ₫" in Vietnamese, "₫1,035,000" in English. */
  dong(amount: number): string;
  /** "6.100" in Vietnamese, "6,100" in English. */
  points(points: number): string;
  /** "+500", "-900", "0". */
  signedPoints(points: number): string;
  /** "14:03 29/11/2025" in Vietnamese, "11/29/2025, 02:03 PM" in English. */
  dateTime(date: Date): string;
  /** "14:03" in Vietnamese, "02:03 PM" in English. */
  time(date: Date): string;
}

export function formatsFor(language: Language, timeZone: string): Formats {
  const locale = language === 'vi' ? 'vi-VN' : 'en';
  const dong = new Intl.NumberFormat(locale, { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });
  const points = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const dateTime = new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone });
  return {
    dong: (amount) => dong.format(amount),
    points: (value) => points.format(value),
    signedPoints: (value) => signed.format(value),
    dateTime: (date) => dateTime.format(date),
    time: (date) => time.format(date),
  };
}

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
