// The offline journal: one SQLite file per till (Node's built-in node:sqlite, which Electron's Node ships,
// so no native module to rebuild). Every adjustment the cashier confirms is written here, durably, before
// any request is sent; every state change is a compare-and-set in a transaction with its event, so two
// callers can never both send one entry and a stale answer can never overwrite a newer attempt.

import { randomUUID } from 'node:crypto';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { LoyaltyError, type EncodedError } from '../haravan/errors.ts';
import { toCsv } from './csv.ts';
import { balanceAfter, toEntry, toEvent } from './rows.ts';
import { migrate } from './schema.ts';
import { inTransaction } from '../sqlite/transaction.ts';
import {
  ENTRY_STATES,
  OPEN_STATES,
  type EntryState,
  type JournalEntry,
  type JournalError,
  type JournalEvent,
  type ListQuery,
  type ManualNote,
  type RecordInput,
  type Resolution,
} from './types.ts';

export interface JournalOptions {
  /** This till's name, kept on every entry. */
  till: string;
}

/** What beginSend did: marked the entry sending, or left it because it is not the member's next to send. */
export type SendStart =
  | { started: true; entry: JournalEntry }
  | { started: false; entry: JournalEntry; waitingFor?: JournalEntry };

export interface Settlement {
  detail: string;
  serverBalance?: number;
  error?: JournalError;
}

export interface Journal {
  /** The till named on every entry this journal records. */
  readonly till: string;
  /** The journal's database, which the member directory shares (the exclusive lock allows no other connection). */
  readonly database: DatabaseSync;

  /** Writes a confirmed adjustment as `pending`; on disk when this returns. */
  record(input: RecordInput): JournalEntry;
  get(id: string): JournalEntry | undefined;
  /** In creation order. */
  list(query?: ListQuery): JournalEntry[];
  /** The entry's transitions, oldest first. */
  history(id: string): JournalEvent[];
  counts(): Record<EntryState, number>;
  /** Points of this member's redeems not yet known to be applied or refused, to limit redeeming offline. */
  pendingRedeemsFor(memberId: number): number;
  /** A manager drops a pending or rejected entry; the reason is kept. */
  discard(id: string, note: ManualNote): JournalEntry;
  /** A manager settles a needs_review entry after checking Haravan: it is there, or send it again. */
  resolve(id: string, resolution: Resolution, note: ManualNote): JournalEntry;
  /** RFC 4180, UTF-8 with a BOM (so Excel shows Vietnamese), one row per entry with every field. */
  exportCsv(): string;
  close(): void;

  // For sendEntry and the replayer.
  /** The member's earliest open entry: the only one of theirs that may be sent or reconciled. */
  head(memberId: number): JournalEntry | undefined;
  /** Members whose earliest open entry can be worked on now (pending or uncertain), by that entry's age. */
  membersToReplay(): number[];
  /** pending → sending (attempts + 1), assuming `balanceBefore`, if the entry is its member's next. */
  beginSend(id: string, balanceBefore: number): SendStart;
  /**
   * Moves the entry from the state and attempt it had in `seen` to `to`; undefined (and nothing written)
   * if it has moved on since, so a late answer never overwrites a newer one.
   */
  settle(seen: JournalEntry, to: EntryState, settlement: Settlement): JournalEntry | undefined;
  /** Keeps a failure that changed nothing (a reconciliation that could not reach the store). */
  noteError(seen: JournalEntry, error: JournalError): void;
  /** Stops all sending (the token was refused): nothing is dropped; resumeSending when the token changed. */
  pauseSending(error: EncodedError): void;
  resumeSending(): void;
  sendingPausedBy(): EncodedError | undefined;
}

const OPEN = OPEN_STATES.map((state) => `'${state}'`).join(', ');

const now = () => new Date().toISOString();

