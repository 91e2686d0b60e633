// Code 128 (ISO/IEC 15417) for card numbers on the slip, drawn as inline SVG. Hand-written rather than a
// dependency: the symbology is one table and a checksum, and printing must work offline without fetching
// anything. Digit runs use subset C (two digits per symbol), so a 12-digit card stays short enough to
// scan from a 58 mm slip; everything else is subset B (printable ASCII).

import { html, type SafeHtml } from './html.ts';

/** Bar and space widths in modules, bar first; value 106 is the stop pattern (seven elements). */
// prettier-ignore
const PATTERNS: readonly string[] = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
];

const CODE_C = 99;
const CODE_B = 100;
const START_B = 104;
const START_C = 105;
const STOP = 106;
/** The quiet zone the standard asks for on each side, in modules. */
const QUIET_ZONE = 10;

export interface Code128 {
  /** Symbol values: start, data (with subset switches), checksum; the stop is implied. */
  values: number[];
  checksum: number;
  /** Element widths in modules, bar first, from the start symbol through the stop; no quiet zones. */
  widths: number[];
}

/** Subset B covers printable ASCII only; anything else (Vietnamese letters, control characters) is refused. */
export function canEncodeCode128(text: string): boolean {
  return text.length > 0 && /^[\x20-\x7e]+$/.test(text);
}

function digitRunAt(text: string, index: number): number {
  let end = index;
  while (end < text.length && text[end]! >= '0' && text[end]! <= '9') end += 1;
  return end - index;
}

/**
 * The data symbols, following the subset rules of ISO/IEC 15417 Annex E: start in C for a leading run of
 * four or more digits (or data of exactly two digits), switch to C for a run of six or more digits (four at
 * the end), and let an odd run's first digit go in B so C always gets pairs (an odd leading run leaves C
 * for its last digit instead).
 */
function dataValues(text: string): { start: number; data: number[] } {
  const leadingRun = digitRunAt(text, 0);
  const startInC = leadingRun >= 4 || (leadingRun === 2 && text.length === 2);
  let inC = startInC;
  const data: number[] = [];
  let i = 0;
  while (i < text.length) {
    const run = digitRunAt(text, i);
    if (inC) {
      if (run >= 2) {
        data.push(Number(text.slice(i, i + 2)));
        i += 2;
        continue;
      }
      data.push(CODE_B);
      inC = false;
    }
    const worthC = run >= 6 || (run >= 4 && i + run === text.length);
    if (worthC && run % 2 === 0) {
      data.push(CODE_C);
      inC = true;
      continue;
    }
    data.push(text.charCodeAt(i) - 32);
    i += 1;
  }
  return { start: startInC ? START_C : START_B, data };
}

export function encodeCode128(text: string): Code128 {
  if (!canEncodeCode128(text)) throw new RangeError('Code 128 here encodes printable ASCII only');
  const { start, data } = dataValues(text);
  const checksum = data.reduce((sum, value, i) => sum + value * (i + 1), start) % 103;
  const values = [start, ...data, checksum];
  const widths = [...values, STOP].flatMap((value) => [...PATTERNS[value]!].map(Number));
  return { values, checksum, widths };
}

/**
 * The barcode as an SVG of one `<rect>` per bar, `moduleMm` wide per module (3 printer dots at 203 dpi by
 * default), quiet zones included. It never grows past its container: a long code is narrowed, not cut.
 */
export function code128Svg(text: string, options: { moduleMm?: number; heightMm?: number } = {}): SafeHtml {
  const moduleMm = options.moduleMm ?? 0.375;
  const heightMm = options.heightMm ?? 12;
  const { widths } = encodeCode128(text);
  const bars: SafeHtml[] = [];
  let x = QUIET_ZONE;
  widths.forEach((width, i) => {
    if (i % 2 === 0) bars.push(html`<rect x="${x}" y="0" width="${width}" height="1"/>`);
    x += width;
  });
  const total = x + QUIET_ZONE;
  return html`<svg class="barcode" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${total} 1" preserveAspectRatio="none"
 width="${total * moduleMm}mm" height="${heightMm}mm" shape-rendering="crispEdges" role="img" aria-label="${text}">${bars}</svg>`;
}
