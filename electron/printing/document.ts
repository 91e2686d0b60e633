// The printable document around a slip or report: one self-contained HTML page (no scripts, no external
// resources, so it prints from a hidden window under any Content Security Policy) with print CSS per paper.

import type { Language } from '../settings/settings.ts';
import { html, trustedMarkup, type SafeHtml } from './html.ts';
import { isRoll, paperSpec, type Paper, type PaperSpec } from './paper.ts';

/**
 * Fonts with every Vietnamese letter, so a name never mixes two fonts mid-word: DejaVu Sans or Noto Sans on
 * Linux tills, Segoe UI or Arial on Windows. (Liberation fonts, the Linux stand-ins for Arial, lack some
 * precomposed letters such as "ễ", so they come last.)
 */
const FONT_STACK = "'DejaVu Sans', 'Noto Sans', 'Segoe UI', Arial, 'Liberation Sans', sans-serif";

function pageCss(paper: Paper): string {
  const spec = paperSpec(paper);
  if (!isRoll(paper)) return `@page { size: A4; margin: 14mm ${(spec.widthMm - spec.printableWidthMm) / 2}mm; }`;
  return `@page { margin: 0; }
.sheet { width: ${spec.printableWidthMm}mm; margin: 0 auto; padding: 3mm 0 8mm; }`;
}

/** Sizes per paper: thermal text stays readable at arm's length; A4 is an ordinary office page. */
const FONT_SIZE: Readonly<Record<Paper, string>> = { '58mm': '11px', '80mm': '12.5px', A4: '10pt' };

function stylesheet(paper: Paper): string {
  return `${pageCss(paper)}
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: ${FONT_STACK}; font-size: ${FONT_SIZE[paper]}; line-height: 1.35; font-variant-numeric: tabular-nums; }
.sheet, .sheet * { overflow-wrap: anywhere; }
h1, h2, p { margin: 0; }
.head { text-align: center; margin-bottom: 2mm; }
.store { font-size: 1.3em; font-weight: bold; }
.title { font-size: 1.05em; font-weight: bold; letter-spacing: 0.03em; margin-top: 1mm; }
h2 { font-size: 1em; font-weight: bold; margin: 2.5mm 0 1mm; }
section { border-top: 0.3mm dashed #000; padding-top: 1.5mm; margin-top: 2mm; }
.row { display: grid; grid-template-columns: minmax(0, 1fr) auto; column-gap: 2mm; align-items: baseline; }
.value { text-align: right; white-space: nowrap; }
.row.text { grid-template-columns: auto minmax(0, 1fr); }
.row.text .value { white-space: normal; }
.strong { font-weight: bold; }
.name { font-size: 1.15em; font-weight: bold; }
.barcode-box { text-align: center; margin: 2mm 0 1mm; }
.barcode { display: block; margin: 0 auto; max-width: 100%; }
.card-text { letter-spacing: 0.08em; }
.entry { padding: 1mm 0; }
.entry + .entry { border-top: 0.2mm dotted #000; }
.meta { font-size: 0.9em; }
.row.sub { padding-left: 3mm; }
.note { font-size: 0.9em; font-style: italic; margin-top: 1.5mm; }
.footer { text-align: center; margin-top: 3mm; white-space: pre-line; }
.training-mark { border: 0.8mm solid #000; padding: 1.5mm; margin: 0 0 2mm; text-align: center; font-weight: bold; font-size: 1.25em; letter-spacing: 0.04em; }
.training-mark.end { margin: 3mm 0 0; }
.reprint-mark { border: 0.5mm dashed #000; padding: 1.2mm; margin: 0 0 2mm; text-align: center; font-weight: bold; letter-spacing: 0.03em; }
.money { text-align: right; }
.tag { font-weight: bold; font-style: normal; }
.redeemed { margin-top: 1.5mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: 1mm 1.5mm; border-bottom: 0.2mm solid #000; }
th { border-bottom-width: 0.4mm; }
th.num, td.num { text-align: right; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
.w-10 { width: 10%; } .w-12 { width: 12%; } .w-13 { width: 13%; } .w-15 { width: 15%; } .w-16 { width: 16%; } .w-18 { width: 18%; }
.w-20 { width: 20%; } .w-23 { width: 23%; } .w-25 { width: 25%; } .w-27 { width: 27%; } .w-36 { width: 36%; } .w-40 { width: 40%; }
${isRoll(paper) ? '' : '.facts { max-width: 110mm; } .head { text-align: left; }'}`;
}

/**
 * A label with its value on the right, the value marked with `data-field` for tests and tools. A figure
 * never wraps (the label does); a text value (a till or level name) wraps beside its short label.
 */
export function row(label: string, value: string, field: string, options: { text?: boolean; indent?: boolean } = {}): SafeHtml {
  const classes = ['row', options.text && 'text', options.indent && 'sub'].filter(Boolean).join(' ');
  return html`<div class="${classes}"><span class="label">${label}</span><span class="value" data-field="${field}">${value}</span></div>`;
}

/** What the print adapter receives: the document, and the paper to give `webContents.print` / `printToPDF`. */
export interface Printable {
  html: string;
  paper: PaperSpec;
}

/**
 * `trainingMark`: the words that say a document comes from Training mode, printed boxed at its top and its
 * end, so that no slip or report of practice points can pass for a real one.
 */
export function printDocument(options: { language: Language; title: string; paper: Paper; body: SafeHtml; trainingMark?: string | undefined }): string {
  const { language, title, paper, body, trainingMark } = options;
  const mark = (where: string) => trainingMark && html`<p class="training-mark ${where}" data-field="training">${trainingMark}</p>`;
  return html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${title}</title>
<style>${trustedMarkup(stylesheet(paper))}</style>
</head>
<body><main class="sheet">${mark('start')}${body}${mark('end')}</main></body>
</html>
`.markup;
}
