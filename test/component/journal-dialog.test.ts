import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcResult } from '../../electron/ipc/contract.ts';
import JournalDialog from '../../renderer/src/JournalDialog.svelte';
import { deskStatus, journalEntry } from './fixtures.ts';

const fake = vi.hoisted(() => ({
  listJournal: vi.fn(),
  discardEntry: vi.fn(),
  resolveEntry: vi.fn(),
  unlockSettings: vi.fn(),
  retryJournal: vi.fn(),
  exportJournal: vi.fn(),
}));
vi.mock('../../renderer/src/api.ts', async (importActual) => ({ ...(await importActual<object>()), api: fake }));

const ok = <T>(value: T): Promise<IpcResult<T>> => Promise.resolve({ ok: true, value });
const refused = (code: 'pin_required' | 'wrong_pin'): Promise<IpcResult<never>> => Promise.resolve({ ok: false, error: { code, message: code } });

const rejected = journalEntry({ id: '0b5d8f3e-2a1c-4e6f-8a9b-1c2d3e4f5a6b', seq: 2, state: 'rejected', attempts: 1, lastError: { code: 'validation', message: 'point is greater than point_available' } });
const applied = journalEntry({ seq: 1, state: 'applied', direction: 'add', points: 75 });

function renderJournal(status = deskStatus({ journal: { pending: 0, uncertain: 0, rejected: 1, needs_review: 0, applied_twice: 0 } })) {
  const onstatus = vi.fn();
  const onclose = vi.fn();
  const onactivity = vi.fn();
  render(JournalDialog, { status, timeZone: 'Asia/Ho_Chi_Minh', onstatus, onactivity, onclose });
  return { onstatus, onclose, onactivity };
}

beforeEach(() => {
  for (const mock of Object.values(fake)) mock.mockReset();
  fake.listJournal.mockImplementation(({ states }: { states?: string[] }) => ok(states ? [rejected].filter((e) => states.includes(e.state)) : [rejected, applied]));
});

describe('the journal panel', () => {
  it('opens on what needs attention, and switches filters with the arrow keys', async () => {
    renderJournal();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual(['Đang chờ (0)', 'Cần xử lý (1)', 'Tất cả']);
    expect(tabs[1]!.getAttribute('aria-selected')).toBe('true');
    expect(fake.listJournal).toHaveBeenLastCalledWith({ states: ['rejected', 'needs_review'], attention: true, limit: 200 });
    await waitFor(() => expect(screen.getAllByTestId('journal-entry')).toHaveLength(1));
    await fireEvent.keyDown(tabs[1]!, { key: 'ArrowRight' });
    expect(fake.listJournal).toHaveBeenLastCalledWith({ limit: 200 });
    await waitFor(() => expect(screen.getAllByTestId('journal-entry')).toHaveLength(2));
    expect(document.activeElement).toBe(tabs[2]);
  });

  it('moves between entries with the arrow keys', async () => {
    renderJournal(deskStatus());
    await waitFor(() => expect(screen.getAllByTestId('journal-entry')).toHaveLength(2));
    const [first, second] = screen.getAllByTestId('journal-entry');
    first!.focus();
    await fireEvent.keyDown(first!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(second);
    await fireEvent.keyDown(second!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(first);
  });

  it('asks the PIN when a cancel needs it, then cancels with the reason', async () => {
    fake.discardEntry.mockImplementationOnce(() => refused('pin_required')).mockImplementation(() => ok({ ...rejected, state: 'discarded' }));
    fake.unlockSettings.mockImplementationOnce(() => refused('wrong_pin')).mockImplementation(() => ok(deskStatus({ pinSet: true, unlocked: true })));
    const { onstatus, onactivity } = renderJournal();
    const row = await screen.findByTestId('journal-entry');
    await fireEvent.click(within(row).getByRole('button', { name: 'Huỷ thay đổi' }));
    await fireEvent.input(within(row).getByLabelText('Lý do huỷ (bắt buộc)'), { target: { value: 'Khách đổi ý' } });
    await fireEvent.click(within(row).getByRole('button', { name: 'Huỷ thay đổi này' }));
    const pin = await screen.findByLabelText('Mã PIN quản lý');
    expect(screen.getByText('Huỷ hay xử lý một thay đổi điểm, hoặc xuất số điện thoại, cần mã PIN quản lý.')).toBeTruthy();
    await tick();
    expect(document.activeElement).toBe(pin);
    await fireEvent.input(pin, { target: { value: '1111' } });
    await fireEvent.submit(pin.closest('form')!);
    expect(await screen.findByText('Sai mã PIN.')).toBeTruthy();
    await fireEvent.input(pin, { target: { value: '2468' } });
    await fireEvent.submit(pin.closest('form')!);
    await waitFor(() => expect(screen.getByTestId('journal-message').textContent).toBe('Đã huỷ thay đổi.'));
    expect(fake.discardEntry).toHaveBeenCalledTimes(2);
    expect(fake.discardEntry).toHaveBeenLastCalledWith({ id: rejected.id, reason: 'Khách đổi ý' });
    expect(onstatus).toHaveBeenCalledWith(expect.objectContaining({ unlocked: true }));
    expect(onactivity).toHaveBeenCalled();
    expect(screen.queryByLabelText('Mã PIN quản lý')).toBeNull();
  });

  it('going back from the PIN leaves the entry as it was, and says why', async () => {
    fake.discardEntry.mockImplementation(() => refused('pin_required'));
    const { onclose } = renderJournal();
    const row = await screen.findByTestId('journal-entry');
    await fireEvent.click(within(row).getByRole('button', { name: 'Huỷ thay đổi' }));
    await fireEvent.input(within(row).getByLabelText('Lý do huỷ (bắt buộc)'), { target: { value: 'x' } });
    await fireEvent.click(within(row).getByRole('button', { name: 'Huỷ thay đổi này' }));
    const pin = await screen.findByLabelText('Mã PIN quản lý');
    await fireEvent.keyDown(pin, { key: 'Escape' });
    expect(onclose).not.toHaveBeenCalled();
    await waitFor(() => expect(within(row).getByRole('alert').textContent).toBe('Việc này cần mã PIN quản lý.'));
    expect(screen.queryByLabelText('Mã PIN quản lý')).toBeNull();
  });

  it('retries now, exports and says where, and Escape closes', async () => {
    fake.retryJournal.mockImplementation(() => ok(deskStatus()));
    fake.exportJournal.mockImplementation(() => ok({ file: '/data/exports/journal-2025-11-20.csv' }));
    const { onstatus, onclose } = renderJournal();
    await fireEvent.click(screen.getByRole('button', { name: 'Gửi lại ngay' }));
    await waitFor(() => expect(onstatus).toHaveBeenCalledOnce());
    expect(screen.getByTestId('journal-message').textContent).toBe('Đang gửi những gì đang chờ.');
    await fireEvent.click(screen.getByRole('button', { name: 'Xuất CSV' }));
    await waitFor(() => expect(screen.getByTestId('journal-message').textContent).toBe('Đã lưu vào /data/exports/journal-2025-11-20.csv'));
    await fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onclose).toHaveBeenCalledOnce();
  });
});
