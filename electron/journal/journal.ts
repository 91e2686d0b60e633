// The offline journal: one SQLite file per shop (Node's built-in node:sqlite, which Electron's Node ships,
// so no native module to rebuild). Every adjustment the cashier confirms is written here, durably, before
// any request is sent; every state change is a compare-and-set in a transaction with its event, so two
// callers can never both send one entry and a stale answer can never overwrite a newer attempt.
//
// The settle window (how long after an attempt that may have reached the store "nothing changed" is
// believed) is measured on the monotonic clock, so setting the wall clock forward or back neither shortens
// nor stretches it. Across a restart the time watched so far is kept on disk and the watch goes on from the
// start of the new run: the time the app was not running never counts.

import { randomUUID } from 'node:crypto';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { LoyaltyError, type EncodedError } from '../haravan/errors.ts';
import { journalCsv } from './csv.ts';
import { balanceAfter, toEntry, toEvent } from './rows.ts';
import { migrate } from './schema.ts';
import { inTransaction } from '../sqlite/transaction.ts';
import {
  ENTRY_STATES,
  OPEN_STATES,
  RESEND_SETTLE_MS,
  type BalanceSnapshot,
  type DuplicateCheck,
  type EntryState,
  type JournalEntry,
  type JournalError,
  type JournalEvent,
  type ListQuery,
  type ManualNote,
  type RecordInput,
  type Resolution,
  type ReversalKind,
  type ReviewReason,
} from './types.ts';

export interface JournalOptions {
  /** This till's name, kept on every entry. */
  till: string;
  /** The settle window (RESEND_SETTLE_MS); the sends and the replayer of this journal default to it. */
  settleMs?: number;
  /** Monotonic milliseconds; defaults to performance.now(). Tests move it. */
  monotonic?: () => number;
  /** Epoch milliseconds for the times people read; defaults to Date.now(). Tests set it off to prove it decides nothing. */
  wallClock?: () => number;
  /** Told every event written to an entry's history (the till's log); the member's name and phone are not in it. */
  onEvent?: (event: { entryId: string; from: EntryState | null; to: EntryState; detail: string }) => void;
}

/**
 * What beginSend did: marked the entry sending, or left it (not the member's next, too soon after an attempt,
 * or sent to review because the member changed since sending it again was decided).
 */
export type SendStart =
  | { started: true; entry: JournalEntry }
  | { started: false; entry: JournalEntry; waitingFor?: JournalEntry; waitMs?: number };

export interface Settlement {
  detail: string;
  serverBalance?: number;
  error?: JournalError;
  /** Into `uncertain`: the latest moment, on Haravan's clock, the attempt may have been applied. */
  attemptToUs?: number | null;
  /** Into `needs_review`: why. */
  reviewReason?: ReviewReason;
  /** Into `applied` after a resend: the check still to make, and the member as it starts from. */
  duplicateCheck?: DuplicateCheck;
  duplicateCheckBalance?: number;
  duplicateCheckStamp?: string | null;
  /** Into `pending` to be sent again: the updated_at of the read it was decided on. */
  decidedStamp?: string | null;
}

