// Slips and shift reports rendered by Chromium on each paper: the printed text (read back from the PDF),
// the page width of the PDF, the barcode, and that nothing is wider than the printable area. Screenshots
// land in test/output/printing/ for a person to look at.
//
// The PDF's text is read with a small reader below (inflate the content streams, map glyphs back through
// each font's ToUnicode CMap) rather than with pdftotext, which CI does not install.

import { expect, test, type Page } from '@playwright/test';
import { mkdir, writeFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import type { Printable } from '../../electron/printing/document.ts';
import { renderShiftReport, type ShiftAdjustment } from '../../electron/printing/shift-report.ts';
import { renderSlip } from '../../electron/printing/slip.ts';
import { PAPERS, type Paper } from '../../electron/printing/paper.ts';
import { AN, LONG_TEXT, NO_NAME, SHIFT_ADJUSTMENTS, THINH, THU, shiftInput, shiftMember, slipInput } from '../integration/printing/fixtures.ts';

const OUTPUT = 'test/output/printing';
const PX_PER_MM = 96 / 25.4;
const PT_PER_MM = 72 / 25.4;

// The renders spread over both workers, each worker reusing one page (a new context per render costs more
// than the render); screenshots at twice the resolution, so thin bars and diacritics stay legible.
test.describe.configure({ mode: 'parallel' });
let page: Page;
test.beforeAll(async ({ browser }) => {
  page = await browser.newPage({ deviceScaleFactor: 2 });
});
test.afterAll(async () => {
  await page.close();
});

interface Case {
  name: string;
  printable: Printable;
  /** Text that must be in the PDF (whitespace normalised) and in the page. */
  printed: string[];
  /** Bars of the card's Code 128, when the case has one. */
  bars?: number;
  minPages?: number;
}

const longMember = { ...AN, last_name: LONG_TEXT.lastName, first_name: LONG_TEXT.firstName };
const longAdjustment = { direction: 'subtract', points: 1_234_567, reason: LONG_TEXT.reason, refId: LONG_TEXT.refId } as const;
const longFooter = 'Cảm ơn quý khách! https://hoasen.example.vn/khach-hang-than-thiet/dieu-khoan-va-dieu-kien';

/** A long shift, so the A4 report runs over more than one page. */
const busyShift: ShiftAdjustment[] = Array.from({ length: 40 }, (_, i) => ({
  ...SHIFT_ADJUSTMENTS[i % SHIFT_ADJUSTMENTS.length]!,
  at: new Date(Date.UTC(2025, 10, 29, 1, i)),
}));

function casesFor(paper: Paper): Case[] {
  return [
    {
      name: `slip-${paper}-vi`,
      printable: renderSlip(slipInput(paper)),
      printed: [
        'PHIẾU ĐIỂM THÀNH VIÊN', 'Nguyễn Văn An', '0909 *** 921', '6.100', '900', '1.035.000 ₫',
        '+500', '-7.000', 'Đang chờ gửi', 'Cần kiểm tra', 'Bị từ chối', '100006037101',
      ],
      bars: 28,
    },
    {
      name: `slip-${paper}-en-zero-points`,
      printable: renderSlip(
        slipInput(paper, {
          language: 'en',
          member: THU,
          adjustments: [{ direction: 'add', points: 150, reason: 'Mua hàng', refId: '#HD1002', state: 'applied' }],
        }),
      ),
      printed: ['LOYALTY SUMMARY', 'Đặng Thị Thu', '0978 *** 666', '₫0', '+150', 'Applied', '100006037109'],
      bars: 28,
    },
    {
      name: `slip-${paper}-long-text`,
      printable: renderSlip(
        slipInput(paper, {
          member: longMember,
          adjustments: [{ ...longAdjustment, state: 'needs_review' }],
          store: { name: 'Cửa hàng Hoa Sen — Chi nhánh Quận 1, Thành phố Hồ Chí Minh', footer: longFooter },
        }),
      ),
      printed: ['-1.234.567', 'Cần kiểm tra'],
      bars: 28,
    },
    {
      name: `shift-${paper}-vi`,
      printable: renderShiftReport(shiftInput(paper)),
      printed: [
        'BÁO CÁO CA', 'Quầy 2', 'Nguyễn Văn An', 'Đặng Thị Thu', '0911 *** 333',
        '+129.300', '-900', '+300', '-100', '+128.650', '-50.000',
      ],
    },
    {
      name: `shift-${paper}-en-long-text`,
      printable: renderShiftReport(
        shiftInput(paper, {
          language: 'en',
          till: 'Quầy thu ngân số 2 — tầng trệt, cạnh lối vào chính',
          adjustments: [
            ...busyShift,
            { at: new Date(Date.UTC(2025, 10, 29, 2, 30)), member: shiftMember(longMember), ...longAdjustment, state: 'waiting' },
            { at: new Date(Date.UTC(2025, 10, 29, 2, 31)), member: shiftMember(NO_NAME), ...longAdjustment, state: 'applied' },
            { at: new Date(Date.UTC(2025, 10, 29, 2, 32)), member: shiftMember(THINH), ...longAdjustment, state: 'rejected' },
          ],
        }),
      ),
      printed: ['SHIFT REPORT', 'Members served', 'Waiting to send', 'Needs review', '-1,234,567'],
      minPages: paper === 'A4' ? 2 : 1,
    },
  ];
}

for (const paper of PAPERS) {
  for (const c of casesFor(paper)) {
    test(`${c.name}: printed text in the PDF, page width, barcode, nothing wider than the paper`, async () => {
      const { printable } = c;
      const printableWidthPx = printable.paper.printableWidthMm * PX_PER_MM;
      // Thermal documents are laid out on the whole paper width; A4 on the page box inside @page margins.
      const viewportMm = printable.paper.heightMm === null ? printable.paper.widthMm : printable.paper.printableWidthMm;
      await page.setViewportSize({ width: Math.ceil(viewportMm * PX_PER_MM), height: 100 });
      await page.emulateMedia({ media: 'print' });
      await page.setContent(printable.html);

      const pageText = normalise(await page.locator('body').innerText());
      for (const expected of c.printed) expect(pageText).toContain(expected);

      const sheetWidth = await page.locator('.sheet').evaluate((sheet) => sheet.getBoundingClientRect().width);
      expect(Math.abs(sheetWidth - printableWidthPx)).toBeLessThan(1);
      expect(await overflowing(page)).toEqual([]);

      if (c.bars !== undefined) {
        await expect(page.locator('svg.barcode')).toHaveCount(1);
        await expect(page.locator('svg.barcode rect')).toHaveCount(c.bars);
      }

      await mkdir(OUTPUT, { recursive: true });
      await page.screenshot({ path: `${OUTPUT}/${c.name}.png`, fullPage: true });

      const pdf = await printToPdf(page, printable);
      await writeFile(`${OUTPUT}/${c.name}.pdf`, pdf);
      const read = readPdf(pdf);
      expect(read.pages.length).toBeGreaterThanOrEqual(c.minPages ?? 1);
      if (printable.paper.heightMm === null) expect(read.pages).toHaveLength(1);
      for (const { widthPt, heightPt } of read.pages) {
        // Chromium rounds the page to whole CSS pixels: within 1 px (0.75 pt).
        expect(Math.abs(widthPt - printable.paper.widthMm * PT_PER_MM)).toBeLessThanOrEqual(0.75);
        if (printable.paper.heightMm !== null) expect(Math.abs(heightPt - printable.paper.heightMm * PT_PER_MM)).toBeLessThanOrEqual(0.75);
      }
      const pdfText = normalise(read.pages.map((p) => p.text).join('\n'));
      for (const expected of c.printed) expect(pdfText).toContain(expected);
      // Every glyph from one family of the stack: no word drawn half in a fallback font.
      expect(read.fontFamilies).toHaveLength(1);
      expect(read.fontFamilies[0]).toMatch(/^(DejaVuSans|NotoSans|SegoeUI|Arial|LiberationSans)$/);
    });
  }
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/**
 * Everything that pokes out of the printable area, as readable lines: any element or line of text whose
 * box reaches past the sheet's left or right edge, any element whose content is wider than its box
 * (scrollWidth > clientWidth), and any horizontal scrolling of the page.
 */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const sheet = document.querySelector('.sheet')!.getBoundingClientRect();
    const outside = (r: DOMRect) => r.width > 0 && (r.left < sheet.left - 0.5 || r.right > sheet.right + 0.5);
    const label = (node: Node) => (node.textContent ?? '').trim().slice(0, 40);
    for (const element of document.body.querySelectorAll('*')) {
      const r = element.getBoundingClientRect();
      if (outside(r)) {
        problems.push(`<${element.tagName.toLowerCase()}> "${label(element)}" spans ${r.left}–${r.right}, sheet ${sheet.left}–${sheet.right}`);
      }
      if (element instanceof HTMLElement && element.clientWidth > 0 && element.scrollWidth > element.clientWidth) {
        problems.push(`<${element.tagName.toLowerCase()}> "${label(element)}" content ${element.scrollWidth} px in a ${element.clientWidth} px box`);
      }
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    while (walker.nextNode()) {
      range.selectNodeContents(walker.currentNode);
      for (const r of range.getClientRects()) if (outside(r)) problems.push(`text "${label(walker.currentNode)}" spans ${r.left}–${r.right}`);
    }
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`the page scrolls sideways: ${root.scrollWidth} px in ${root.clientWidth} px`);
    return problems;
  });
}

