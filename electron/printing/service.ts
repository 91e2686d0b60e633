// What the screen asks of printing: a preview of the member's loyalty slip or of a shift report, then
// print it or save it as PDF. Documents are rendered here from the directory, the journal and the
// settings; the printer port only carries them to paper.

import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LoyaltyError } from '../haravan/errors.ts';
import type { JournalEntry } from '../journal/types.ts';
import { waitingChange } from '../journal/journal.ts';
import type { ShopSession } from '../shop/session.ts';
import type { Settings } from '../settings/settings.ts';
import type { Shift } from '../shift/shifts.ts';
import type { AdjustmentState, PrintedAdjustment } from './adjustments.ts';
import type { Printable } from './document.ts';
import { isRoll } from './paper.ts';
import type { PrinterPort } from './printer.ts';
import { renderShiftReport, shiftReportCsv, type ShiftAdjustment } from './shift-report.ts';
import { renderSlip, type SlipInput } from './slip.ts';
import { phoneForScreen } from '../haravan/phone.ts';

export interface Preview {
  previewId: string;
  previewUrl: string;
  paper: Printable['paper']['id'];
}

export interface PrintService {
  previewSlip(session: ShopSession, memberId: number): Preview;
  /**
   * The last slip printed at this till (in this session of the shop), rendered again with the same figures,
   * marked as a reprint with the time the first print carries; printed now. Refused (`no_last_slip`) when
   * none has been printed since the app started.
   */
  previewLastSlip(session: ShopSession): Preview;
  previewShiftReport(session: ShopSession, shift: Shift): Preview;
  /** The document behind a preview id, for whoever serves the preview URL. */
  document(previewId: string): string | undefined;
  print(previewId: string): Promise<{ printer: string }>;
  savePdf(previewId: string): Promise<{ file: string }>;
  exportShiftCsv(session: ShopSession, shift: Shift): Promise<{ file: string }>;
}

export interface PrintServiceDeps {
  printer: PrinterPort;
  settings: () => Settings;
  /** Where PDFs and CSVs go: the folder the manager chose, or the app's default. */
  exportDir: () => string;
  previewUrl: (previewId: string) => string;
  /** The till is in Training mode: every document says so. */
  training: () => boolean;
  now?: () => Date;
}

/** Previews kept for printing; older ones are dropped. */
const KEPT_PREVIEWS = 20;
/** Without an open shift, "this visit" is the member's adjustments at this till in the last hours. */
const VISIT_WITHOUT_SHIFT_MS = 4 * 3600_000;

/** The directory's balance plus every change of the member still on its way, as the screen shows it; undefined when none. */
function expectedBalance(session: ShopSession, memberId: number, held: number): number | undefined {
  const waiting = waitingChange(session.journal, memberId);
  return waiting.count === 0 ? undefined : held + waiting.points;
}

export function journalState(entry: JournalEntry): AdjustmentState {
  switch (entry.state) {
    case 'applied':
      return 'applied';
    case 'needs_review':
      return 'needs_review';
    case 'rejected':
    case 'discarded':
      return 'rejected';
    default:
      return 'waiting';
  }
}

/** A journal entry as a slip or report prints it. */
export function printedAdjustment(entry: JournalEntry): PrintedAdjustment {
  return {
    direction: entry.direction,
    points: entry.points,
    reason: entry.reason,
    refId: entry.refId,
    state: journalState(entry),
    moneyDong: entry.moneyDong,
    reasonKind: entry.reasonKind,
    isReversal: entry.reversesId !== null,
  };
}

/**
 * An adjustment as the customer's slip prints it: a reversal under its original's reason (the manager's
 * note, which may be about the cashier, stays in the journal and on the shift report).
 */
function forCustomer(session: ShopSession, entry: JournalEntry): PrintedAdjustment {
  const printed = printedAdjustment(entry);
  const original = entry.reversesId === null ? undefined : session.journal.get(entry.reversesId);
  return original ? { ...printed, reason: original.reason } : printed;
}

/** A slip as it was rendered, to print it again: what it said, for which shop session, under which title. */
interface SlipPrint {
  session: ShopSession;
  input: SlipInput;
  title: string;
}

