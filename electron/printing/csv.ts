// RFC 4180 CSV for spreadsheets: CRLF line ends, fields quoted when they hold a comma, quote or line break,
// and a UTF-8 byte order mark so Excel reads Vietnamese letters instead of guessing a legacy code page.

const BOM = '\uFEFF';

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Free text typed at the till (a reason, an order reference) that starts like a formula would be run by the
 * spreadsheet that opens the file; a leading apostrophe keeps it text (OWASP "CSV injection").
 */
export function asText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((row) => row.map(field).join(',') + '\r\n').join('');
}