export interface Journal {
  /** The till named on every entry this journal records. */
  readonly till: string;
  /** The settle window of this journal (see RESEND_SETTLE_MS). */
  readonly settleMs: number;
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
  /** Applied entries whose balance shows them applied twice: each needs a manager. */
  suspectedDuplicates(): number;
  /** Points of this member's redeems not yet known to be applied or refused, to limit redeeming offline. */
  pendingRedeemsFor(memberId: number): number;
  /**
   * A manager drops a pending or rejected entry; the reason is kept. Refused while an earlier attempt of it
   * may still be applied by the store (the settle window has not passed since it ended).
   */
  discard(id: string, note: ManualNote): JournalEntry;
  /**
   * A manager settles a needs_review entry after checking Haravan: it is there, or send it again. For a
   * resend, `balanceNow` is the member's balance as the manager decided; decided before the settle window
   * was over, the resend waits for it and goes only if the balance is still that (an earlier attempt may
   * land meanwhile).
   */
  resolve(id: string, resolution: Resolution, note: ManualNote, options?: { settleMs?: number; balanceNow?: BalanceSnapshot }): JournalEntry;
  /** A manager sends again an entry refused because its member was not found (the address was wrong, say). */
  resendRefused(id: string, note: ManualNote): JournalEntry;
  /**
   * Records the opposite change of an applied entry, linked to it, as a new pending entry (at most one of each
   * kind per entry at a time; another only once that one was refused and discarded): `duplicate` undoes the
   * extra application of a change the store shows twice, which counts as reversed once that is applied.
   */
  reverse(id: string, kind: ReversalKind, note: ManualNote, balanceBefore: number): JournalEntry;
  /** The manager's reversal (a refund or a mistake) of this entry that is not discarded, if any. */
  refundOf(id: string): JournalEntry | undefined;
  /** A manager looked at a suspected double application and found it applied once. */
  dismissDuplicate(id: string, note: ManualNote): JournalEntry;
  /**
   * Deletes applied and discarded entries recorded before `before` (ISO 8601), with their history; never an
   * entry with work left or in front of a manager. Returns how many went.
   */
  purgeSettledBefore(before: string): number;
  /** One row per entry with every field (csv.ts); phones masked unless `fullPhones`. */
  exportCsv(options?: { fullPhones: boolean }): string;
  close(): void;

  // For sendEntry and the replayer.
  /** The member's earliest open entry (or applied one with a duplicate check due): the only one of theirs worked on. */
  head(memberId: number): JournalEntry | undefined;
  /** Members whose earliest open entry can be worked on now (pending, uncertain, a check due), by that entry's age. */
  membersToReplay(): number[];
  /** Applied entries sent more than once whose balance is still to be looked at once more. */
  duplicateChecksDue(): JournalEntry[];
  /**
   * pending → sending (attempts + 1), assuming the fresh read `before`, if the entry is its member's next and
   * `settleMs` has passed since an earlier attempt that may have reached the store ended. An entry whose
   * resend was decided on a read the member no longer matches goes to review instead.
   */
  beginSend(id: string, before: BalanceSnapshot, settleMs: number): SendStart;
  /** The send begun for this entry is over, however it ended (its request is no longer in flight). */
  endSend(id: string): void;
  /**
   * Entries left `sending` by a send of this run that ended without settling them (the disk was full, say):
   * made `uncertain`, like those of a run that stopped. Returns how many.
   */
  recoverStuckSends(): number;
  /** The attempt in flight was dispatched: from `fromUs` on Haravan's clock (null if unknown) it may be applied. */
  noteAttempt(seen: JournalEntry, fromUs: number | null): void;
  /**
   * Moves the entry from the state and attempt it had in `seen` to `to`; undefined (and nothing written)
   * if it has moved on since, so a late answer never overwrites a newer one.
   */
  settle(seen: JournalEntry, to: EntryState, settlement: Settlement): JournalEntry | undefined;
  /** Keeps a failure that changed nothing (a reconciliation that could not reach the store). */
  noteError(seen: JournalEntry, error: JournalError): void;
  /**
   * Milliseconds this app has watched since the entry's last attempt that may have reached the store ended;
   * null when no attempt of it can still be applied late. Kept on disk, so a restart goes on from there.
   */
  waited(entry: JournalEntry): number | null;
  /** A duplicate check was made on a read showing `serverBalance`: `suspected`, or cleared. */
  endDuplicateCheck(seen: JournalEntry, found: 'suspected' | null, detail: string, serverBalance: number): JournalEntry | undefined;
  /** Something the journal learnt of the shop (see journal_facts in schema.ts). */
  fact(name: string): string | undefined;
  learn(name: string, value: string): void;
  /** Stops all sending (the token was refused, the address is not a store): nothing is dropped. */
  pauseSending(error: EncodedError): void;
  resumeSending(): void;
  sendingPausedBy(): EncodedError | undefined;
}

const OPEN = OPEN_STATES.map((state) => `'${state}'`).join(', ');
/**
 * An applied entry whose duplicate check is still to be made holds its member's later entries too: the
 * check compares the member with the applying answer, which only this till's own later changes would move.
 */
const DUE = `duplicate_check = 'due'`;

