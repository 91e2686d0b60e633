// The one CSV writer, for everything a manager opens in a spreadsheet (the journal, the shift report):
// RFC 4180 with CRLF line ends and every cell quoted, in UTF-8 with a byte order mark so that Excel reads
// Vietnamese instead of guessing a legacy code page.
//
// Text comes from people and from the store (a reason, an order reference, a member's name), so it is
// written so that no spreadsheet runs it as a formula (OWASP "CSV injection"): a cell is quoted, but Excel
// for vi-VN splits on ";" and others on tab, ignoring the quoting meant for ",", so every stretch of text
// that a separator or a line break could turn into a cell of its own has its leading =, +, -, @ (or tab,
// carriage return) preceded by an apostrophe. Numbers the app computed are written as numbers.

const BOM = '\uFEFF';

export type Cell = string | number | null;

/** Where a spreadsheet may start a cell inside a text: after any separator it might split on, or a line break. */
const SPLIT = /([,;\t\r\n|])/;
const FORMULA_START = /^( *)([=+\-@＝＋－＠])/;

/** Text as it is safe to hand to a spreadsheet (see the top of this file). */
export function neutralised(text: string): string {
  const parts = text
    .split(SPLIT)
    .map((part) => (SPLIT.test(part) ? part : part.replace(FORMULA_START, "$1'$2")))
    .join('');
  // A cell that starts with a tab or a carriage return is read as a formula by some spreadsheets too.
  return /^[\t\r]/.test(parts) ? `'${parts}` : parts;
}

function quoted(cell: Cell): string {
  if (cell === null) return '""';
  const text = typeof cell === 'number' ? String(cell) : neutralised(cell);
  return `"${text.replaceAll('"', '""')}"`;
}

export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return BOM + rows.map((row) => `${row.map(quoted).join(',')}\r\n`).join('');
}
