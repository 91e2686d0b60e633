// Numbers, money and dates through Intl, in the screen's language.

import { intlLocale } from './i18n.svelte.ts';

export function formatPoints(points: number): string {
  return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 0 }).format(points);
}

/** Whole đồng: `1.035.000 ₫` in Vietnamese. */
export function formatDong(amount: number): string {
  return new Intl.NumberFormat(intlLocale(), { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(amount);
}

/** Date and time as the store's clock shows it (the till's own time zone may differ); '—' when unknown. */
export function formatDateTime(iso: string | null, timeZone: string): string {
  const date = iso === null ? undefined : new Date(iso);
  if (date === undefined || Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(intlLocale(), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(date);
}
