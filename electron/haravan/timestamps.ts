// Haravan's updated_at ("2020-05-08T04:08:06.000000Z") decides which copy of a member is newer. It is
// compared as microseconds, so a change of format (fewer fraction digits, an offset) cannot break the order.

const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Microseconds since the epoch, or undefined when the text is not an ISO 8601 date-time. */
export function toMicros(text: string | null | undefined): number | undefined {
  const match = ISO.exec(text?.trim() ?? '');
  if (!match) return undefined;
  const [, seconds, fraction = '', zone = 'Z'] = match;
  // Date.parse wants "+07:00", not "+0700".
  const millis = Date.parse(`${seconds}${zone.toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`);
  if (Number.isNaN(millis)) return undefined;
  return millis * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

/** For `updated_at_min`: millisecond precision, rounded down so that the bound stays inclusive. */
export function fromMicros(micros: number): string {
  return new Date(Math.floor(micros / 1000)).toISOString();
}
