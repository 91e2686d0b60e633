// The machine's printers, behind one small interface: the Electron adapter prints with a hidden window's
// webContents.print / printToPDF; the browser harness records jobs (and renders PDFs in Chromium).

import type { PaperSpec } from './paper.ts';

export interface PrinterInfo {
  name: string;
  displayName: string;
  isDefault: boolean;
}

export interface PrintJob {
  title: string;
  html: string;
  paper: PaperSpec;
  /** The printer's system name. */
  printer: string;
  /** No system dialog: a thermal printer at the till prints at once. */
  silent: boolean;
}

export interface PrinterPort {
  list(): Promise<PrinterInfo[]>;
  /** Rejects with a `print_failed` LoyaltyError when the printer cannot print. */
  print(job: PrintJob): Promise<void>;
  pdf(job: Pick<PrintJob, 'title' | 'html' | 'paper'>): Promise<Uint8Array>;
}
