// A stand-in for the `electron` module, for Node tests of the built main process (the real binary
// cannot run here). It records what the app asks of Electron (window options, IPC handlers, event
// listeners, permission handlers, the crash reporter, login items) and lets a test play Electron's part:
// fire `ready`, send IPC from a chosen frame, attempt a navigation, plug displays in and out, crash a
// renderer. `net.request` is Node's own HTTP client, so electron-updater really downloads over it.
// register.ts makes `import 'electron'` and `require('electron')` resolve to this file.

import { EventEmitter } from 'node:events';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Handler = (...args: never[]) => unknown;

// Electron sets it to the app's resources folder; electron-updater reads it as it starts.
(process as { resourcesPath?: string }).resourcesPath ??= fileURLToPath(new URL('../../../resources', import.meta.url));

/** What Electron passes to listeners that may refuse something. */
export interface PreventableEvent {
  url?: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

function preventableEvent(fields: { url?: string } = {}): PreventableEvent {
  return {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

// ---- app -------------------------------------------------------------------------------------------

class StandInApp extends EventEmitter {
  isPackaged = false;
  name = 'Electron';
  appUserModelId: string | undefined;
  sandboxEnabled = false;
  hasSingleInstanceLock = true;
  /** Set once a quit was not prevented by any will-quit listener. */
  quitted = false;
  exitCode: number | undefined;
  readonly paths = new Map<string, string>([
    ['appData', join(tmpdir(), 'loyalty-desk-stand-in')],
    ['documents', join(tmpdir(), 'loyalty-desk-stand-in', 'documents')],
  ]);
  /** Every app.setLoginItemSettings call, in order. */
  readonly loginItemSettings: Record<string, unknown>[] = [];
  relaunched = 0;
  /** app.getVersion(); a test of updates sets a real version. */
  version = '0.0.0-stand-in';
  private readyState = false;
  private resolveReady: () => void = () => {};
  private readonly readyPromise = new Promise<void>((resolve) => {
    this.resolveReady = resolve;
  });

  getPath(name: string): string {
    const path = this.paths.get(name);
    if (!path) throw new Error(`Stand-in app.getPath: no path for ${name}`);
    return path;
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  getName(): string {
    return this.name;
  }
  setName(name: string): void {
    this.name = name;
  }
  getVersion(): string {
    return this.version;
  }
  /** As for an app started from the repository: the folder holding package.json. */
  getAppPath(): string {
    return fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');
  }
  setLoginItemSettings(settings: Record<string, unknown>): void {
    this.loginItemSettings.push(settings);
  }
  getLoginItemSettings(): { openAtLogin: boolean } {
    return { openAtLogin: this.loginItemSettings.at(-1)?.['openAtLogin'] === true };
  }
  relaunch(): void {
    this.relaunched += 1;
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    return this.hasSingleInstanceLock;
  }
  isReady(): boolean {
    return this.readyState;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  quit(): void {
    if (this.emitPreventable('before-quit')) return;
    if (this.emitPreventable('will-quit')) return;
    this.quitted = true;
    // As Electron does: the event, then the exit code (electron-updater installs on quit only for 0).
    this.emit('quit', preventableEvent(), 0);
  }
  exit(code = 0): void {
    this.exitCode = code;
  }

  /** The test's part: Electron finished starting. */
  becomeReady(): void {
    this.readyState = true;
    this.emit('ready');
    this.resolveReady();
  }

  private emitPreventable(name: string): boolean {
    const event = preventableEvent();
    this.emit(name, event);
    return event.defaultPrevented;
  }
}

export const app = new StandInApp();

// ---- BrowserWindow and webContents -----------------------------------------------------------------

export class StandInWebContents extends EventEmitter {
  windowOpenHandler: Handler | undefined;
  /** What was printed through this webContents, and whether the next print fails. */
  readonly printed: Record<string, unknown>[] = [];
  reloads = 0;

  reload(): void {
    this.reloads += 1;
  }

  async getPrintersAsync(): Promise<{ name: string; displayName: string; isDefault: boolean }[]> {
    return [{ name: 'Stand-in thermal', displayName: 'Stand-in thermal', isDefault: true }];
  }
  async executeJavaScript(): Promise<number> {
    return 600;
  }
  print(options: Record<string, unknown>, callback: (success: boolean, failureReason: string) => void): void {
    this.printed.push(options);
    callback(true, '');
  }
  async printToPDF(): Promise<Buffer> {
    return Buffer.from('%PDF-1.7 stand-in');
  }

  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }

  /** Fires a preventable event such as will-navigate; says whether a listener prevented it. */
  attempt(name: string, url?: string): boolean {
    const event = preventableEvent(url === undefined ? {} : { url });
    this.emit(name, event, url);
    return event.defaultPrevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];

  readonly options: Record<string, unknown>;
  readonly webContents = new StandInWebContents();
  readonly loads: { method: 'loadFile' | 'loadURL'; target: string }[] = [];
  shown = false;
  minimized = false;
  focused = false;
  maximized = false;
  kiosk: boolean;
  /** Where the window is, as Electron would place it from the options (centred on the primary display without x and y). */
  bounds: { x: number; y: number; width: number; height: number };

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.kiosk = options['kiosk'] === true;
    const width = typeof options['width'] === 'number' ? options['width'] : 800;
    const height = typeof options['height'] === 'number' ? options['height'] : 600;
    const area = screen.getPrimaryDisplay().workArea;
    this.bounds = {
      x: typeof options['x'] === 'number' ? options['x'] : area.x + Math.floor((area.width - width) / 2),
      y: typeof options['y'] === 'number' ? options['y'] : area.y + Math.floor((area.height - height) / 2),
      width,
      height,
    };
    BrowserWindow.created.push(this);
    // As in Electron: every new webContents is announced on the app.
    app.emit('web-contents-created', preventableEvent(), this.webContents);
  }

  static getAllWindows(): BrowserWindow[] {
    return [...BrowserWindow.created];
  }

  loadFile(path: string): Promise<void> {
    this.loads.push({ method: 'loadFile', target: path });
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loads.push({ method: 'loadURL', target: url });
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.focused = true;
  }
  destroy(): void {
    this.destroyed = true;
  }
  destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds };
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds };
  }
  /** The test's part: the cashier drags the window somewhere (Electron emits `moved` once the drag ends). */
  moveTo(bounds: { x: number; y: number; width: number; height: number }): void {
    this.bounds = { ...bounds };
    this.emit('moved');
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  maximize(): void {
    this.maximized = true;
    this.emit('maximize');
  }
  setKiosk(flag: boolean): void {
    this.kiosk = flag;
  }
  isKiosk(): boolean {
    return this.kiosk;
  }
  /** As a click on the close button: `close` (preventable), then `closed`. */
  close(): void {
    const event = preventableEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.emit('closed');
  }
}

// ---- screen ----------------------------------------------------------------------------------------

export interface StandInDisplay {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  workArea: { x: number; y: number; width: number; height: number };
}

/** Displays as the test plugs them in: the first is the primary (the cashier's screen). */
export const screen = {
  displays: [
    { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
  ] as StandInDisplay[],
  getAllDisplays(): StandInDisplay[] {
    return screen.displays.map((display) => structuredClone(display));
  },
  getPrimaryDisplay(): StandInDisplay {
    return structuredClone(screen.displays[0]!);
  },
  /** As Electron: the display the rectangle overlaps most, else the primary one. */
  getDisplayMatching(rect: { x: number; y: number; width: number; height: number }): StandInDisplay {
    const overlap = (display: StandInDisplay) =>
      Math.max(0, Math.min(rect.x + rect.width, display.bounds.x + display.bounds.width) - Math.max(rect.x, display.bounds.x)) *
      Math.max(0, Math.min(rect.y + rect.height, display.bounds.y + display.bounds.height) - Math.max(rect.y, display.bounds.y));
    const best = [...screen.displays].sort((a, b) => overlap(b) - overlap(a))[0]!;
    return structuredClone(overlap(best) > 0 ? best : screen.displays[0]!);
  },
};

// ---- Menu ------------------------------------------------------------------------------------------

export const Menu = {
  /** Every setApplicationMenu() call's menu (null: none). */
  applicationMenus: [] as unknown[],
  setApplicationMenu(menu: unknown): void {
    Menu.applicationMenus.push(menu);
  },
};

// ---- crashReporter and Electron's own autoUpdater ---------------------------------------------------

export const crashReporter = {
  /** Every start() call's options. */
  starts: [] as Record<string, unknown>[],
  start(options: Record<string, unknown>): void {
    crashReporter.starts.push(options);
  },
  /** Every setUploadToServer() call's value. */
  uploads: [] as boolean[],
  setUploadToServer(allowed: boolean): void {
    crashReporter.uploads.push(allowed);
  },
};

/** electron-updater emits `before-quit-for-update` on Electron's own updater before it quits to install. */
export const autoUpdater = new EventEmitter();

// ---- IPC -------------------------------------------------------------------------------------------

/** The frame an IPC message comes from, as the test describes it. */
export interface SenderFrameDescription {
  url: string;
  /** False: a subframe (its parent is some other frame). */
  isMainFrame: boolean;
}

class StandInIpcMain extends EventEmitter {
  readonly handlers = new Map<string, Handler>();

  handle(channel: string, handler: Handler): void {
    // As in Electron: a second handler for one channel is a programming error.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** The test's part: a renderer calls ipcRenderer.invoke(channel, ...args) from the given frame (null: frame gone). */
  async invokeFrom(frame: SenderFrameDescription | null, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel) as ((...args: unknown[]) => unknown) | undefined;
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const senderFrame = frame && { url: frame.url, parent: frame.isMainFrame ? null : { url: frame.url, parent: null } };
    // Structured clone, as IPC does: nothing but data crosses.
    return structuredClone(await handler({ senderFrame, sender: {} }, ...args));
  }
}

export const ipcMain = new StandInIpcMain();

class StandInIpcRenderer {
  readonly invocations: { channel: string; args: unknown[] }[] = [];

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args });
    return Promise.resolve(undefined);
  }
}

