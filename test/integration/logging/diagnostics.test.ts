// "Export diagnostics": the one file written for support, read back from disk. It holds the logs, the
// versions, the settings and the journal's counts, and none of the secrets or full phones.

import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diagnosticsFileName, writeDiagnostics, type Diagnostics } from '../../../electron/logging/diagnostics.ts';
import { createFileLog } from '../../../electron/logging/log.ts';
import { randomToken } from '../../../electron/sandbox/tokens.ts';
import { DEFAULT_SETTINGS } from '../../../electron/settings/settings.ts';

const root = mkdtempSync(join(tmpdir(), 'loyalty-desk-diagnostics-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TOKEN = randomToken();
const OTHER_TOKEN = 'hv.Other~Token!42';
const PIN_HASH = `${'a1'.repeat(8)}:${'b2'.repeat(32)}`;
const SEAL = 'c3'.repeat(32);

describe('the diagnostics file', () => {
  const logDir = join(root, 'logs');
  const log = createFileLog({ dir: logDir, maxBytes: 2000, keep: 2, secrets: () => [TOKEN] });
  for (let index = 0; index < 30; index += 1) log.info('client.request', { index, status: 200, query: '0909977921' });
  log.error('print.failed', { error: new Error('Printer "Quầy 1" is offline') });
  // A line another tool wrote in clear (an old version, a hand edit): the export redacts it again.
  writeFileSync(join(logDir, 'main.2.log'), `[old] connected with ${OTHER_TOKEN} for 0912 345 678\n`, { flag: 'a' });

  const file = join(root, 'out', diagnosticsFileName('Quầy 1', new Date(2025, 10, 20, 15, 30, 5)));
  writeDiagnostics(file, {
    versions: { app: '1.2.0', electron: '45.5.0', node: '22.22.0', os: 'Windows 11' },
    settings: { ...DEFAULT_SETTINGS, storeName: 'Cửa hàng 0903 123 456', managerPin: PIN_HASH, seal: SEAL, shopId: 'shop-1', apiToken: TOKEN, mode: 'store' },
    journalCounts: { pending: 2, sending: 0, applied: 120, rejected: 1, uncertain: 1, needs_review: 0, discarded: 3 },
    logFiles: log.files(),
    extra: { update: { available: '1.3.0', lastCheckProblem: null }, note: `token was ${OTHER_TOKEN}` },
    secrets: [TOKEN, OTHER_TOKEN],
    now: new Date(2025, 10, 20, 15, 30, 5),
  });
  const text = readFileSync(file, 'utf8');
  const diagnostics = JSON.parse(text) as Diagnostics;

  it('is one JSON file named for the till and the time, readable by the till’s user only', () => {
    expect(file.endsWith('loyalty-desk-diagnostics-Quay-1-20251120-153005.json')).toBe(true);
    expect(diagnostics).toMatchObject({ kind: 'loyalty-desk-diagnostics', format: 1 });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('holds the versions, the journal counts and the settings support needs', () => {
    expect(diagnostics.versions).toEqual({ app: '1.2.0', electron: '45.5.0', node: '22.22.0', os: 'Windows 11' });
    expect(diagnostics.journalCounts).toMatchObject({ pending: 2, uncertain: 1, applied: 120 });
    expect(diagnostics.settings).toMatchObject({ tillName: 'Quầy 1', paper: '80mm', mode: 'store', journalRetentionDays: 90 });
    expect(diagnostics.extra).toMatchObject({ update: { available: '1.3.0' } });
  });

  it('leaves out the PIN, the seal and anything token-like, and says it did', () => {
    expect(Object.keys(diagnostics.settings)).not.toContain('managerPin');
    expect(Object.keys(diagnostics.settings)).not.toContain('seal');
    expect(Object.keys(diagnostics.settings)).not.toContain('apiToken');
    expect(diagnostics.settingsLeftOut.sort()).toEqual(['apiToken', 'managerPin', 'seal']);
    for (const secret of [TOKEN, OTHER_TOKEN, PIN_HASH, SEAL, 'b2'.repeat(32)]) expect(text.includes(secret), secret).toBe(false);
  });

  it('includes the logs, rotated files too, newest first, with phones masked', () => {
    const names = diagnostics.logs.map((entry) => entry.file);
    expect(names).toEqual(['main.log', 'main.1.log', 'main.2.log']);
    const lines = diagnostics.logs.flatMap((entry) => entry.lines);
    expect(lines.some((line) => line.includes('print.failed') && line.includes('Printer \\"Quầy 1\\" is offline'))).toBe(true);
    expect(lines.filter((line) => line.includes('client.request')).length).toBeGreaterThan(5);
    expect(lines).toContain('[old] connected with [token] for 0912 *** 678');
    for (const phone of ['0909977921', '0912 345 678', '0903 123 456']) expect(text.includes(phone), phone).toBe(false);
    expect(diagnostics.settings['storeName']).toBe('Cửa hàng 0903 *** 456');
  });

  it('keeps the newest part of a long log, starting at a whole line', () => {
    const long = join(root, 'long.log');
    writeFileSync(long, Array.from({ length: 500 }, (_unused, index) => `line ${index} ${'x'.repeat(50)}`).join('\n') + '\n');
    const cut = writeDiagnostics(join(root, 'cut.json'), { versions: {}, settings: {}, journalCounts: {}, logFiles: [long, join(root, 'missing.log')], tailBytesPerFile: 1000 });
    expect(cut.logs).toHaveLength(1);
    expect(cut.logs[0]).toMatchObject({ file: 'long.log', truncated: true });
    expect(cut.logs[0]!.lines.at(-1)).toMatch(/^line 499 x+$/);
    expect(cut.logs[0]!.lines[0]).toMatch(/^line \d+ x{50}$/);
    expect(cut.logs[0]!.lines.length).toBeLessThan(20);
  });
});
