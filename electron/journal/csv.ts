// The journal as a CSV file for the shop's accountant (export/csv.ts writes it): one row per entry with
// every field. Phones are masked unless a manager asked for the full list.

import { phoneForScreen } from '../haravan/phone.ts';
import { toCsv, type Cell } from '../export/csv.ts';
import type { JournalEntry } from './types.ts';

const COLUMNS: readonly [string, (entry: JournalEntry, fullPhones: boolean) => Cell][] = [
  ['id', (e) => e.id],
  ['seq', (e) => e.seq],
  ['created_at', (e) => e.createdAt],
  ['till', (e) => e.till],
  ['member_id', (e) => e.memberId],
  ['member_phone', (e, full) => (full ? e.memberPhone : phoneForScreen(e.memberPhone).phoneMasked)],
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
  // Added later: at the end, so that a spreadsheet built on the earlier columns still reads them.
  ['reason_kind', (e) => e.reasonKind],
  ['money_dong', (e) => e.moneyDong],
];

export const CSV_HEADER = COLUMNS.map(([name]) => name);

export function journalCsv(entries: readonly JournalEntry[], options: { fullPhones: boolean }): string {
  return toCsv([CSV_HEADER, ...entries.map((entry) => COLUMNS.map(([, value]) => value(entry, options.fullPhones)))]);
}
