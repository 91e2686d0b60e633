// Everything the main process serves, assembled without Electron: the Electron entry passes its
// adapters (safeStorage vault, electron-store settings, printing), the browser harness and the tests
// pass in-memory ones. Both then answer the renderer through the same dispatch.

import { join } from 'node:path';
import { createConnection, type Connection } from './connection/connection.ts';
import type { TokenVault } from './connection/token-vault.ts';
import type { Transport } from './haravan/transport.ts';
import { createDispatch, type Dispatch } from './ipc/dispatch.ts';
import { createHandlers } from './ipc/handlers.ts';
import { startSandbox } from './sandbox/server.ts';
import { createManagerLock } from './settings/manager-pin.ts';
import { sealedSettings, trustedSettings } from './settings/sealed.ts';
import { DEFAULT_SETTINGS } from './settings/settings.ts';
import type { SettingsStore } from './settings/settings.ts';
import type { PrinterPort } from './printing/printer.ts';
import { createPrintService } from './printing/service.ts';
import { shopRegistry } from './shop/identity.ts';
import { forgetMembersIn, openShopSession, type JournalTiming, type ShopSession } from './shop/session.ts';
import type { EventLog } from './logging/log.ts';
import { NO_TILL, type TillPort } from './till/port.ts';

/** Asked every few seconds by the screen: their answers would fill the log with nothing new. */
const POLLED = new Set(['getStatus', 'getDirectoryStatus', 'listJournal', 'getShift', 'getSettings', 'getTillInfo', 'setScreen']);

/** A log that keeps nothing (a desk without a log file). */
const SILENT: EventLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface DeskDeps {
  vault: TokenVault;
  settings: SettingsStore;
  dataDir: string;
  /** Where journal exports are written; defaults to an `exports` folder in the data folder. */
  exportDir?: string;
  /** See ConnectionDeps.transport. */
  transport?: Transport;
  /** HARAVAN_API_URL, passed by development builds only (see ConnectionDeps.developmentAddress). */
  developmentAddress?: () => string | undefined;
  printer: PrinterPort;
  /** Where the screen's preview frame loads a rendered document from. */
  previewUrl: (previewId: string) => string;
  logError?: (channel: string, error: unknown) => void;
  /** See JournalTiming; tests shorten the journal's windows. */
  journalTiming?: JournalTiming;
  /** The till's log: every request's outcome, journal state change, sync and error (redacted as it is written). */
  log?: EventLog;
  /** The program the desk runs in (versions, updates, window); none in tests of the desk alone. */
  till?: TillPort;
}

export interface Desk {
  dispatch: Dispatch;
  connection: Connection;
  /** A rendered document by preview id, for the preview URL's server. */
  previewDocument(previewId: string): string | undefined;
  close(): Promise<void>;
}

/** The current shop's session, opened on first use and closed when the store changes. */
export interface Sessions {
  current(): Promise<ShopSession>;
  /** The session if one is open now, without connecting. */
  open(): ShopSession | undefined;
  /** Other known shops whose files hold changes on their way (counted when the shop in use changes). */
  othersWaiting(): { label: string; waiting: number }[];
  /** The current store's members leave this till, whether or not its session is open. */
  forgetMembers(): Promise<void>;
  close(): Promise<void>;
}

export function createDesk(deps: DeskDeps): Desk {
  const shops = shopRegistry(deps.dataDir);
  // Every read and write of the settings goes through the seal (settings/sealed.ts).
  const settings = sealedSettings(deps.settings, deps.vault.settingsKey());
  let session: ShopSession | undefined;
  let closing: Promise<void> = Promise.resolve();

  const closeSession = () => {
    const ending = session;
    session = undefined;
    closing = closing.then(() => ending?.close());
    return closing;
  };

  const log = deps.log ?? SILENT;
  const till = deps.till ?? NO_TILL;

  const connection = createConnection({
    log,
    vault: deps.vault,
    settings,
    developmentAddress: deps.developmentAddress,
    dataDir: deps.dataDir,
    transport: deps.transport,
    startTrainingStore: (dataFile) => startSandbox({ dataFile }),
    identifyShop: (candidate) => shops.identify(candidate).id,
    knownByTokenOnly: (shopId) => shops.get(shopId)?.sample.length === 0,
    learnShopMembers: (shopId, candidate) => shops.learnMembers(shopId, candidate),
    onForget: () => void closeSession(),
  });

  // Other shops' files do not change while they are not in use: counted once per shop in use.
  let othersCounted: { shop: string | undefined; waiting: { label: string; waiting: number }[] } | undefined;

  const sessions: Sessions = {
    othersWaiting() {
      const shop = session?.shop;
      const counted = othersCounted && othersCounted.shop === shop ? othersCounted : { shop, waiting: shops.othersWaiting(shop?.replace(/^store:/, '')) };
      othersCounted = counted;
      return counted.waiting;
    },
    async current() {
      const client = await connection.client();
      const shop = connection.shopKey();
      if (!shop) throw new Error('A client without a shop');
      if (session?.shop === shop) {
        if (session.client() !== client) await session.useClient(client);
        return session;
      }
      await closeSession();
      session = openShopSession({
        dataDir: deps.dataDir,
        shop,
        till: settings.read().tillName,
        client,
        journalTiming: deps.journalTiming,
        log,
        retentionDays: () => (settings.tampered() ? DEFAULT_SETTINGS : settings.read()).journalRetentionDays,
      });
      return session;
    },
    open: () => session,
    async forgetMembers() {
      const shop = connection.shopKey();
      if (!shop) return;
      if (session?.shop === shop) await session.forgetMembers();
      else forgetMembersIn(deps.dataDir, shop);
    },
    close: closeSession,
  };

  const secrets = () => {
    const stored = deps.vault.read();
    return stored ? [stored.token] : [];
  };
  const defaultExportDir = deps.exportDir ?? join(deps.dataDir, 'exports');
  // The folder a manager chose, unless the seal is broken (then anyone may have chosen it).
  const exportDir = () => (!settings.tampered() && settings.read().exportFolder) || defaultExportDir;
  const printing = createPrintService({
    printer: deps.printer,
    settings: () => settings.read(),
    exportDir,
    previewUrl: deps.previewUrl,
    training: () => connection.status().mode === 'training',
  });
  // The window, the login item and the updater follow the settings from the start.
  till.applySettings(trustedSettings(settings));
  const handlers = createHandlers({
    till,
    secrets,
    connection,
    sessions,
    settings,
    lock: createManagerLock(settings),
    exportDir,
    printing,
    printer: deps.printer,
  });
  const dispatch = createDispatch(handlers, {
    secrets,
    logError: (channel, error) => deps.logError?.(channel, redact(error, secrets())),
    onAnswer: (channel, outcome) => {
      if (!outcome.ok) log.warn('ipc.refused', { channel, code: outcome.code, detail: outcome.detail, ms: outcome.ms });
      else if (!POLLED.has(channel)) log.info('ipc', { channel, ms: outcome.ms });
    },
  });
  return {
    dispatch,
    connection,
    previewDocument: (previewId) => printing.document(previewId),
    async close() {
      await closeSession();
      await connection.close();
    },
  };
}

/** An error as loggable text with every secret blanked out. */
export function redact(error: unknown, secrets: readonly string[]): string {
  let text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  for (const secret of secrets) if (secret) text = text.split(secret).join('[redacted]');
  return text;
}
