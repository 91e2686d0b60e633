// Reading exports back as a spreadsheet would, with a real CSV parser (csv-parse): by the file's own
// delimiter, on another one (Excel for vi-VN splits on ";", others on tab), and naively, ignoring quotes,
// the way a spreadsheet that guessed wrong does.
import { parse } from 'csv-parse/sync';

export type Reading = { delimiter: ',' | ';' | '\t'; quotes: boolean };

/** Every way of reading an export that a spreadsheet might take. */
export const READINGS: readonly Reading[] = [',', ';', '\t'].flatMap((delimiter) => [
  { delimiter: delimiter as Reading['delimiter'], quotes: true },
  { delimiter: delimiter as Reading['delimiter'], quotes: false },
]);

export function readCsv(text: string, reading: Reading = { delimiter: ',', quotes: true }): string[][] {
  const strict = reading.delimiter === ',' && reading.quotes;
  return parse(text, {
    bom: true,
    delimiter: reading.delimiter,
    quote: reading.quotes ? '"' : false,
    relax_quotes: !strict,
    relax_column_count: !strict,
  }) as string[][];
}

/** A cell a spreadsheet would run as a formula: starting with =, +, -, @ (or full-width forms), a tab or a CR, unless a plain number. */
export function startsFormula(cell: string): boolean {
  if (/^[\t\r]/.test(cell)) return true;
  const text = cell.replace(/^[\s"]+/, '').replace(/"+$/, '');
  if (/^-?\d+(\.\d+)?$/.test(text)) return false;
  return /^[=+\-@＝＋－＠]/.test(text);
}
