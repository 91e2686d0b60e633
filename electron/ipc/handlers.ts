// One handler per contract channel, wired to the connection, the shop session (journal, directory), the
// settings, the manager PIN and the member actions. Electron-free: the Electron adapter and the browser
// harness serve the same handlers.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Connection } from '../connection/connection.ts';
import type { Sessions } from '../desk.ts';
import { phoneForScreen } from '../haravan/phone.ts';
import type { JournalEntry } from '../journal/types.ts';
import type { ShopSession } from '../shop/session.ts';
import type { Shift } from '../shift/shifts.ts';
import { snapshotOf } from '../journal/send.ts';
import { adjustPoints, sendNow } from '../members/adjust.ts';
import { getMember, lookup, recentMembers } from '../members/members.ts';
import { reversalState, type Journal } from '../journal/journal.ts';
import type { LoyaltyRules } from '../loyalty/rules.ts';
import type { PrinterPort } from '../printing/printer.ts';
import type { PrintService } from '../printing/service.ts';
import { NEW_PIN, type ManagerLock } from '../settings/manager-pin.ts';
import { trustedSettings, type SealedSettings } from '../settings/sealed.ts';
import { LoyaltyError } from '../haravan/errors.ts';
import { publicSettings } from '../settings/settings.ts';
import { SCREENS, type DeskStatus, type DirectoryView, type Handlers, type JournalEntryView } from './contract.ts';
import type { TillPort } from '../till/port.ts';
import { diagnosticsFileName, writeDiagnostics } from '../logging/diagnostics.ts';

export interface HandlerDeps {
  till: TillPort;
  /** The stored token, blanked wherever it might appear in a file written for support. */
  secrets: () => readonly string[];
  connection: Connection;
  sessions: Sessions;
  settings: SealedSettings;
  lock: ManagerLock;
  exportDir: () => string;
  printing: PrintService;
  printer: PrinterPort;
}

/** What a manager's hand on the journal is recorded as. */
const MANAGER = 'manager';