export const ipcRenderer = new StandInIpcRenderer();

class StandInContextBridge {
  readonly exposed = new Map<string, unknown>();

  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  }
}

export const contextBridge = new StandInContextBridge();

// ---- safeStorage -----------------------------------------------------------------------------------

const CIPHER_PREFIX = 'stand-in-cipher:';
const CIPHER_KEY = 0x5a;

class StandInSafeStorage {
  encryptionAvailable = true;
  storageBackend: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown' = 'gnome_libsecret';

  isEncryptionAvailable(): boolean {
    return this.encryptionAvailable;
  }
  getSelectedStorageBackend(): string {
    return this.storageBackend;
  }
  /** Reversible but never the clear text, so a test can tell the stored value was encrypted. */
  encryptString(text: string): Buffer {
    if (!this.encryptionAvailable) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    const scrambled = Buffer.from(text, 'utf8').map((byte) => byte ^ CIPHER_KEY);
    return Buffer.concat([Buffer.from(CIPHER_PREFIX), scrambled]);
  }
  decryptString(encrypted: Buffer): string {
    const prefix = encrypted.subarray(0, CIPHER_PREFIX.length).toString();
    if (!this.encryptionAvailable || prefix !== CIPHER_PREFIX) {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
    return Buffer.from(encrypted.subarray(CIPHER_PREFIX.length).map((byte) => byte ^ CIPHER_KEY)).toString('utf8');
  }
}

export const safeStorage = new StandInSafeStorage();

// ---- session, net, shell ---------------------------------------------------------------------------

class StandInSession {
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;

