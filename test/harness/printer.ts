// The harness's printers: a recorder standing in for the system's printers (tests assert what reached
// "paper"), able to fail like a real printer, with PDFs rendered by a real Chromium when one is given.

import { LoyaltyError } from '../../electron/haravan/errors.ts';
import type { PrinterInfo, PrinterPort, PrintJob } from '../../electron/printing/printer.ts';

export type PdfRenderer = (job: Pick<PrintJob, 'title' | 'html' | 'paper'>) => Promise<Uint8Array>;

export interface RecordingPrinter extends PrinterPort {
  readonly jobs: PrintJob[];
  printers: PrinterInfo[];
  /** The next print fails as a printer does: offline, out of paper. */
  failNext(problem: 'printer_offline'): void;
}

export const HARNESS_PRINTERS: PrinterInfo[] = [
  { name: 'XP-80C', displayName: 'Xprinter XP-80C (quầy)', isDefault: true },
  { name: 'HP-LaserJet', displayName: 'HP LaserJet (văn phòng)', isDefault: false },
];

export function recordingPrinter(renderPdf?: PdfRenderer): RecordingPrinter {
  let failure: 'printer_offline' | undefined;
  const recorder: RecordingPrinter = {
    jobs: [],
    printers: [...HARNESS_PRINTERS],
    failNext(problem) {
      failure = problem;
    },
    list: async () => recorder.printers,
    async print(job) {
      if (failure) {
        const problem = failure;
        failure = undefined;
        throw new LoyaltyError('print_failed', `Printer ${job.printer} did not print`, { detail: problem });
      }
      recorder.jobs.push(job);
    },
    async pdf(job) {
      if (!renderPdf) throw new LoyaltyError('print_failed', 'No PDF renderer in this harness', { detail: 'failed' });
      return renderPdf(job);
    },
  };
  return recorder;
}
