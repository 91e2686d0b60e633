// The papers a slip or report can be printed on, and what the print adapter needs to know about them.

export type Paper = '58mm' | '80mm' | 'A4';

export const PAPERS: readonly Paper[] = ['58mm', '80mm', 'A4'];

export interface PaperSpec {
  id: Paper;
  widthMm: number;
  /**
   * A thermal roll has no page height: the document is one long page. CSS cannot say so (`size: 58mm auto`
   * is invalid), so the adapter measures the rendered height (`document.documentElement.scrollHeight`) and
   * passes it as the page height; the document sets its own margins, so print with margins "none".
   */
  heightMm: number | null;
  /** Where the document may draw: thermal heads do not reach the paper's edges. */
  printableWidthMm: number;
}

const SPECS: Readonly<Record<Paper, PaperSpec>> = {
  // 384 dots at 203 dpi: the print head of a 58 mm printer.
  '58mm': { id: '58mm', widthMm: 58, heightMm: null, printableWidthMm: 48 },
  // 576 dots at 203 dpi.
  '80mm': { id: '80mm', widthMm: 80, heightMm: null, printableWidthMm: 72 },
  // 12 mm side margins.
  A4: { id: 'A4', widthMm: 210, heightMm: 297, printableWidthMm: 186 },
};

export function paperSpec(paper: Paper): PaperSpec {
  return SPECS[paper];
}

export function isRoll(paper: Paper): boolean {
  return SPECS[paper].heightMm === null;
}
