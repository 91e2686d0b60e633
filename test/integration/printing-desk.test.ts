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
import { deskCalls, MANAGER_PIN } from './desk-calls.ts';
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
    settings: memorySettingsStore({ apiUrl: sandbox.url, storeName: 'Cửa hàng Bến Thành', tillName: 'Quầy 2', paper: '80mm', salesRecordedInHaravan: false }),
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

const { call, value, refused, connectAsManager } = deskCalls(() => desk);

const an = () => sandbox.profiles().find((p) => p.profile_card_number === '100006037101')!;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
/** Every `data-field` of a printed document with its text, in order (a field may appear more than once). */
const fields = (html: string) =>
  [...html.matchAll(/data-field="([^"]+)">((?:(?!<\/?(?:span|p|div|td)\b)[\s\S])*)</g)].map(([, name, inner]) => [name, text(inner!).trim()]);
const doc = (preview: { previewId: string }) => desk.previewDocument(preview.previewId)!;

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the loyalty slip', () => {
  it('shows the member and this visit’s adjustments, and prints silently on the thermal printer', async () => {
    await value('openShift', { operator: 'Lan' });
    await value('addPoints', { memberId: an().id, points: 40, reason: 'Mua hàng', orderRef: 'HD-501', reasonKind: 'promotion' });
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
    await value('addPoints', { memberId: an().id, points: 5, reason: 'Mua hàng', orderRef: 'HD-502', reasonKind: 'promotion' });
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

describe('the money on the slip', () => {
  it('shows each change’s money and what this visit redeemed, from the journal', async () => {
    await value('openShift', { operator: 'Lan' });
    // 105.000 ₫ at 10.000 ₫ a point, rounded down: 10 points; 100 points at 1.000 ₫ take 100.000 ₫ off.
    await value('addPoints', { memberId: an().id, points: 10, reason: 'Mua hàng', orderRef: 'HD-701', reasonKind: 'purchase', billDong: 105_000 });
    await value('subtractPoints', { memberId: an().id, points: 100, reason: 'Đổi điểm', orderRef: 'HD-702' });
    const slip = doc(await value('previewSlip', { memberId: an().id }));
    expect(fields(slip).filter(([name]) => name === 'money' || name === 'redeemed_this_visit')).toEqual([
      ['money', 'Hoá đơn 105.000 ₫'],
      ['money', 'Giảm 100.000 ₫'],
      ['redeemed_this_visit', 'Đã đổi lần này: 100 điểm = 100.000 ₫'],
    ]);
  });
});

describe('printing the last slip again', () => {
  it('is refused until a slip has reached the printer: a preview or a failed print is not one', async () => {
    expect(await refused('previewLastSlip')).toMatchObject({ code: 'invalid_input', detail: 'no_last_slip' });
    const preview = await value('previewSlip', { memberId: an().id });
    expect(await refused('previewLastSlip')).toMatchObject({ detail: 'no_last_slip' });
    printer.failNext('printer_offline');
    expect(await call('printPreview', { previewId: preview.previewId })).toMatchObject({ ok: false });
    expect(await refused('previewLastSlip')).toMatchObject({ detail: 'no_last_slip' });
  });

  it('renders the printed slip with the same figures, marked as a reprint, even after the member changed', async () => {
    await value('subtractPoints', { memberId: an().id, points: 25, reason: 'Đổi điểm', orderRef: 'HD-801' });
    const first = await value('previewSlip', { memberId: an().id });
    const original = doc(first);
    await value('printPreview', { previewId: first.previewId });
    // A change after the print is not on the reprint: it is the same slip.
    await value('addPoints', { memberId: an().id, points: 7, reason: 'Khuyến mãi', orderRef: 'HD-802', reasonKind: 'promotion' });
    const again = await value('previewLastSlip');
    const reprint = doc(again);
    const firstTime = fields(original).find(([name]) => name === 'printed_at')![1]!;
    expect(fields(reprint)[0]).toEqual(['reprint', `BẢN IN LẠI — in lần đầu lúc ${firstTime}`]);
    const figures = (html: string) => fields(html).filter(([name]) => name !== 'reprint' && name !== 'printed_at');
    expect(figures(reprint)).toEqual(figures(original));
    expect(reprint).not.toContain('HD-802');
    expect(reprint).toContain('HD-801');
    // Printed, then reprinted again: still the first print's time.
    expect(await value('printPreview', { previewId: again.previewId })).toEqual({ printer: 'Xprinter XP-80C (quầy)' });
    expect(printer.jobs.map((job) => job.title)).toEqual([`slip-${an().id}`, `slip-${an().id}-reprint`]);
    expect(fields(doc(await value('previewLastSlip')))[0]).toEqual(['reprint', `BẢN IN LẠI — in lần đầu lúc ${firstTime}`]);
  });
});

describe('the end-of-shift report', () => {
  it('covers this till’s adjustments of the shift, with totals equal to the journal’s', async () => {
    const shift = await value('openShift', { operator: 'Trần Thị Lan' });
    expect(await value('getShift')).toEqual(shift);
    const member = an();
    await value('addPoints', { memberId: member.id, points: 70, reason: 'Mua hàng', orderRef: 'HD-601', reasonKind: 'promotion' });
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
    // Columns: status, time, member id, member, phone, points (signed), reason, order, then operator, kind, money, reverses.
    const signed = readCsv(csv)
      .slice(1)
      .filter((row) => row[7]!.startsWith('HD-60'))
      .map((row) => Number(row[5]));
    expect(signed.sort((a, b) => a - b)).toEqual([-30, 70]);
  });
});

describe('the end-of-shift report with money, reasons and a reversal', () => {
  it('names who opened the shift, totals by reason, lists the reversal, and exports the new columns', async () => {
    const shift = await value('openShift', { operator: 'Trần Thị Lan' });
    const member = an();
    await value('addPoints', { memberId: member.id, points: 10, reason: 'Mua hàng', orderRef: 'HD-901', reasonKind: 'purchase', billDong: 105_000 });
    await value('subtractPoints', { memberId: member.id, points: 100, reason: 'Đổi điểm', orderRef: 'HD-902' });
    await value('addPoints', { memberId: member.id, points: 5, reason: 'Sửa sai', orderRef: '', reasonKind: 'correction' });
    const redemption = (await value('listJournal', {})).find((e) => e.refId === 'HD-902')!;
    expect(redemption.state).toBe('applied');
    await value('unlockSettings', { pin: MANAGER_PIN });
    const reversal = await value('reverseEntry', { id: redemption.id, note: 'Khách trả hàng <b>gấp</b>' });
    await until(async () => (await value('listJournal', {})).find((e) => e.id === reversal.id)?.state === 'applied');

    const report = doc(await value('previewShiftReport', { shiftId: shift.id }));
    const printed = new Map(fields(report).map(([name, value]) => [name, value]));
    expect(printed.get('operator')).toBe('Trần Thị Lan');
    expect(printed.get('applied.redeemed_money')).toBe('100.000 ₫');
    expect(printed.get('waiting.redeemed_money')).toBe('0 ₫');
    expect([printed.get('reason.purchase.count'), printed.get('reason.purchase.points'), printed.get('reason.purchase.money')]).toEqual(['1', '+10', '105.000 ₫']);
    expect([printed.get('reason.redeem.count'), printed.get('reason.redeem.points'), printed.get('reason.redeem.money')]).toEqual(['1', '-100', '100.000 ₫']);
    expect([printed.get('reason.correction.count'), printed.get('reason.correction.points')]).toEqual(['1', '+5']);
    expect([printed.get('reason.reversal.count'), printed.get('reason.reversal.points'), printed.get('reason.reversal.money')]).toEqual(['1', '+100', '100.000 ₫']);
    expect(printed.get('original')).toMatch(/^Thay đổi gốc: -100 · Đổi điểm · Đơn hàng: HD-902 · \d\d:\d\d \d\d\/\d\d\/\d{4}$/);
    expect(report).toContain('Khách trả hàng &lt;b&gt;gấp&lt;/b&gt;');
    expect(report).not.toContain('<b>gấp');

    const csv = readCsv(await readFile((await value('exportShiftCsv', { shiftId: shift.id })).file, 'utf8'));
    expect(csv[0]!.slice(8)).toEqual(['Người mở ca', 'Loại', 'Số tiền (đồng)', 'Đảo ngược']);
    const row = (ref: string, points: string) => csv.find((r) => r[7] === ref && r[5] === points)!;
    expect(row('HD-901', '10').slice(8)).toEqual(['Trần Thị Lan', 'Mua hàng', '105000', '']);
    expect(row('HD-902', '-100').slice(8)).toEqual(['Trần Thị Lan', 'Đổi điểm', '100000', '']);
    const reversed = row('HD-902', '100');
    expect(reversed.slice(8, 11)).toEqual(['Trần Thị Lan', 'Đảo ngược', '100000']);
    expect(reversed[11]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d -100$/);
    expect(reversed[6]).toBe('Khách trả hàng <b>gấp</b>');
  });
});