/** An entry (table alias `at`) with nothing left to do or decide, recorded before :before. */
const settledBefore = (at: string) =>
  `(${at}.state IN ('applied', 'discarded') AND (${at}.duplicate_check IS NULL OR ${at}.duplicate_check NOT IN ('due', 'suspected')) AND ${at}.created_at < :before)`;

/** States in which an earlier attempt may still be applied late, so the watch goes on. */
const STILL_WATCHED: readonly EntryState[] = ['uncertain', 'needs_review', 'pending'];

export function openJournal(file: string, options: JournalOptions): Journal {
  const till = options.till.trim();
  if (till === '') throw new LoyaltyError('invalid_input', 'A till name is required', { detail: 'till' });
  const monotonic = options.monotonic ?? (() => performance.now());
  const settleMs = options.settleMs ?? RESEND_SETTLE_MS;
  const wallClock = options.wallClock ?? Date.now;
  const now = () => new Date(wallClock()).toISOString();
  const db = new DatabaseSync(file, { timeout: 500 });
  try {
    // One process per journal: a second one could take another's in-flight send for an interrupted one.
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    db.exec('PRAGMA journal_mode = WAL');
    // Every commit is fsynced: an entry is on disk before record() returns, through a power cut.
    db.exec('PRAGMA synchronous = FULL');
    // What is deleted (a purged entry, a wiped directory) is overwritten, not left in free pages.
    db.exec('PRAGMA secure_delete = ON');
    migrate(db);
    recoverInterruptedSends(db, now());
  } catch (error) {
    db.close();
    if (error instanceof Error && /locked|busy/i.test(error.message)) {
      throw new Error(`The journal ${file} is open in another process`, { cause: error });
    }
    throw error;
  }
  const openedAt = monotonic();

  const statements = {
    insert: db.prepare(`
      INSERT INTO entries (id, member_id, member_phone, member_name, direction, points, reason, ref_id, till,
        created_at, state, card_balance_before, card_balance_after, updated_at, reverses_id, reversal_kind, reason_kind, money_dong)
      VALUES (:id, :member_id, :member_phone, :member_name, :direction, :points, :reason, :ref_id, :till,
        :at, 'pending', :card_balance_before, :card_balance_after, :at, :reverses_id, :reversal_kind, :reason_kind, :money_dong)
      RETURNING *`),
    event: db.prepare('INSERT INTO events (entry_id, from_state, to_state, at, detail) VALUES (?, ?, ?, ?, ?)'),
    byId: db.prepare('SELECT * FROM entries WHERE id = ?'),
    head: db.prepare(`SELECT * FROM entries WHERE member_id = ? AND (state IN (${OPEN}) OR ${DUE}) ORDER BY seq LIMIT 1`),
    membersToReplay: db.prepare(`
      SELECT member_id FROM entries
      WHERE seq IN (SELECT MIN(seq) FROM entries WHERE state IN (${OPEN}) OR ${DUE} GROUP BY member_id)
        AND (state IN ('pending', 'uncertain') OR ${DUE})
      ORDER BY seq`),
    duplicatesDue: db.prepare(`SELECT * FROM entries WHERE duplicate_check = 'due' ORDER BY seq`),
    suspected: db.prepare(`SELECT COUNT(*) AS n FROM entries WHERE duplicate_check = 'suspected'`),
    history: db.prepare('SELECT * FROM events WHERE entry_id = ? ORDER BY seq'),
    counts: db.prepare('SELECT state, COUNT(*) AS n FROM entries GROUP BY state'),
    pendingRedeems: db.prepare(`
      SELECT COALESCE(SUM(points), 0) AS points FROM entries
      WHERE member_id = ? AND direction = 'subtract' AND state IN (${OPEN})`),
    fact: db.prepare('SELECT value FROM journal_facts WHERE name = ?'),
    learn: db.prepare('INSERT INTO journal_facts (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value'),
    waited: db.prepare('UPDATE entries SET settle_waited_ms = ? WHERE id = ? AND settle_waited_ms IS NOT NULL AND settle_waited_ms < ?'),
    // A change and its reversals go together, once every one of them is settled and old: a reversal purged
    // alone would leave its original looking never reversed, and open to a second reversal.
    purgeable: db.prepare(`
      SELECT e.id FROM entries e WHERE ${settledBefore('e')}
        AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses_id = e.id AND NOT (${settledBefore('r')}))
        AND NOT EXISTS (SELECT 1 FROM entries o WHERE o.id = e.reverses_id
          AND NOT (${settledBefore('o')} AND NOT EXISTS (SELECT 1 FROM entries s WHERE s.reverses_id = o.id AND NOT (${settledBefore('s')}))))`),
  };
  /** Every state change is in the entry's history, and told to whoever keeps the till's log. */
  const noteEvent = (entryId: string, from: EntryState | null, to: EntryState, at: string, detail: string) => {
    statements.event.run(entryId, from, to, at, detail);
    options.onEvent?.({ entryId, from, to, detail });
  };
  let pausedBy: EncodedError | undefined;
  /** Where this run's watch of each entry started: the monotonic instant, and what had been watched before it. */
  const watches = new Map<string, { at: number; before: number }>();
  /** Entries whose send (in this run) has begun and not yet ended. */
  const inFlight = new Set<string>();

  const find = (id: string) => {
    const row = statements.byId.get(id);
    return row ? toEntry(row) : undefined;
  };

  const existing = (id: string) => {
    const entry = find(id);
    if (!entry) throw new LoyaltyError('invalid_input', `No journal entry ${id}`, { detail: 'entry' });
    return entry;
  };

  function waited(entry: JournalEntry): number | null {
    if (entry.settleWaitedMs === null) {
      watches.delete(entry.id);
      return null;
    }
    let watch = watches.get(entry.id);
    if (!watch) {
      // First sight in this run of an entry watched in an earlier one: the watch goes on from this run's start.
      watch = { at: openedAt, before: entry.settleWaitedMs };
      watches.set(entry.id, watch);
    }
    return watch.before + Math.max(0, monotonic() - watch.at);
  }

  /** Keeps what has been watched on disk, so that a crash loses at most the time since the last check. */
  function keepWaited(entry: JournalEntry): void {
    const ms = waited(entry);
    if (ms !== null) statements.waited.run(Math.floor(ms), entry.id, Math.floor(ms));
  }

  /** The compare-and-set every state change goes through. Column names come from this module only. */
  function move(
    seen: JournalEntry,
    to: EntryState,
    changes: Record<string, SQLInputValue>,
    detail: string,
  ): JournalEntry | undefined {
    const at = now();
    const all: Record<string, SQLInputValue> = { ...changes };
    if (to === 'uncertain' && seen.state === 'sending') {
      // A new watch: from the end of this attempt.
      all.attempt_ended_at = at;
      all.settle_waited_ms = 0;
      all.unanswered_attempts = seen.unansweredAttempts + 1;
      watches.set(seen.id, { at: monotonic(), before: 0 });
    } else if (to === 'applied' && all.duplicate_check === 'due') {
      // Applied on a later attempt: the duplicate check waits the settle window from now.
      all.settle_waited_ms = 0;
      watches.set(seen.id, { at: monotonic(), before: 0 });
    } else if (!STILL_WATCHED.includes(to) || (to === 'pending' && (seen.state === 'uncertain' || seen.state === 'sending'))) {
      // Settled, reconciled as not applied after the window, or an attempt that provably did not reach the store.
      all.settle_waited_ms = null;
      watches.delete(seen.id);
    } else if (seen.settleWaitedMs !== null && !('settle_waited_ms' in all)) {
      const ms = waited(seen);
      if (ms !== null) all.settle_waited_ms = Math.floor(ms);
    }
    if ((to === 'applied' || to === 'needs_review') && !('last_error_code' in all)) {
      // What the panel shows of a settled or reviewed entry is its outcome or the reason for the review;
      // the failures on the way stay in its history.
      all.last_error_code = null;
      all.last_error_message = null;
    }
    if (to !== 'needs_review') all.review_reason = null;
    const assignments = Object.keys(all).map((column) => `, ${column} = :${column}`).join('');
    const row = db
      .prepare(
        `UPDATE entries SET state = :to, updated_at = :at${assignments}
         WHERE id = :id AND state = :seen_state AND attempts = :seen_attempts RETURNING *`,
      )
      .get({ ...all, to, at, id: seen.id, seen_state: seen.state, seen_attempts: seen.attempts });
    if (!row) return undefined;
    noteEvent(seen.id, seen.state, to, at, detail);
    if (to === 'applied' && seen.reversesId !== null && seen.reversalKind === 'duplicate') {
      // The extra application is taken back only now that the reversal is in the store.
      db.prepare(`UPDATE entries SET duplicate_check = 'reversed' WHERE id = ? AND duplicate_check = 'suspected'`).run(seen.reversesId);
      noteEvent(seen.reversesId, 'applied', 'applied', at, `extra application reversed by entry ${seen.id}`);
    }
    return toEntry(row);
  }

  /** An open reversal of this kind of the entry (recorded, not discarded). */
  const openReversal = (id: string, kind: ReversalKind) =>
    db.prepare(`SELECT * FROM entries WHERE reverses_id = ? AND reversal_kind = ? AND state <> 'discarded'`).get(id, kind);

  function checkedNote(note: ManualNote): { by: string; reason: string } {
    const by = note.by.trim();
    const reason = note.reason.trim();
    if (by === '' || reason === '') {
      throw new LoyaltyError('invalid_input', 'Say who decided and why', { detail: by === '' ? 'by' : 'reason' });
    }
    return { by, reason };
  }

  function refuseState(entry: JournalEntry, allowed: string, what: string): never {
    throw new LoyaltyError('invalid_input', `Only ${allowed} entries can be ${what} (this one is ${entry.state})`, { detail: 'state' });
  }

  function manual(
    id: string,
    allowed: readonly EntryState[],
    to: EntryState,
    note: ManualNote,
    what: string,
    more: (entry: JournalEntry) => Record<string, SQLInputValue> = () => ({}),
  ) {
    const { by, reason } = checkedNote(note);
    return inTransaction(db, () => {
      const entry = existing(id);
      if (!allowed.includes(entry.state)) refuseState(entry, allowed.join(' or '), what);
      return move(entry, to, { resolved_by: by, resolution_note: reason, ...more(entry) }, `${what} by ${by}: ${reason}`)!;
    });
  }

  function insert(input: RecordInput, reverses?: { id: string; kind: ReversalKind }): JournalEntry {
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
      reverses_id: reverses?.id ?? null,
      reversal_kind: reverses?.kind ?? null,
      reason_kind: input.reasonKind ?? null,
      money_dong: input.moneyDong ?? null,
    })!;
    const entry = toEntry(row);
    const reversing = reverses ? `; reverses ${reverses.id} (${reverses.kind})` : '';
    noteEvent(entry.id, null, 'pending', at, `recorded at ${till}; card showed ${input.balanceBefore}${reversing}`);
    return entry;
  }

  return {
    till,
    settleMs,
    database: db,

    record(input) {
      checkRecordInput(input);
      return inTransaction(db, () => insert(input));
    },

    get: find,

    list(query = {}) {
      const where: string[] = [];
      const values: SQLInputValue[] = [];
      if (query.states) {
        const suspected = query.orSuspectedDuplicates ? ` OR duplicate_check = 'suspected'` : '';
        where.push(`(state IN (${query.states.map(() => '?').join(', ') || 'NULL'})${suspected})`);
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

    suspectedDuplicates: () => statements.suspected.get()!.n as number,

    pendingRedeemsFor: (memberId) => statements.pendingRedeems.get(memberId)!.points as number,

    discard(id, note) {
      const entry = existing(id);
      const watched = waited(entry);
      if (entry.state === 'pending' && watched !== null && watched < settleMs) {
        throw new LoyaltyError('invalid_input', 'An earlier attempt of this change may still be applied by the store: it can be cancelled once that is ruled out', {
          detail: 'still_settling',
          waitSeconds: Math.ceil((settleMs - watched) / 1000),
        });
      }
      return manual(id, ['pending', 'rejected'], 'discarded', note, 'discarded');
    },

    resolve(id, resolution, note, options = {}) {
      if (resolution === 'applied') return manual(id, ['needs_review'], 'applied', note, 'resolved as applied');
      if (resolution !== 'resend') {
        throw new LoyaltyError('invalid_input', `Unknown resolution ${String(resolution)}`, { detail: 'resolution' });
      }
      return manual(id, ['needs_review'], 'pending', note, 'resolved to resend', (entry) => {
        const changes: Record<string, SQLInputValue> = { decided_stamp: null };
        const watched = waited(entry);
        if (options.settleMs !== undefined && watched !== null && watched >= options.settleMs) {
          // Decided after the window was over: nothing can land any more, the resend needs no further check.
          changes.settle_waited_ms = null;
          watches.delete(entry.id);
        } else if (options.balanceNow) {
          changes.server_balance = options.balanceNow.point_available;
          changes.decided_stamp = options.balanceNow.updated_at ?? null;
        }
        return changes;
      });
    },

    resendRefused(id, note) {
      const entry = existing(id);
      if (entry.state === 'rejected' && entry.lastError?.code !== 'not_found') {
        throw new LoyaltyError('invalid_input', 'Only an entry refused because its member was not found can be sent again', {
          detail: 'state',
        });
      }
      return manual(id, ['rejected'], 'pending', note, 'sent again');
    },

    reverse(id, kind, note, balanceBefore) {
      const { by, reason } = checkedNote(note);
      return inTransaction(db, () => {
        const original = existing(id);
        const open = openReversal(id, kind);
        if (open) {
          const [detail, message] =
            open.state === 'applied'
              ? ['reversed', 'This change has been reversed already']
              : open.state === 'rejected'
                ? ['reversal_refused', 'The store refused the earlier reversal of this change: discard it first']
                : ['reversal_open', 'A reversal of this change is on its way'];
          throw new LoyaltyError('invalid_input', message, { detail });
        }
        if (original.state !== 'applied') refuseState(original, 'applied', 'reversed');
        if (kind === 'refund' && original.reversesId !== null) {
          throw new LoyaltyError('invalid_input', 'A reversal is not reversed again: record a new change instead', { detail: 'is_reversal' });
        }
        if (kind === 'refund' && (original.duplicateCheck === 'due' || original.duplicateCheck === 'suspected')) {
          // The store may show it twice: that is settled first, or a refund and a take-back would both go.
          throw new LoyaltyError('invalid_input', 'Whether this change was applied twice is still open', { detail: 'duplicate_open' });
        }
        if (kind === 'duplicate' && original.duplicateCheck !== 'suspected') {
          throw new LoyaltyError('invalid_input', 'Only a change the store shows twice has an extra application to reverse', { detail: 'state' });
        }
        const reversal = insert(
          {
            member: { id: original.memberId, phone: original.memberPhone, name: original.memberName },
            direction: original.direction === 'add' ? 'subtract' : 'add',
            points: original.points,
            reason,
            refId: original.refId,
            balanceBefore: Math.max(0, balanceBefore),
            moneyDong: original.moneyDong ?? undefined,
          },
          { id, kind },
        );
        db.prepare(`UPDATE entries SET resolved_by = ?, resolution_note = ? WHERE id = ?`).run(by, reason, id);
        noteEvent(id, 'applied', 'applied', now(), `${kind === 'duplicate' ? 'extra application' : 'change'} to be reversed by ${by} (entry ${reversal.id}): ${reason}`);
        return reversal;
      });
    },

    refundOf(id) {
      const row = openReversal(id, 'refund');
      return row ? toEntry(row) : undefined;
    },

    dismissDuplicate(id, note) {
      const { by, reason } = checkedNote(note);
      return inTransaction(db, () => {
        const entry = existing(id);
        if (entry.duplicateCheck !== 'suspected') {
          throw new LoyaltyError('invalid_input', 'This entry is not suspected of being applied twice', { detail: 'state' });
        }
        if (openReversal(id, 'duplicate')) {
          throw new LoyaltyError('invalid_input', 'A reversal of this change is on its way', { detail: 'reversal_open' });
        }
        db.prepare(`UPDATE entries SET duplicate_check = 'dismissed', resolved_by = ?, resolution_note = ? WHERE id = ?`).run(by, reason, id);
        noteEvent(id, 'applied', 'applied', now(), `found applied once by ${by}: ${reason}`);
        return existing(id);
      });
    },

    purgeSettledBefore(before) {
      return inTransaction(db, () => {
        const ids = JSON.stringify(statements.purgeable.all({ before }).map((row) => row.id as string));
        db.prepare('DELETE FROM events WHERE entry_id IN (SELECT value FROM json_each(?))').run(ids);
        return Number(db.prepare('DELETE FROM entries WHERE id IN (SELECT value FROM json_each(?))').run(ids).changes);
      });
    },

    exportCsv: (options = { fullPhones: false }) => journalCsv(db.prepare('SELECT * FROM entries ORDER BY seq').all().map(toEntry), options),

    close: () => db.close(),

    head(memberId) {
      const row = statements.head.get(memberId);
      return row ? toEntry(row) : undefined;
    },

    membersToReplay: () => statements.membersToReplay.all().map((row) => row.member_id as number),

    duplicateChecksDue: () => statements.duplicatesDue.all().map(toEntry),

    beginSend(id, before, settleMs) {
      return inTransaction(db, (): SendStart => {
        const entry = existing(id);
        const head = statements.head.get(entry.memberId);
        const first = head ? toEntry(head) : undefined;
        if (entry.state !== 'pending') return { started: false, entry };
        if (first && first.id !== entry.id) return { started: false, entry, waitingFor: first };
        if (changedSinceDecided(entry, before)) {
          // Sending it again was decided on a read of the member (the reconciliation's, or a manager's within
          // the settle window), and the member is no longer so: an earlier attempt may have landed since.
          const review = move(
            entry,
            'needs_review',
            { server_balance: before.point_available, review_reason: 'changed_elsewhere' },
            `Haravan shows ${before.point_available} (updated ${before.updated_at ?? '?'}), not ${entry.serverBalance} as when it was found safe to send again: the member changed since`,
          )!;
          return { started: false, entry: review };
        }
        const watched = waited(entry);
        if (watched !== null && watched < settleMs) {
          keepWaited(entry);
          return { started: false, entry, waitMs: settleMs - watched };
        }
        const attempt = entry.attempts + 1;
        const expected = balanceAfter(entry.direction, entry.points, before.point_available);
        const sending = move(
          entry,
          'sending',
          {
            attempts: attempt,
            sent_balance_before: before.point_available,
            sent_balance_after: expected,
            sent_point_used_before: before.point_used ?? null,
            sent_updated_at_before: before.updated_at ?? null,
            last_sent_at: now(),
            attempt_from_us: null,
            attempt_to_us: null,
            decided_stamp: null,
          },
          `attempt ${attempt}, assuming ${before.point_available} → ${expected}`,
        )!;
        inFlight.add(sending.id);
        return { started: true, entry: sending };
      });
    },

    endSend: (id) => void inFlight.delete(id),

    recoverStuckSends() {
      const stuck = db.prepare(`SELECT id FROM entries WHERE state = 'sending'`).all().map((row) => row.id as string).filter((id) => !inFlight.has(id));
      if (stuck.length === 0) return 0;
      inTransaction(db, () => {
        for (const id of stuck) {
          const entry = existing(id);
          move(entry, 'uncertain', {}, 'the send ended without its outcome being kept: its request may or may not have left');
        }
      });
      return stuck.length;
    },

    noteAttempt(seen, fromUs) {
      db.prepare(`UPDATE entries SET attempt_from_us = ? WHERE id = ? AND state = 'sending' AND attempts = ?`).run(fromUs, seen.id, seen.attempts);
    },

    settle(seen, to, settlement) {
      const changes: Record<string, SQLInputValue> = {};
      if (settlement.serverBalance !== undefined) changes.server_balance = settlement.serverBalance;
      if (settlement.error) {
        changes.last_error_code = settlement.error.code;
        changes.last_error_message = settlement.error.message;
      }
      if (settlement.attemptToUs !== undefined) changes.attempt_to_us = settlement.attemptToUs;
      if (settlement.reviewReason) changes.review_reason = settlement.reviewReason;
      if (settlement.duplicateCheck) {
        changes.duplicate_check = settlement.duplicateCheck;
        changes.duplicate_check_balance = settlement.duplicateCheckBalance ?? null;
        changes.duplicate_check_stamp = settlement.duplicateCheckStamp ?? null;
      }
      if (settlement.decidedStamp !== undefined) changes.decided_stamp = settlement.decidedStamp;
      return inTransaction(db, () => move(seen, to, changes, settlement.detail));
    },

    noteError(seen, error) {
      keepWaited(seen);
      db.prepare(
        `UPDATE entries SET last_error_code = ?, last_error_message = ?, updated_at = ?
         WHERE id = ? AND state = ? AND attempts = ?`,
      ).run(error.code, error.message, now(), seen.id, seen.state, seen.attempts);
    },

    waited(entry) {
      const ms = waited(entry);
      if (ms !== null) keepWaited(entry);
      return ms;
    },

    endDuplicateCheck(seen, found, detail, serverBalance) {
      return inTransaction(db, () => {
        const row = db
          .prepare(
            `UPDATE entries SET duplicate_check = ?, server_balance = ?, settle_waited_ms = NULL, updated_at = ?
             WHERE id = ? AND duplicate_check = 'due' RETURNING *`,
          )
          .get(found, serverBalance, now(), seen.id);
        if (!row) return undefined;
        watches.delete(seen.id);
        noteEvent(seen.id, 'applied', 'applied', now(), detail);
        return toEntry(row);
      });
    },

    fact: (name) => (statements.fact.get(name)?.value as string | undefined) ?? undefined,
    learn: (name, value) => void statements.learn.run(name, value),

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
 * may or may not have left, so they become `uncertain`, to be reconciled, never resent blindly. Their watch
 * starts now: the app never saw the attempt end, so the settle window runs from when it finds out.
 */
function recoverInterruptedSends(db: DatabaseSync, at: string): void {
  inTransaction(db, () => {
    db.prepare(
      `INSERT INTO events (entry_id, from_state, to_state, at, detail)
       SELECT id, 'sending', 'uncertain', ?, 'interrupted while sending attempt ' || attempts || ': the app stopped before the answer was kept'
       FROM entries WHERE state = 'sending' ORDER BY seq`,
    ).run(at);
    db.prepare(
      `UPDATE entries SET state = 'uncertain', updated_at = ?, attempt_ended_at = ?, settle_waited_ms = 0,
         unanswered_attempts = unanswered_attempts + 1
       WHERE state = 'sending'`,
    ).run(at, at);
  });
}

/** An entry to be sent again after an unanswered attempt, whose member is no longer as when that was decided. */
function changedSinceDecided(entry: JournalEntry, before: BalanceSnapshot): boolean {
  if (entry.unansweredAttempts === 0 || entry.serverBalance === null) return false;
  if (entry.decidedStamp === null && entry.settleWaitedMs === null) return false;
  if (before.point_available !== entry.serverBalance) return true;
  return entry.decidedStamp !== null && before.updated_at != null && before.updated_at !== entry.decidedStamp;
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

/**
 * The member's changes waiting to be sent (pending: provably not applied yet), how many and what they add
 * up to: the store's last balance plus `points` is the balance a screen or a slip shows as expected. A
 * change being sent or of unknown outcome may already be in a balance read since, so it is not added (it
 * is counted and shown apart, as unclear, until the journal settles it).
 */
export function waitingChange(journal: Pick<Journal, 'list'>, memberId: number): { count: number; points: number; entryIds: string[] } {
  const open = journal.list({ memberId, states: ['pending'] });
  return {
    count: open.length,
    points: open.reduce((sum, entry) => sum + (entry.direction === 'add' ? entry.points : -entry.points), 0),
    entryIds: open.map((entry) => entry.id),
  };
}

/** Where a manager's reversal of the entry stands: none, on its way, refused by the store (a manager discards it to try again), applied. */
export function reversalState(journal: Pick<Journal, 'refundOf'>, id: string): 'none' | 'open' | 'refused' | 'applied' {
  const reversal = journal.refundOf(id);
  if (reversal === undefined) return 'none';
  return reversal.state === 'applied' ? 'applied' : reversal.state === 'rejected' ? 'refused' : 'open';
}
