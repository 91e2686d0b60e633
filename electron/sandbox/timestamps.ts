// Haravan timestamps look like 2020-05-08T04:08:06.000000Z: UTC, six fractional digits. Kept in that one
// canonical form, they sort correctly as plain strings, which is how the list filters compare them.

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Microseconds since the epoch → canonical Haravan timestamp. */
export function formatMicros(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros - seconds * 1_000_000;
  const days = Math.floor(seconds / 86_400);
  const secondOfDay = seconds - days * 86_400;
  const hour = TWO_DIGITS[Math.floor(secondOfDay / 3600)];
  const minute = TWO_DIGITS[Math.floor(secondOfDay / 60) % 60];
  const second = TWO_DIGITS[secondOfDay % 60];
  const sixDigits = fraction === 0 ? '000000' : String(fraction).padStart(6, '0');
  return `${formatDay(days)}T${hour}:${minute}:${second}.${sixDigits}Z`;
}

/**
 * Days since 1970-01-01 → YYYY-MM-DD. Arithmetic and a cache instead of Date#toISOString: seeding 100 000
 * members formats 400 000 dates, a few thousand distinct days.
 */
export function formatDay(daysSinceEpoch: number): string {
  let text = formattedDays.get(daysSinceEpoch);
  if (text === undefined) {
    text = civilDate(daysSinceEpoch);
    formattedDays.set(daysSinceEpoch, text);
  }
  return text;
}

const formattedDays = new Map<number, string>();
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

// Howard Hinnant's civil_from_days.
function civilDate(daysSinceEpoch: number): string {
  const z = daysSinceEpoch + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
}

/**
 * Parses ISO 8601 (date only, or date-time with optional fraction and zone) to microseconds since the epoch.
 * Without a zone the time is taken as UTC, as the API speaks UTC. Returns undefined when malformed.
 */
export function parseIsoToMicros(text: string): number | undefined {
  const match = ISO_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone = 'Z'] = match;
  const fields = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  const [y, mo, d, h, mi, s] = fields;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const millis = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(millis).getUTCDate() !== d) return undefined; // e.g. 2021-02-30
  const micros = millis * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6));
  return micros - zoneOffsetMinutes(zone) * 60_000_000;
}

export function canonicalTimestamp(text: string): string | undefined {
  const micros = parseIsoToMicros(text);
  return micros === undefined ? undefined : formatMicros(micros);
}

function zoneOffsetMinutes(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}
