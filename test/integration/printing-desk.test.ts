// Printing as the screen reaches it: slips and shift reports rendered from the directory, the journal and
// the settings, printed on the harness's recording printer, against a real sandbox store.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryTokenVault } from '../../electron/connection/token-vault.ts';
import { createDesk, type Desk } from '../../electron/desk.ts';
import { startSandbox, type SandboxStore } from '../../electron/sandbox/server.ts';
import { memorySettingsStore } from '../../electron/settings/settings.ts';
import { recordingPrinter, type RecordingPrinter } from '../harness/printer.ts';
import { deskCalls } from './desk-calls.ts';
import { readCsv } from './export/read-csv.ts';

let sandbox: SandboxStore;
let desk: Desk;
let printer: RecordingPrinter;
let dataDir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ members: 60, drainPerSecond: 40 });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'loyalty-desk-print-'));
  printer = recordingPrinter(async (job) => new TextEncoder().encode(`%PDF rendered ${job.paper.id}`));
  desk = createDesk({
    vault: memoryTokenVault(),
    settings: memorySettingsStore({ apiUrl: sandbox.url, storeName: 'Cửa hàng Bến Thành', tillName: 'Quầy 2', paper: '80mm' }),
    dataDir,
    printer,
    previewUrl: (id) => `preview/${id}`,
  });
  await connectAsManager(sandbox.tokens.readWrite);
  const deadline = Date.now() + 10_000;
  while (!(await value('getDirectoryStatus')).complete && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
});
afterEach(async () => {
  await desk.close();
  await rm(dataDir, { recursive: true, force: true });
});

const { call, value, connectAsManager } = deskCalls(() => desk);

const an = () => sandbox.profiles().find((p) => p.profile_card_number === '100006037101')!;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the loyalty slip', () => {
  it('shows the member and this visit’s adjustments, and prints silently on the thermal printer', async () => {
    await value('openShift');
    await value('addPoints', { memberId: an().id, points: 40, reason: 'Mua hàng', orderRef: 'HD-501' });
    const preview = await value('previewSlip', { memberId: an().id });
    expect(preview).toMatchObject({ paper: '80mm', previewUrl: `preview/${preview.previewId}` });
    const slip = text(desk.previewDocument(preview.previewId)!);
    expect(slip).toContain('Cửa hàng Bến Thành');
    expect(slip).toContain('Nguyễn Văn An');
    expect(slip).toContain('0909 *** 921');
    expect(slip).toContain(new Intl.NumberFormat('vi-VN').format(an().point_available));
    expect(slip).toContain('HD-501');
    expect(await value('printPreview', { previewId: preview.previewId })).toEqual({ printer: 'Xprinter XP-80C (quầy)' });
    expect(printer.jobs.map((job) => [job.printer, job.silent, job.paper.id])).toEqual([['XP-80C', true, '80mm']]);
    const pdf = await value('savePreviewPdf', { previewId: preview.previewId });
    expect(await readFile(pdf.file, 'utf8')).toBe('%PDF rendered 80mm');
  });

  it('says so in plain words when printing fails, and changes nothing else', async () => {
    await value('addPoints', { memberId: an().id, points: 5, reason: 'Mua hàng', orderRef: 'HD-502' });
    const journalBefore = await value('listJournal', {});
    const preview = await value('previewSlip', { memberId: an().id });
    printer.failNext('printer_offline');
    expect(await call('printPreview', { previewId: preview.previewId })).toMatchObject({ ok: false, error: { code: 'print_failed', detail: 'printer_offline' } });
    printer.printers = [];
    expect(await call('printPreview', { previewId: preview.previewId })).toMatchObject({ ok: false, error: { code: 'print_failed', detail: 'no_printer' } });
    expect(printer.jobs).toEqual([]);
    expect(await value('listJournal', {})).toEqual(journalBefore);
  });
});

describe('the end-of-shift report', () => {
  it('covers this till’s adjustments of the shift, with totals equal to the journal’s', async () => {
    const shift = await value('openShift');
    expect(await value('getShift')).toEqual(shift);
    const member = an();
    await value('addPoints', { memberId: member.id, points: 70, reason: 'Mua hàng', orderRef: 'HD-601' });
    await value('subtractPoints', { memberId: member.id, points: 30, reason: 'Đổi điểm', orderRef: 'HD-602' });
    const closed = await value('closeShift');
    expect(closed.closedAt).not.toBeNull();
    expect(await value('getShift')).toBeNull();

    const report = text(desk.previewDocument((await value('previewShiftReport', { shiftId: closed.id })).previewId)!);
    expect(report).toContain('Quầy 2');
    expect(report).toContain('HD-601');
    expect(report).toContain('HD-602');
    const csv = await readFile((await value('exportShiftCsv', { shiftId: closed.id })).file, 'utf8');
    const applied = (await value('listJournal', { states: ['applied'] })).filter((e) => e.createdAt >= closed.openedAt);
    const added = applied.filter((e) => e.direction === 'add').reduce((sum, e) => sum + e.points, 0);
    const redeemed = applied.filter((e) => e.direction === 'subtract').reduce((sum, e) => sum + e.points, 0);
    expect([added, redeemed]).toEqual([70, 30]);
    // Columns: status, time, member id, member, phone, points (signed), reason, order.
    const signed = readCsv(csv)
      .slice(1)
      .filter((row) => row[7]!.startsWith('HD-60'))
      .map((row) => Number(row[5]));
    expect(signed.sort((a, b) => a - b)).toEqual([-30, 70]);
  });
});
