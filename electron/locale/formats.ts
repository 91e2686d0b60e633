// Numbers, money, dates and times through Intl, one way for the screen and for paper, in the store's time
// zone (the till's own clock may be set to another). English dates are day-first, as Vietnamese ones are:
// "12/02/2026" must mean the 12th of February to everyone in a Vietnamese store.

import type { Language } from '../settings/settings.ts';

/** The Intl locale of a language: British English for its day-first dates and 24-hour clock. */
export const intlLocaleFor = (language: Language): string => (language === 'vi' ? 'vi-VN' : 'en-GB');

export interface Formats {
  /** Whole đồng: "1.035.000 ₫" in Vietnamese, "₫1,035,000" in English. */
  dong(amount: number): string;
  /** "6.100" in Vietnamese, "6,100" in English. */
  points(points: number): string;
  /** "+500", "-900", "0". */
  signedPoints(points: number): string;
  /** "14:03 29/11/2025" in Vietnamese, "29/11/2025, 14:03" in English. */
  dateTime(date: Date): string;
  /** "14:03" in both. */
  time(date: Date): string;
}

const made = new Map<string, Formats>();

export function formatsFor(language: Language, timeZone: string): Formats {
  const key = `${language} ${timeZone}`;
  const known = made.get(key);
  if (known) return known;
  const locale = intlLocaleFor(language);
  const dong = new Intl.NumberFormat(locale, { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });
  const points = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const dateTime = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone });
  const formats: Formats = {
    dong: (amount) => dong.format(amount),
    points: (value) => points.format(value),
    signedPoints: (value) => signed.format(value),
    dateTime: (date) => dateTime.format(date),
    time: (date) => time.format(date),
  };
  made.set(key, formats);
  return formats;
}
