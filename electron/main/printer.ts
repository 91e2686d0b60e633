// Printing through Electron: each document is laid out in a hidden window at the paper's width, then
// printed (silently on a thermal printer) or turned into a PDF. A roll has no page height, so the
// rendered height becomes the page's.

import { BrowserWindow, type WebContents } from 'electron';
import { LoyaltyError } from '../haravan/errors.ts';
import type { PrinterPort, PrintJob } from '../printing/printer.ts';

const PX_PER_MM = 96 / 25.4;

type Document = Pick<PrintJob, 'html' | 'paper'>;

async function withDocument<T>(job: Document, use: (contents: WebContents, heightMicrons: number) => Promise<T>): Promise<T> {
  const window = new BrowserWindow({
    show: false,
    width: Math.ceil(job.paper.widthMm * PX_PER_MM),
    height: 800,
    // Hardened like the main window, and with nothing to load: the document is the slip, no preload.
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(job.html)}`);
    const heightMm =
      job.paper.heightMm ?? (await window.webContents.executeJavaScript('document.documentElement.scrollHeight')) / PX_PER_MM;
    return await use(window.webContents, Math.ceil(heightMm * 1000));
  } finally {
    window.destroy();
  }
}

export function electronPrinter(mainWindow: () => BrowserWindow | undefined): PrinterPort {
  return {
    async list() {
      const printers = (await mainWindow()?.webContents.getPrintersAsync()) ?? [];
      return printers.map((printer) => ({
        name: printer.name,
        displayName: printer.displayName || printer.name,
        isDefault: Boolean((printer as { isDefault?: boolean }).isDefault),
      }));
    },
    print(job) {
      return withDocument(
        job,
        (contents, heightMicrons) =>
          new Promise<void>((resolve, reject) => {
            contents.print(
              {
                silent: job.silent,
                deviceName: job.printer,
                printBackground: true,
                margins: { marginType: 'none' },
                pageSize: { width: Math.round(job.paper.widthMm * 1000), height: heightMicrons },
              },
              (success, failureReason) => {
                if (success) return resolve();
                const detail = failureReason === 'cancelled' ? 'cancelled' : 'printer_offline';
                reject(new LoyaltyError('print_failed', `Printing on ${job.printer} failed: ${failureReason}`, { detail }));
              },
            );
          }),
      );
    },
    async pdf(job) {
      const buffer = await withDocument(job, (contents, heightMicrons) =>
        contents.printToPDF({
          printBackground: true,
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
          // printToPDF takes inches.
          pageSize: { width: job.paper.widthMm / 25.4, height: heightMicrons / 25_400 },
          preferCSSPageSize: job.paper.heightMm !== null,
        }),
      );
      return new Uint8Array(buffer);
    },
  };
}
