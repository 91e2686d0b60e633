// "Export diagnostics" (behind the PIN): one file a manager sends to support, with what support asks for
// first — the versions, the settings, the journal's counts and the recent logs — and nothing they must not
// see: secrets are dropped by name and the whole file passes the log's redaction again (the token may be a
// different one than when a line was written, and a setting may hold a phone).

import { existsSync, mkdirSync, openSync, readSync, closeSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { createRedactor } from './redact.ts';

/** Settings support never needs, whatever their value: the PIN's hash, the seal, anything token-like. */
const SECRET_SETTING = /token|secret|passw|^managerPin$|^seal$|^pin$|key$/i;
/** The newest part of each log file is what support reads; older lines stay on the till. */
const DEFAULT_TAIL_BYTES = 512 * 1024;

export interface DiagnosticsInput {
  /** app, electron, chrome, node, os … as the adapter finds them. */
  versions: Record<string, string>;
  settings: Record<string, unknown>;
  /** The journal's entries per state (journal.counts()). */
  journalCounts: Record<string, number>;
  /** Log files, newest first; missing ones are skipped. */
  logFiles: readonly string[];
  /** Anything else worth a look (update status, displays); redacted like the rest. */
  extra?: Record<string, unknown>;
  /** Known secrets (the stored token). */
  secrets?: readonly string[];
  tailBytesPerFile?: number;
  now?: Date;
}

export interface Diagnostics {
  kind: 'loyalty-desk-diagnostics';
  format: 1;
  createdAt: string;
  versions: Record<string, string>;
  settings: Record<string, unknown>;
  /** Names of the settings left out, so support knows they exist. */
  settingsLeftOut: string[];
  journalCounts: Record<string, number>;
  extra: Record<string, unknown>;
  logs: { file: string; bytes: number; truncated: boolean; lines: string[] }[];
}

export function buildDiagnostics(input: DiagnosticsInput): Diagnostics {
  const redactor = createRedactor(() => input.secrets ?? []);
  const settings: Record<string, unknown> = {};
  const settingsLeftOut: string[] = [];
  for (const [name, value] of Object.entries(input.settings)) {
    if (SECRET_SETTING.test(name)) settingsLeftOut.push(name);
    else settings[name] = value;
  }
  const logs = input.logFiles.filter((file) => existsSync(file)).map((file) => readTail(file, input.tailBytesPerFile ?? DEFAULT_TAIL_BYTES));
  const diagnostics: Diagnostics = {
    kind: 'loyalty-desk-diagnostics',
    format: 1,
    createdAt: (input.now ?? new Date()).toISOString(),
    versions: { ...input.versions },
    settings,
    settingsLeftOut,
    journalCounts: { ...input.journalCounts },
    extra: input.extra ?? {},
    logs: logs.map((log) => ({ ...log, file: basename(log.file) })),
  };
  return redactor.value(diagnostics) as Diagnostics;
}

/** Writes the diagnostics as one JSON file (created with its folder), readable by the till's user only. */
export function writeDiagnostics(file: string, input: DiagnosticsInput): Diagnostics {
  const diagnostics = buildDiagnostics(input);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(diagnostics, null, 2)}\n`, { mode: 0o600 });
  return diagnostics;
}

/** A file name that sorts by time and says which till: loyalty-desk-diagnostics-<till>-20250102-1530.json. */
export function diagnosticsFileName(till: string, now: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const safeTill = till.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'till';
  return `loyalty-desk-diagnostics-${safeTill}-${stamp}.json`;
}

function readTail(file: string, limit: number): { file: string; bytes: number; truncated: boolean; lines: string[] } {
  const bytes = statSync(file).size;
  const length = Math.min(bytes, limit);
  const buffer = Buffer.alloc(length);
  const descriptor = openSync(file, 'r');
  try {
    readSync(descriptor, buffer, 0, length, bytes - length);
  } finally {
    closeSync(descriptor);
  }
  let lines = buffer.toString('utf8').split(/\r?\n/);
  // A cut file starts mid-line: that partial line is dropped rather than shown half.
  if (length < bytes) lines = lines.slice(1);
  if (lines.at(-1) === '') lines.pop();
  return { file, bytes, truncated: length < bytes, lines };
}