  setPermissionRequestHandler(handler: Handler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Handler | null): void {
    this.permissionCheckHandler = handler;
  }
}

const partitions = new Map<string, StandInSession>();

export const session = {
  defaultSession: new StandInSession(),
  /** electron-updater downloads through its own partition. */
  fromPartition(name: string): StandInSession {
    let found = partitions.get(name);
    if (!found) partitions.set(name, (found = new StandInSession()));
    return found;
  },
};

/** Electron's network stack has an HTTP cache and cannot say how far a request got: the app must not use it. */
export const net = {
  calls: 0,
  fetch(input: string | Request, init?: RequestInit) {
    net.calls += 1;
    return globalThis.fetch(input, init);
  },
  /** What electron-updater asked for through net.request, by URL. */
  requested: [] as string[],
  /**
   * Electron's ClientRequest, played by Node's: the same events (response, error, abort), headers and
   * streaming response. Electron's own extras (redirect events, the session) are not needed by a loopback feed.
   */
  request(options: { protocol?: string; hostname?: string; host?: string; port?: number | string; path?: string; method?: string; headers?: Record<string, string> }) {
    const { protocol = 'https:', hostname, host, port, path = '/', method = 'GET', headers = {} } = options;
    net.requested.push(`${protocol}//${hostname ?? host}${port ? `:${port}` : ''}${path}`);
    const send = protocol === 'http:' ? httpRequest : httpsRequest;
    const request = send({ protocol, hostname: hostname ?? host, port, path, method, headers });
    return Object.assign(request, { followRedirect() {} });
  },
};

export const protocol = {
  privileged: [] as unknown[],
  /** Electron honours one call only: each call replaces the previous list, as it does there. */
  privilegedCalls: 0,
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.privilegedCalls += 1;
    this.privileged = [...schemes];
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    this.handlers.set(scheme, handler);
  },
};

export const shell = {
  openedExternally: [] as string[],
  openExternal(url: string): Promise<void> {
    this.openedExternally.push(url);
    return Promise.resolve();
  },
  openPath(): Promise<string> {
    return Promise.resolve('');
  },
};

// electron-store reads the module's default export; the app uses the named ones.
export default { app, autoUpdater, BrowserWindow, contextBridge, crashReporter, ipcMain, ipcRenderer, Menu, net, protocol, safeStorage, screen, session, shell };