/**
 * As the Electron adapter will print: a roll is one page as tall as the content (CSS cannot say "auto" for
 * a page height), A4 follows the document's @page rule.
 */
async function printToPdf(page: Page, printable: Printable): Promise<Buffer> {
  if (printable.paper.heightMm !== null) return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  const heightPx = await page.evaluate(() => document.documentElement.scrollHeight);
  return page.pdf({ width: `${printable.paper.widthMm}mm`, height: `${heightPx + 1}px`, printBackground: true });
}

// ---- Reading a Chromium (Skia) PDF: enough for its own output, not a general PDF parser. ----

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const streamAt = text.indexOf('stream', start);
    if (streamAt === -1 || streamAt > end) {
      objects.set(Number(m[1]), { dict: text.slice(start, end) });
      continue;
    }
    const dict = text.slice(start, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    let dataStart = streamAt + 'stream'.length;
    if (text[dataStart] === '\r') dataStart += 1;
    if (text[dataStart] === '\n') dataStart += 1;
    const raw = pdf.subarray(dataStart, dataStart + length);
    objects.set(Number(m[1]), { dict, stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw });
    header.lastIndex = dataStart + length;
  }
  return objects;
}

function utf16(hex: string): string {
  return Buffer.from(hex, 'hex').swap16().toString('utf16le');
}

