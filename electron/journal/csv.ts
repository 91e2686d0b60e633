// The journal as a CSV file for the shop's accountant: RFC 4180 (CRLF, fields quoted when needed, quotes
// doubled), UTF-8 with a byte order mark because Excel otherwise reads Vietnamese as mojibake.

import type { JournalEntry } from './types.ts';

const COLUMNS: readonly [string, (entry: JournalEntry) => string | number | null][] = [
  ['id', (e) => e.id],
  ['seq', (e) => e.seq],
  ['created_at', (e) => e.createdAt],
  ['till', (e) => e.till],
  ['member_id', (e) => e.memberId],
  ['member_phone', (e) => e.memberPhone],
  ['member_name', (e) => e.memberName],
  ['direction', (e) => e.direction],
  ['points', (e) => e.points],
  ['reason', (e) => e.reason],
  ['ref_id', (e) => e.refId],
  ['state', (e) => e.state],
  ['attempts', (e) => e.attempts],
  ['card_balance_before', (e) => e.cardBalanceBefore],
  ['card_balance_after', (e) => e.cardBalanceAfter],
  ['sent_balance_before', (e) => e.sentBalanceBefore],
  ['sent_balance_after', (e) => e.sentBalanceAfter],
  ['last_sent_at', (e) => e.lastSentAt],
  ['server_balance', (e) => e.serverBalance],
  ['review_reason', (e) => e.reviewReason],
  ['duplicate_check', (e) => e.duplicateCheck],
  ['reverses_id', (e) => e.reversesId],
  ['reversal_kind', (e) => e.reversalKind],
  ['last_error_code', (e) => e.lastError?.code ?? null],
  ['last_error_message', (e) => e.lastError?.message ?? null],
  ['updated_at', (e) => e.updatedAt],
  ['resolved_by', (e) => e.resolvedBy],
  ['resolution_note', (e) => e.resolutionNote],
];

export const CSV_HEADER = COLUMNS.map(([name]) => name);

export function toCsv(entries: readonly JournalEntry[]): string {
  const lines = [CSV_HEADER.map(field), ...entries.map((entry) => COLUMNS.map(([, value]) => cell(value(entry))))];
  return `\uFEFF${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}

function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return field(neutralised(value));
}

function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Text a cashier or the shop typed (a reason, a name, a "+84…" phone) that starts like a formula would run
 * as one in Excel; a leading apostrophe keeps it text (OWASP's advice against CSV injection).
 */
function neutralised(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