export function openJournal(file: string, options: JournalOptions): Journal {
  const till = options.till.trim();
  if (till === '') throw new LoyaltyError('invalid_input', 'A till name is required', { detail: 'till' });
  const db = new DatabaseSync(file, { timeout: 500 });
  try {
    // One process per journal: a second one could take another's in-flight send for an interrupted one.
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    db.exec('PRAGMA journal_mode = WAL');
    // Every commit is fsynced: an entry is on disk before record() returns, through a power cut.
    db.exec('PRAGMA synchronous = FULL');
    migrate(db);
    recoverInterruptedSends(db);
  } catch (error) {
    db.close();
    if (error instanceof Error && /locked|busy/i.test(error.message)) {
      throw new Error(`The journal ${file} is open in another process`, { cause: error });
    }
    throw error;
  }

  const statements = {
    insert: db.prepare(`
      INSERT INTO entries (id, member_id, member_phone, member_name, direction, points, reason, ref_id, till,
        created_at, state, card_balance_before, card_balance_after, updated_at)
      VALUES (:id, :member_id, :member_phone, :member_name, :direction, :points, :reason, :ref_id, :till,
        :at, 'pending', :card_balance_before, :card_balance_after, :at)
      RETURNING *`),
    event: db.prepare('INSERT INTO events (entry_id, from_state, to_state, at, detail) VALUES (?, ?, ?, ?, ?)'),
    byId: db.prepare('SELECT * FROM entries WHERE id = ?'),
    head: db.prepare(`SELECT * FROM entries WHERE member_id = ? AND state IN (${OPEN}) ORDER BY seq LIMIT 1`),
    membersToReplay: db.prepare(`
      SELECT member_id FROM entries
      WHERE seq IN (SELECT MIN(seq) FROM entries WHERE state IN (${OPEN}) GROUP BY member_id)
        AND state IN ('pending', 'uncertain')
      ORDER BY seq`),
    history: db.prepare('SELECT * FROM events WHERE entry_id = ? ORDER BY seq'),
    counts: db.prepare('SELECT state, COUNT(*) AS n FROM entries GROUP BY state'),
    pendingRedeems: db.prepare(`
      SELECT COALESCE(SUM(points), 0) AS points FROM entries
      WHERE member_id = ? AND direction = 'subtract' AND state IN (${OPEN})`),
  };
  let pausedBy: EncodedError | undefined;

  const find = (id: string) => {
    const row = statements.byId.get(id);
    return row ? toEntry(row) : undefined;
  };

  const existing = (id: string) => {
    const entry = find(id);
    if (!entry) throw new LoyaltyError('invalid_input', `No journal entry ${id}`, { detail: 'entry' });
    return entry;
  };

  /** The compare-and-set every state change goes through. Column names come from this module only. */
  function move(
    seen: JournalEntry,
    to: EntryState,
    changes: Record<string, SQLInputValue>,
    detail: string,
  ): JournalEntry | undefined {
    const at = now();
    const assignments = Object.keys(changes).map((column) => `, ${column} = :${column}`).join('');
    const row = db
      .prepare(
        `UPDATE entries SET state = :to, updated_at = :at${assignments}
         WHERE id = :id AND state = :seen_state AND attempts = :seen_attempts RETURNING *`,
      )
      .get({ ...changes, to, at, id: seen.id, seen_state: seen.state, seen_attempts: seen.attempts });
    if (!row) return undefined;
    statements.event.run(seen.id, seen.state, to, at, detail);
    return toEntry(row);
  }

  function manual(id: string, allowed: readonly EntryState[], to: EntryState, note: ManualNote, what: string) {
    const by = note.by.trim();
    const reason = note.reason.trim();
    if (by === '' || reason === '') {
      throw new LoyaltyError('invalid_input', 'Say who decided and why', { detail: by === '' ? 'by' : 'reason' });
    }
    return inTransaction(db, () => {
      const entry = existing(id);
      if (!allowed.includes(entry.state)) {
        throw new LoyaltyError('invalid_input', `Only ${allowed.join(' or ')} entries can be ${what} (this one is ${entry.state})`, {
          detail: 'state',
        });
      }
      return move(entry, to, { resolved_by: by, resolution_note: reason }, `${what} by ${by}: ${reason}`)!;
    });
  }

  return {
    till,
    database: db,

    record(input) {
      checkRecordInput(input);
      return inTransaction(db, () => {
        const at = now();
        const row = statements.insert.get({
          id: randomUUID(),
          member_id: input.member.id,
          member_phone: input.member.phone,
          member_name: input.member.name,
          direction: input.direction,
          points: input.points,
          reason: input.reason.trim(),
          ref_id: input.refId.trim(),
          till,
          at,
          card_balance_before: input.balanceBefore,
          card_balance_after: balanceAfter(input.direction, input.points, input.balanceBefore),
        })!;
        const entry = toEntry(row);
        statements.event.run(entry.id, null, 'pending', at, `recorded at ${till}; card showed ${input.balanceBefore}`);
        return entry;
      });
    },

    get: find,

    list(query = {}) {
      const where: string[] = [];
      const values: SQLInputValue[] = [];
      if (query.states) {
        where.push(`state IN (${query.states.map(() => '?').join(', ') || 'NULL'})`);
        values.push(...query.states);
      }
      if (query.memberId !== undefined) {
        where.push('member_id = ?');
        values.push(query.memberId);
      }
      let limit = '';
      if (query.limit !== undefined) {
        limit = ' LIMIT ?';
        values.push(Number.isSafeInteger(query.limit) ? Math.max(0, query.limit) : 0);
      }
      const sql = `SELECT * FROM entries${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY seq${limit}`;
      return db.prepare(sql).all(...values).map(toEntry);
    },

    history: (id) => statements.history.all(id).map(toEvent),

    counts() {
      const counts = Object.fromEntries(ENTRY_STATES.map((state) => [state, 0])) as Record<EntryState, number>;
      for (const row of statements.counts.all()) counts[row.state as EntryState] = row.n as number;
      return counts;
    },

    pendingRedeemsFor: (memberId) => statements.pendingRedeems.get(memberId)!.points as number,

    discard: (id, note) => manual(id, ['pending', 'rejected'], 'discarded', note, 'discarded'),

    resolve(id, resolution, note) {
      if (resolution !== 'applied' && resolution !== 'resend') {
        throw new LoyaltyError('invalid_input', `Unknown resolution ${String(resolution)}`, { detail: 'resolution' });
      }
      const to = resolution === 'applied' ? 'applied' : 'pending';
      return manual(id, ['needs_review'], to, note, resolution === 'applied' ? 'resolved as applied' : 'resolved to resend');
    },

    exportCsv: () => toCsv(db.prepare('SELECT * FROM entries ORDER BY seq').all().map(toEntry)),

    close: () => db.close(),

    head(memberId) {
      const row = statements.head.get(memberId);
      return row ? toEntry(row) : undefined;
    },

    membersToReplay: () => statements.membersToReplay.all().map((row) => row.member_id as number),

    beginSend(id, balanceBefore) {
      return inTransaction(db, (): SendStart => {
        const entry = existing(id);
        const head = statements.head.get(entry.memberId);
        const first = head ? toEntry(head) : undefined;
        if (entry.state !== 'pending') return { started: false, entry };
        if (first && first.id !== entry.id) return { started: false, entry, waitingFor: first };
        const attempt = entry.attempts + 1;
        const expected = balanceAfter(entry.direction, entry.points, balanceBefore);
        const sending = move(
          entry,
          'sending',
          {
            attempts: attempt,
            sent_balance_before: balanceBefore,
            sent_balance_after: expected,
            last_sent_at: now(),
          },
          `attempt ${attempt}, assuming ${balanceBefore} → ${expected}`,
        )!;
        return { started: true, entry: sending };
      });
    },

    settle(seen, to, settlement) {
      const changes: Record<string, SQLInputValue> = {};
      if (settlement.serverBalance !== undefined) changes.server_balance = settlement.serverBalance;
      if (settlement.error) {
        changes.last_error_code = settlement.error.code;
        changes.last_error_message = settlement.error.message;
      }
      return inTransaction(db, () => move(seen, to, changes, settlement.detail));
    },

    noteError(seen, error) {
      db.prepare(
        `UPDATE entries SET last_error_code = ?, last_error_message = ?, updated_at = ?
         WHERE id = ? AND state = ? AND attempts = ?`,
      ).run(error.code, error.message, now(), seen.id, seen.state, seen.attempts);
    },

    pauseSending(error) {
      pausedBy = error;
    },
    resumeSending() {
      pausedBy = undefined;
    },
    sendingPausedBy: () => pausedBy,
  };
}