/** Glyph id → text, from a ToUnicode CMap (bfchar and both bfrange forms). */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, glyph, unicode] of body!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(glyph!, 16), utf16(unicode!));
  }
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, low, high, target] of body!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const first = parseInt(low!, 16);
      const targets = target!.startsWith('[') ? [...target!.matchAll(/<([0-9A-Fa-f]+)>/g)].map((t) => utf16(t[1]!)) : undefined;
      const base = targets ? 0 : parseInt(target!.slice(1, -1), 16);
      for (let glyph = first; glyph <= parseInt(high!, 16); glyph += 1) {
        map.set(glyph, targets ? (targets[glyph - first] ?? '') : String.fromCharCode(base + glyph - first));
      }
    }
  }
  return map;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 applied first, then m2 (PDF's row-vector convention). */
function multiply(m1: Matrix, m2: Matrix): Matrix {
  const [a, b, c, d, e, f] = m1;
  const [A, B, C, D, E, F] = m2;
  return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F];
}

/** The text of one page, line by line top to bottom, each line's runs left to right. */
function pageText(content: string, fonts: Map<string, Map<number, string>>): string {
  const tokens = content.match(/<[0-9A-Fa-f\s]*>|\[|\]|\/[^\s/[\]<>()]+|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'"*]+/g) ?? [];
  const runs: { x: number; y: number; text: string }[] = [];
  const stack: Matrix[] = [];
  let ctm = IDENTITY;
  let tm = IDENTITY;
  let lineMatrix = IDENTITY;
  let font = new Map<number, string>();
  let operands: string[] = [];
  const decode = (hex: string) => {
    const digits = hex.replace(/[<>\s]/g, '');
    let text = '';
    for (let i = 0; i < digits.length; i += 4) text += font.get(parseInt(digits.slice(i, i + 4), 16)) ?? '\uFFFD';
    return text;
  };
  const show = (text: string) => {
    const [, , , , x, y] = multiply(tm, ctm);
    runs.push({ x, y, text });
  };
  const numbers = () => operands.map(Number);
  for (const token of tokens) {
    if (/^[A-Za-z'"*]+$/.test(token)) {
      if (token === 'q') stack.push(ctm);
      else if (token === 'Q') ctm = stack.pop() ?? IDENTITY;
      else if (token === 'cm') ctm = multiply(numbers() as Matrix, ctm);
      else if (token === 'BT') tm = lineMatrix = IDENTITY;
      else if (token === 'Tm') tm = lineMatrix = numbers() as Matrix;
      else if (token === 'Td' || token === 'TD') tm = lineMatrix = multiply([1, 0, 0, 1, Number(operands[0]), Number(operands[1])], lineMatrix);
      else if (token === 'Tf') font = fonts.get(operands[0]!) ?? new Map();
      else if (token === 'Tj') show(decode(operands[0]!));
      else if (token === 'TJ') show(operands.filter((o) => o.startsWith('<')).map(decode).join(''));
      operands = [];
    } else if (token !== '[' && token !== ']') operands.push(token);
  }
  const lines = new Map<number, { x: number; text: string }[]>();
  for (const run of runs) {
    const y = Math.round(run.y);
    lines.set(y, [...(lines.get(y) ?? []), run]);
  }
  return [...lines.entries()]
    .sort(([a], [b]) => b - a)
    .map(([, line]) => line.sort((a, b) => a.x - b.x).map((run) => run.text).join(''))
    .join('\n');
}

function readPdf(pdf: Buffer): { pages: { widthPt: number; heightPt: number; text: string }[]; fontFamilies: string[] } {
  const objects = pdfObjects(pdf);
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);
  const pagesRoot = [...objects.values()].find((o) => /\/Type \/Pages\b/.test(o.dict))!;
  const kids = [.../\/Kids \[([^\]]*)\]/.exec(pagesRoot.dict)![1]!.matchAll(/(\d+) 0 R/g)].map((k) => objects.get(Number(k[1]))!);
  const families = new Set<string>();
  const pages = kids.map((page) => {
    const [x0, y0, x1, y1] = /\/MediaBox \[([^\]]*)\]/.exec(page.dict)![1]!.trim().split(/\s+/).map(Number) as [number, number, number, number];
    const fonts = new Map<string, Map<number, string>>();
    for (const [, name, id] of (/\/Font <<([^>]*)>>/.exec(page.dict)?.[1] ?? '').matchAll(/\/(\S+) (\d+) 0 R/g)) {
      const font = objects.get(Number(id))!.dict;
      families.add(/\/BaseFont \/(?:[A-Z]{6}\+)?([^\s/-]+)/.exec(font)![1]!);
      fonts.set(`/${name}`, toUnicode(objects.get(ref(font, 'ToUnicode'))!.stream!.toString('latin1')));
    }
    const content = objects.get(ref(page.dict, 'Contents'))!.stream!.toString('latin1');
    return { widthPt: x1 - x0, heightPt: y1 - y0, text: pageText(content, fonts) };
  });
  return { pages, fontFamilies: [...families] };
}