export function createPrintService(deps: PrintServiceDeps): PrintService {
  const now = deps.now ?? (() => new Date());
  const previews = new Map<string, { printable: Printable; title: string; slip?: SlipPrint }>();
  /**
   * The last slip printed per shop session, kept in memory only: it names a member, so it goes when the
   * session closes (a restart, another store, the store disconnected and its members wiped from the till).
   */
  const lastSlips = new WeakMap<ShopSession, SlipPrint>();

  function keep(printable: Printable, title: string, slip?: SlipPrint): Preview {
    const previewId = randomUUID();
    previews.set(previewId, { printable, title, ...(slip && { slip }) });
    while (previews.size > KEPT_PREVIEWS) previews.delete(previews.keys().next().value!);
    return { previewId, previewUrl: deps.previewUrl(previewId), paper: printable.paper.id };
  }

  function kept(previewId: string) {
    const preview = previews.get(previewId);
    if (!preview) throw new LoyaltyError('invalid_input', 'That preview is no longer available', { detail: 'preview' });
    return preview;
  }

  const stamp = () => now().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

  function shiftEntries(session: ShopSession, shift: Shift): JournalEntry[] {
    const until = shift.closedAt ?? now().toISOString();
    return session.journal.list().filter((e) => e.till === shift.till && e.createdAt >= shift.openedAt && e.createdAt <= until);
  }

  function reportInput(session: ShopSession, shift: Shift) {
    const settings = deps.settings();
    const adjustments: ShiftAdjustment[] = shiftEntries(session, shift).map((entry) => ({
      ...printedAdjustment(entry),
      at: new Date(entry.createdAt),
      member: { id: entry.memberId, name: entry.memberName, phoneMasked: phoneForScreen(entry.memberPhone).phoneMasked },
      ...(entry.reversesId !== null && { reverses: reversedChange(session, entry.reversesId), reversalKind: entry.reversalKind }),
    }));
    return {
      language: settings.language,
      timeZone: settings.timeZone,
      printedAt: now(),
      store: { name: settings.storeName },
      till: shift.till,
      operator: shift.operator,
      shift: { openedAt: new Date(shift.openedAt), closedAt: new Date(shift.closedAt ?? now().toISOString()) },
      adjustments,
      paper: settings.paper,
      training: deps.training(),
    };
  }

  /** The change a reversal reverses, as the journal still holds it (null once purged). */
  function reversedChange(session: ShopSession, id: string): ShiftAdjustment['reverses'] {
    const original = session.journal.get(id);
    if (!original) return null;
    return {
      at: new Date(original.createdAt),
      direction: original.direction,
      points: original.points,
      reason: original.reason,
      reasonKind: original.reasonKind,
      refId: original.refId,
    };
  }

  /** Files saved in Training mode say so in their name too. */
  const trainingPrefix = () => (deps.training() ? 'TRAINING-' : '');

  return {
    previewSlip(session, memberId) {
      const member = session.directory.findById(session.shop, memberId);
      if (!member) throw new LoyaltyError('not_found', `Member ${memberId} is not in the directory`);
      const settings = deps.settings();
      const shift = session.shifts.current(session.journal.till);
      const since = shift?.openedAt ?? new Date(now().getTime() - VISIT_WITHOUT_SHIFT_MS).toISOString();
      const visit = session.journal
        .list({ memberId })
        .filter((entry) => entry.till === session.journal.till && entry.createdAt >= since && entry.state !== 'discarded');
      const input: SlipInput = {
        language: settings.language,
        timeZone: settings.timeZone,
        printedAt: now(),
        store: { name: settings.storeName, footer: settings.slipFooter },
        member,
        adjustments: visit.map((entry) => forCustomer(session, entry)),
        paper: settings.paper,
        expectedBalance: expectedBalance(session, member.id, member.point_available),
        training: deps.training(),
      };
      const title = `slip-${memberId}`;
      return keep(renderSlip(input), title, { session, input, title });
    },
    previewLastSlip(session) {
      const last = lastSlips.get(session);
      if (!last) throw new LoyaltyError('invalid_input', 'No slip has been printed at this till yet', { detail: 'no_last_slip' });
      const { input } = last;
      const again: SlipInput = {
        ...input,
        printedAt: now(),
        reprint: { firstPrintedAt: input.printedAt },
        // A practice slip stays marked as one, and any slip printed in Training mode is marked.
        training: input.training === true || deps.training(),
      };
      // Printing the reprint keeps the first print as the one to reprint: the mark keeps its first time.
      return keep(renderSlip(again), `${last.title}-reprint`, last);
    },
    previewShiftReport(session, shift) {
      return keep(renderShiftReport(reportInput(session, shift)), `shift-${shift.id}`);
    },
    document: (previewId) => previews.get(previewId)?.printable.html,
    async print(previewId) {
      const { printable, title, slip } = kept(previewId);
      const chosen = deps.settings().printerName;
      const printers = await deps.printer.list();
      const printer = chosen ? printers.find((p) => p.name === chosen) : (printers.find((p) => p.isDefault) ?? printers[0]);
      if (!printer) throw new LoyaltyError('print_failed', chosen ? `Printer ${chosen} is not available` : 'No printer is installed', { detail: 'no_printer' });
      // Thermal printers at the till print at once; an office printer shows the system dialog.
      await deps.printer.print({ title, html: printable.html, paper: printable.paper, printer: printer.name, silent: isRoll(printable.paper.id) });
      // Only a slip that reached the printer becomes the one to reprint; a preview or a failed print does not.
      if (slip) lastSlips.set(slip.session, slip);
      return { printer: printer.displayName };
    },
    async savePdf(previewId) {
      const { printable, title } = kept(previewId);
      const bytes = await deps.printer.pdf({ title, html: printable.html, paper: printable.paper });
      await mkdir(deps.exportDir(), { recursive: true });
      const file = join(deps.exportDir(), `${trainingPrefix()}${title}-${stamp()}.pdf`);
      await writeFile(file, bytes);
      return { file };
    },
    async exportShiftCsv(session, shift) {
      await mkdir(deps.exportDir(), { recursive: true });
      const file = join(deps.exportDir(), `${trainingPrefix()}shift-${shift.id}-${stamp()}.csv`);
      await writeFile(file, shiftReportCsv(reportInput(session, shift)), 'utf8');
      return { file };
    },
  };
}
