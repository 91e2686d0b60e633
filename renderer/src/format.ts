// Numbers, money and dates through Intl, in the screen's language.

import { intlLocale } from './i18n.svelte.ts';

export function formatPoints(points: number): string {
  return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 0 }).format(points);
}

/** Whole đồng: `1.035.000 ₫` in Vietnamese. */
export function formatDong(amount: number): string {
  return new Intl.NumberFormat(intlLocale(), { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(amount);
}