/**
 * Entries left `sending` belong to a process that is gone (the file is only ever open in one): their request
 * may or may not have left, so they become `uncertain`, to be reconciled, never resent blindly.
 */
function recoverInterruptedSends(db: DatabaseSync): void {
  inTransaction(db, () => {
    const at = now();
    db.prepare(
      `INSERT INTO events (entry_id, from_state, to_state, at, detail)
       SELECT id, 'sending', 'uncertain', ?, 'interrupted while sending attempt ' || attempts || ': the app stopped before the answer was kept'
       FROM entries WHERE state = 'sending' ORDER BY seq`,
    ).run(at);
    db.prepare(`UPDATE entries SET state = 'uncertain', updated_at = ? WHERE state = 'sending'`).run(at);
  });
}

function checkRecordInput(input: RecordInput): void {
  const refuse = (detail: string, message: string) => {
    throw new LoyaltyError('invalid_input', message, { detail });
  };
  const { member } = input;
  if (!Number.isSafeInteger(member.id) || member.id <= 0) refuse('member', 'Not a member id');
  if (typeof member.phone !== 'string' || typeof member.name !== 'string') refuse('member', 'Member phone and name must be text');
  if (input.direction !== 'add' && input.direction !== 'subtract') refuse('direction', 'Direction must be add or subtract');
  if (!Number.isSafeInteger(input.points) || input.points <= 0) refuse('points', 'Points must be a positive whole number');
  if (typeof input.reason !== 'string' || input.reason.trim() === '') refuse('reason', 'A reason is required');
  if (typeof input.refId !== 'string') refuse('refId', 'The order reference must be text');
  if (!Number.isSafeInteger(input.balanceBefore) || input.balanceBefore < 0) {
    refuse('balanceBefore', 'The balance before must be a whole number of points');
  }
}
