// Numbers, money and dates in the screen's language, as paper prints them (../../electron/locale/formats.ts).

import { formatsFor, intlLocaleFor } from '../../electron/locale/formats.ts';
import { locale } from './i18n.svelte.ts';

/** Figures carry no time zone; any zone formats them alike. */
const figures = () => formatsFor(locale.language, 'UTC');

export const formatPoints = (points: number): string => figures().points(points);

/** Whole đồng: `1.035.000 ₫` in Vietnamese. */
export const formatDong = (amount: number): string => figures().dong(amount);

/** Date and time as the store's clock shows it (the till's own time zone may differ); '—' when unknown. */
export function formatDateTime(iso: string | null, timeZone: string): string {
  const date = iso === null ? undefined : new Date(iso);
  if (date === undefined || Number.isNaN(date.getTime())) return '—';
  return formatsFor(locale.language, timeZone).dateTime(date);
}

/** A points change with its sign: `+75`, `−150` (a true minus sign). */
export function formatSignedPoints(direction: 'add' | 'subtract', points: number): string {
  return `${direction === 'add' ? '+' : '−'}${formatPoints(points)}`;
}

/** A rough time left: "45 giây", "12 phút", "2 giờ 5 phút" (Intl units, long form). */
export function formatDuration(seconds: number): string {
  const unit = (value: number, name: 'second' | 'minute' | 'hour') =>
    new Intl.NumberFormat(intlLocaleFor(locale.language), { style: 'unit', unit: name, unitDisplay: 'long', maximumFractionDigits: 0 }).format(value);
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return unit(whole, 'second');
  const minutes = Math.round(whole / 60);
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(rest, 'minute')}`;
}

/** A count of things (members): whole, grouped as the language groups digits. */
export const formatCount = (count: number): string => formatPoints(count);