export function createHandlers({ till, secrets, connection, sessions, settings, lock, exportDir, printing, printer }: HandlerDeps): Handlers {
  async function status(): Promise<DeskStatus> {
    const base = {
      ...connection.status(),
      health: connection.health(),
      pinSet: lock.pinSet(),
      unlocked: lock.unlocked(),
      settingsTampered: settings.tampered(),
    };
    const session = base.mode === 'none' || base.tokenMissing ? undefined : await sessions.current().catch(() => sessions.open());
    const counts = session?.journal.counts();
    const pausedBy = session?.journal.sendingPausedBy()?.code;
    return {
      ...base,
      pendingAdjustments: counts ? counts.pending + counts.sending + counts.uncertain : 0,
      journal: {
        pending: (counts?.pending ?? 0) + (counts?.sending ?? 0),
        uncertain: counts?.uncertain ?? 0,
        rejected: counts?.rejected ?? 0,
        needs_review: counts?.needs_review ?? 0,
        applied_twice: session?.journal.suspectedDuplicates() ?? 0,
      },
      journalPausedBy: pausedBy === undefined ? null : pausedBy === 'wrong_address' ? 'wrong_address' : 'token_refused',
      otherStoresWaiting: sessions.othersWaiting(),
    };
  }
  /** Replacing or leaving a store in use is a manager's decision; the first connection is not. */
  const guardIfInUse = () => {
    const current = connection.status();
    if (current.mode !== 'none' && !current.tokenMissing) lock.guard();
  };
  /** A sealed limit as the manager set it; its default while the seal is broken (the file's value may be anyone's). */
  const trustedLimit = (field: 'pinAbovePoints' | 'offlineRedeemCapPoints') => trusted()[field];
  const trusted = () => trustedSettings(settings);
  const trustedRules = (): LoyaltyRules => {
    const { pointValueDong, earnDongPerPoint, earnRounding, salesRecordedInHaravan } = trusted();
    return { pointValueDong, earnDongPerPoint, earnRounding, salesRecordedInHaravan };
  };
  /** What the screen is told: the figures main acts on, so that the screen never shows another discount. */
  const shownSettings = () => publicSettings(trusted());
  /** Above the limit in settings, one adjustment needs the PIN, whatever the screen sent. */
  const guardLargeAdjustment = (points: number) => {
    const limit = trustedLimit('pinAbovePoints');
    if (points <= limit) return;
    if (!settings.tampered() && !lock.unlocked()) {
      throw new LoyaltyError('pin_required', `More than ${limit} points at once needs the manager PIN`, { detail: 'over_limit' });
    }
    lock.guard();
  };
  const directoryView = async (): Promise<DirectoryView> => {
    const session = await sessions.current();
    const { shop: _shop, ...view } = session.directory.status(session.shop);
    return view;
  };

  return {
    getStatus: status,
    connectStore: async ({ token, pin, storeName }) => {
      // With the seal broken, the token itself is the manager's proof; otherwise replacing a store needs the PIN.
      const restart = settings.tampered();
      if (!restart) guardIfInUse();
      // A real store is guarded by a PIN from the start: asked for with the token, checked before any request.
      const newPin = restart || !lock.pinSet();
      if (newPin && (pin === undefined || !NEW_PIN.test(pin))) {
        throw new LoyaltyError('invalid_input', 'Set a manager PIN of 6 to 12 digits to connect a store', { detail: 'pin_needed' });
      }
      await connection.connectStore(token);
      if (newPin) lock.restart(pin!);
      if (storeName) settings.write({ ...settings.read(), storeName });
      return status();
    },
    disconnectStore: async () => {
      lock.guard();
      // The directory goes with the store, open or not; the journal stays, so nothing confirmed is ever lost.
      await sessions.forgetMembers();
      await connection.disconnectStore();
      return status();
    },
    setTrainingMode: async ({ enabled }) => {
      guardIfInUse();
      await connection.setTraining(enabled);
      return status();
    },
    unlockSettings: async ({ pin }) => {
      lock.unlock(pin);
      return status();
    },
    lockSettings: async () => {
      lock.lock();
      return status();
    },
    setManagerPin: async ({ pin }) => {
      if (pin === null && connection.status().mode === 'store') {
        throw new LoyaltyError('invalid_input', 'A connected store is always guarded by a PIN', { detail: 'pin_needed_for_store' });
      }
      lock.setPin(pin);
      return status();
    },
    getSettings: async () => shownSettings(),
    setLanguage: async ({ language }) => {
      settings.write({ ...settings.read(), language });
      return shownSettings();
    },
    updateSettings: async (patch) => {
      lock.guard();
      const before = settings.read();
      const next = { ...before, ...patch };
      settings.write(next);
      till.applySettings(trusted());
      // The token was checked at the old address: it is forgotten, and the manager connects again.
      if (next.apiUrl !== before.apiUrl && connection.status().mode === 'store') await connection.disconnectStore();
      return shownSettings();
    },
    lookup: async ({ query }) => lookup(await sessions.current(), query),
    getMember: async ({ memberId }) => getMember(await sessions.current(), memberId),
    addPoints: async (input) => {
      guardLargeAdjustment(input.points);
      return adjustPoints(await adjustContext(), 'add', input);
    },
    subtractPoints: async (input) => {
      guardLargeAdjustment(input.points);
      return adjustPoints(await adjustContext(), 'subtract', input);
    },
    listJournal: async ({ states, attention, limit }) => {
      const session = await sessions.current();
      const entries = session.journal.list(states ? { states, orSuspectedDuplicates: attention } : {});
      return entries.reverse().slice(0, limit ?? 200).map((entry) => forPanel(entry, session.journal));
    },
    retryJournal: async () => {
      (await sessions.current()).replayer.nudge();
      return status();
    },
    discardEntry: async ({ id, reason }) => {
      lock.guard();
      const { journal } = await sessions.current();
      return forPanel(journal.discard(id, { by: MANAGER, reason }), journal);
    },
    resolveEntry: async ({ id, resolution, note }) => {
      lock.guard();
      const session = await sessions.current();
      const decided = session.journal.get(id);
      // The balance as the manager decides, which a resend decided within the settle window must still find.
      const balanceNow = resolution === 'resend' && decided ? await session.client().getProfile(decided.memberId).then(snapshotOf, () => undefined) : undefined;
      const entry = session.journal.resolve(id, resolution, { by: MANAGER, reason: note }, { settleMs: session.settleMs, balanceNow });
      if (resolution === 'resend') session.replayer.nudge();
      return forPanel(entry, session.journal);
    },
    resendEntry: async ({ id, note }) => {
      lock.guard();
      const session = await sessions.current();
      const entry = session.journal.resendRefused(id, { by: MANAGER, reason: note });
      session.replayer.nudge();
      return forPanel(entry, session.journal);
    },
    settleDuplicate: async ({ id, decision, note }) => {
      lock.guard();
      const session = await sessions.current();
      const manual = { by: MANAGER, reason: note };
      if (decision === 'dismiss') return forPanel(session.journal.dismissDuplicate(id, manual), session.journal);
      reverse(session, id, 'duplicate', note);
      session.replayer.nudge();
      return forPanel(session.journal.get(id)!, session.journal);
    },
    reverseEntry: async ({ id, note }) => {
      lock.guard();
      const session = await sessions.current();
      // Sent at once, like a cashier's change: the card then shows the store's balance, or the expected one.
      const { entry } = await sendNow(session, reverse(session, id, 'refund', note).id);
      return forPanel(entry, session.journal);
    },
    exportJournal: async (input) => {
      const fullPhones = input?.fullPhones === true;
      // Every member's phone in one file is a manager's decision.
      if (fullPhones) lock.guard();
      const session = await sessions.current();
      await mkdir(exportDir(), { recursive: true });
      const file = join(exportDir(), `loyalty-journal-${fileStamp(new Date())}${fullPhones ? '-full-phones' : ''}.csv`);
      await writeFile(file, session.journal.exportCsv({ fullPhones }), 'utf8');
      return { file };
    },
    getDirectoryStatus: directoryView,
    syncDirectory: async () => {
      (await sessions.current()).syncDirectoryNow();
      return directoryView();
    },
    listPrinters: () => printer.list(),
    recentMembers: async () => recentMembers(await sessions.current(), settings.read().timeZone),
    previewSlip: async ({ memberId }) => printing.previewSlip(await sessions.current(), memberId),
    previewLastSlip: async () => printing.previewLastSlip(await sessions.current()),
    getShift: async () => {
      const session = await sessions.current();
      return session.shifts.current(session.journal.till) ?? null;
    },
    openShift: async ({ operator }) => {
      const session = await sessions.current();
      return session.shifts.open(session.journal.till, operator);
    },
    closeShift: async () => {
      const session = await sessions.current();
      const open = session.shifts.current(session.journal.till);
      if (!open) throw new LoyaltyError('invalid_input', 'No shift is open at this till', { detail: 'shift' });
      // A manager's unlock ends with the shift.
      lock.lock();
      return session.shifts.close(open.id);
    },
    previewShiftReport: async ({ shiftId }) => {
      const session = await sessions.current();
      return printing.previewShiftReport(session, shiftOf(session, shiftId));
    },
    exportShiftCsv: async ({ shiftId }) => {
      const session = await sessions.current();
      return printing.exportShiftCsv(session, shiftOf(session, shiftId));
    },
    getTillInfo: async () => {
      const crashed = till.afterCrash();
      const session = crashed ? await sessions.current().catch(() => undefined) : undefined;
      const counts = session?.journal.counts();
      return {
        versions: till.versions(),
        updates: till.updates(),
        afterCrash: crashed && {
          screen: SCREENS.find((screen) => screen === crashed.screen) ?? null,
          waitingChanges: counts ? counts.pending + counts.sending + counts.uncertain + counts.needs_review : 0,
        },
      };
    },
    checkForUpdates: () => till.checkForUpdates(),
    restartToUpdate: async () => {
      lock.guard();
      return till.restartToUpdate();
    },
    exportDiagnostics: async () => {
      lock.guard();
      const session = await sessions.current().catch(() => undefined);
      const current = trusted();
      await mkdir(exportDir(), { recursive: true });
      const file = join(exportDir(), diagnosticsFileName(current.tillName));
      writeDiagnostics(file, {
        versions: till.versions(),
        settings: { ...publicSettings(current), mode: current.mode, settingsTampered: settings.tampered() },
        journalCounts: session?.journal.counts() ?? {},
        logFiles: till.logFiles(),
        extra: { updates: till.updates(), status: await status() },
        secrets: secrets(),
      });
      return { file };
    },
    setScreen: async ({ screen }) => {
      till.setScreen(screen);
      return null;
    },
    printPreview: ({ previewId }) => printing.print(previewId),
    savePreviewPdf: ({ previewId }) => printing.savePdf(previewId),
  };

  function shiftOf(session: ShopSession, shiftId: number | undefined): Shift {
    const shift = shiftId === undefined ? session.shifts.current(session.journal.till) : session.shifts.get(shiftId);
    if (!shift) throw new LoyaltyError('invalid_input', 'No such shift', { detail: 'shift' });
    return shift;
  }

  async function adjustContext() {
    return {
      session: await sessions.current(),
      offline: connection.health() === 'offline',
      offlineRedeemCapPoints: trustedLimit('offlineRedeemCapPoints'),
      rules: trustedRules(),
    };
  }
}

/** Records a manager's opposite change of an applied entry, from the member's balance as the till last knew it. */
function reverse(session: ShopSession, id: string, kind: 'duplicate' | 'refund', note: string): JournalEntry {
  const original = session.journal.get(id);
  const balance = original ? (session.directory.findById(session.shop, original.memberId)?.point_available ?? original.serverBalance ?? 0) : 0;
  return session.journal.reverse(id, kind, { by: MANAGER, reason: note }, balance);
}

function forPanel(entry: JournalEntry, journal: Journal): JournalEntryView {
  const { memberPhone, sentPointUsedBefore: _used, sentUpdatedAtBefore: _stamp, attemptFromUs: _from, attemptToUs: _to, settleWaitedMs: _waited, ...rest } = entry;
  return { ...rest, memberPhoneMasked: phoneForScreen(memberPhone).phoneMasked, reversal: reversalState(journal, entry.id) };
}

/** 2026-11-29T17:05:09Z → 20261129-170509, safe in a file name on every system. */
function fileStamp(at: Date): string {
  return at.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}
