// The app's log: one line per event (a request's outcome, a journal state change, a sync, a print, an
// error), in a file in the app's data folder that rotates at a size limit, so that support can read what
// happened without the till's disk filling up. Written with electron-log's file transport (its Node entry:
// no Electron needed, so tests write real files); every line is redacted (redact.ts) before it is written.

import { renameSync, rmSync } from 'node:fs';
import { join, parse } from 'node:path';
import electronLog from 'electron-log/node';
import { createRedactor, type Redactor } from './redact.ts';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

/** What the journal, the client, the sync and printing call: an event name and fields (errors welcome). */
export interface EventLog {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export interface FileLog extends EventLog {
  /** The file being written now. */
  readonly file: string;
  /** The current file and the rotated ones, newest first (for diagnostics). */
  files(): string[];
  readonly redactor: Redactor;
}

export interface FileLogOptions {
  dir: string;
  /** "main.log" by default; rotated copies are main.1.log (newest) … main.<keep>.log. */
  fileName?: string;
  /** The size at which the file is rotated: 1 MB by default. */
  maxBytes?: number;
  /** Rotated files kept besides the current one: 4 by default, so at most 5 MB of logs. */
  keep?: number;
  /** The strings that are secret now (the stored token): blanked wherever they appear. */
  secrets?: () => readonly string[];
  /** Also print warnings and errors on the console (development); never in tests. */
  console?: boolean;
}

let instances = 0;

export function createFileLog(options: FileLogOptions): FileLog {
  const { name, ext } = parse(options.fileName ?? 'main.log');
  const file = join(options.dir, `${name}${ext}`);
  const keep = options.keep ?? 4;
  const rotated = (index: number) => join(options.dir, `${name}.${index}${ext}`);
  const redactor = createRedactor(options.secrets);

  // Its own logger, so that two logs (tests, diagnostics) never share a path or settings. It is never handed
  // out: every line goes through write() below, and so through the redactor.
  instances += 1;
  const logger = electronLog.create({ logId: `loyalty-desk-${instances}` });
  const fileTransport = logger.transports.file;
  fileTransport.resolvePathFn = () => file;
  fileTransport.maxSize = options.maxBytes ?? 1024 * 1024;
  fileTransport.level = 'info';
  // The till's user only: the lines are redacted, but they still say who was served when.
  fileTransport.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  fileTransport.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}{z}] [{level}] {text}';
  fileTransport.archiveLogFn = () => {
    // main.log → main.1.log → … → main.<keep>.log; the oldest is dropped.
    rmSync(rotated(keep), { force: true });
    for (let index = keep - 1; index >= 1; index -= 1) move(rotated(index), rotated(index + 1));
    move(file, rotated(1));
  };
  logger.transports.console.level = options.console ? 'warn' : false;
  // The file only: electron-log's IPC (to a renderer's devtools) and remote transports are never used.
  for (const name of ['ipc', 'remote']) {
    const transport = (logger.transports as Record<string, { level?: unknown } | null | undefined>)[name];
    if (transport) transport.level = false;
  }

  const write = (level: LogLevel, event: string, fields?: LogFields) => {
    const safe = fields === undefined ? undefined : redactor.value(fields);
    const line = safe === undefined ? redactor.text(event) : `${redactor.text(event)} ${JSON.stringify(safe)}`;
    logger[level](line);
  };

  return {
    file,
    redactor,
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
    files: () => [file, ...Array.from({ length: keep }, (_unused, index) => rotated(index + 1))],
  };
}

function move(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
