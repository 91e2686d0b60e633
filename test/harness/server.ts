// The browser harness: serves the built renderer to a plain browser and bridges the preload's API to
// the real main-process handlers over loopback, so Playwright can drive the whole app in Chromium
// where Electron cannot run. The bridge script imitates the preload: one function per contract
// channel, each posting to its own URL; the server answers through the same dispatch as ipcMain.

import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { memoryTokenVault, type TokenVault } from '../../electron/connection/token-vault.ts';
import { createDesk, type Desk } from '../../electron/desk.ts';
import { API_GLOBAL, CHANNEL_NAMES } from '../../electron/ipc/contract.ts';
import { memorySettingsStore, type Settings, type SettingsStore } from '../../electron/settings/settings.ts';
import type { JournalTiming } from '../../electron/shop/session.ts';
import { recordingPrinter, type PdfRenderer, type RecordingPrinter } from './printer.ts';
import { harnessTill, type HarnessTill } from './till.ts';

const PACKAGE_VERSION = (JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface HarnessOptions {
  port?: number;
  /** Folder of the built renderer. */
  rendererDir?: string;
  /** Where Training mode keeps its store. */
  dataDir: string;
  settings?: Partial<Settings>;
  canEncrypt?: boolean;
  /** Renders "save as PDF" in a real Chromium (the Playwright fixture passes one). */
  renderPdf?: PdfRenderer;
  /** The journal's windows, shortened by tests (see JournalTiming). */
  journalTiming?: JournalTiming;
  /** The program's version, for update tests (package.json's by default). */
  version?: string;
  /** Settings and token kept across a restart of the harness (a crash test); else fresh ones. */
  settingsStore?: SettingsStore;
  vault?: TokenVault;
}

export interface Harness {
  url: string;
  desk: Desk;
  /** The program around the desk: its log, its updates ("installs" recorded), its run marker. */
  till: HarnessTill;
  /** What was printed. */
  printer: RecordingPrinter;
  /** Every channel call the bridge carried, in order, for tests that assert what was sent. */
  calls: { channel: string; input: unknown }[];
  /** `crashed`: stop as a crash would leave the till (the run marker says the run did not quit). */
  close(options?: { crashed: boolean }): Promise<void>;
}

export const PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};

export function bridgeScript(): string {
  const functions = CHANNEL_NAMES.map(
    (name) => `  ${name}: (input) => send(${JSON.stringify(name)}, input),`,
  ).join('\n');
  return `'use strict';
(() => {
  const send = async (channel, input) => {
    const response = await fetch('./ipc/' + channel, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input === undefined ? null : input),
    });
    return response.json();
  };
  window.${API_GLOBAL} = Object.freeze({
${functions}
  });
})();
`;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const value: unknown = text === '' ? null : JSON.parse(text);
  return value === null ? undefined : value;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const rendererDir = resolve(options.rendererDir ?? 'dist/renderer');
  const index = await readFile(join(rendererDir, 'index.html'), 'utf8');
  const page = index.replace('<script type="module"', '<script src="./bridge.js"></script>\n    <script type="module"');
  const printer = recordingPrinter(options.renderPdf);
  const vault = options.vault ?? memoryTokenVault({ canEncrypt: options.canEncrypt ?? true });
  const till = harnessTill({
    dataDir: options.dataDir,
    version: options.version ?? PACKAGE_VERSION,
    secrets: () => {
      const stored = vault.read();
      return stored ? [stored.token] : [];
    },
  });
  const desk = createDesk({
    vault,
    log: till.log,
    till,
    settings: options.settingsStore ?? memorySettingsStore(options.settings),
    dataDir: options.dataDir,
    printer,
    previewUrl: (previewId) => `./preview/${previewId}`,
    logError: (channel, error) => console.error(`[harness] ${channel}: ${String(error)}`),
    journalTiming: options.journalTiming,
    developmentAddress: () => process.env['HARAVAN_API_URL'],
  });
  till.bind(desk.dispatch);
  const calls: Harness['calls'] = [];
  let origin = '';
  let allowedHosts = new Set<string>();

  const server: Server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://harness').pathname;
    // Only this machine's own names for the harness: a page elsewhere that rebinds its DNS name to
    // 127.0.0.1 sends its own Host and gets nothing.
    if (!allowedHosts.has(request.headers.host ?? '')) {
      response.writeHead(421).end();
      return;
    }
    try {
      if (request.method === 'POST' && path.startsWith('/ipc/')) {
        // Like the Electron adapter's sender check: only the harness's own page may call.
        if (request.headers.origin !== origin) {
          response.writeHead(403).end();
          return;
        }
        const channel = path.slice('/ipc/'.length);
        const input = await readBody(request);
        calls.push({ channel, input });
        const result = await desk.dispatch(channel, input);
        response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(result));
        return;
      }
      if (request.method !== 'GET') {
        response.writeHead(405).end();
        return;
      }
      if (path === '/' || path === '/index.html') {
        response.writeHead(200, { 'Content-Type': CONTENT_TYPES['.html'] }).end(page);
        return;
      }
      if (path.startsWith('/preview/')) {
        const document = desk.previewDocument(path.slice('/preview/'.length));
        if (!document) {
          response.writeHead(404).end();
          return;
        }
        // The document's own policy, as Electron's preview protocol sends it: styles only, no scripts.
        response
          .writeHead(200, { 'Content-Type': CONTENT_TYPES['.html'], 'Content-Security-Policy': PREVIEW_CSP })
          .end(document);
        return;
      }
      if (path === '/bridge.js') {
        response.writeHead(200, { 'Content-Type': CONTENT_TYPES['.js'] }).end(bridgeScript());
        return;
      }
      const file = normalize(join(rendererDir, decodeURIComponent(path)));
      // With the separator: /..%2Frenderer-secret/… normalises to a sibling folder that merely starts alike.
      if (!file.startsWith(rendererDir + sep)) {
        response.writeHead(404).end();
        return;
      }
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      if (!response.headersSent) response.writeHead(404);
      response.end();
    }
  });

  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: `${origin}/`,
    desk,
    till,
    printer,
    calls,
    async close(options = { crashed: false }) {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      till.stop(!options.crashed);
      await desk.close();
    },
  };
}
