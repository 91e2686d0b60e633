import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EntryState } from '../../electron/journal/types.ts';
import { locale } from '../../renderer/src/i18n.svelte.ts';
import { actionsFor } from '../../renderer/src/journal.ts';
import JournalEntryRow from '../../renderer/src/JournalEntryRow.svelte';
import { journalEntry } from './fixtures.ts';

function renderRow(overrides: Parameters<typeof journalEntry>[0] = {}, onact = vi.fn(async () => undefined as string | undefined)) {
  render(JournalEntryRow, { entry: journalEntry(overrides), timeZone: 'Asia/Ho_Chi_Minh', position: 1, count: 1, onact });
  return { onact, row: screen.getByTestId('journal-entry') };
}

const buttonNames = (row: HTMLElement) => within(row).queryAllByRole('button').map((button) => button.textContent?.trim());

afterEach(() => {
  locale.language = 'vi';
});

describe('a journal entry', () => {
  const words: [EntryState, string, string][] = [
    ['pending', 'Chờ gửi', 'Waiting to send'],
    ['sending', 'Đang gửi', 'Sending'],
    ['applied', 'Đã áp dụng', 'Applied'],
    ['rejected', 'Bị từ chối', 'Refused'],
    ['uncertain', 'Chưa rõ kết quả — đang kiểm tra', 'Outcome unclear — being checked'],
    ['needs_review', 'Cần quản lý xem lại', 'Needs a manager’s review'],
    ['discarded', 'Đã huỷ', 'Cancelled'],
  ];

  for (const [state, vi, en] of words) {
    it(`says ${state} in plain words, in both languages`, () => {
      renderRow({ state });
      expect(screen.getByTestId('entry-state').textContent).toBe(vi);
      document.body.innerHTML = '';
      locale.language = 'en';
      renderRow({ state });
      expect(screen.getByTestId('entry-state').textContent).toBe(en);
    });
  }

  it('shows who, the signed points, the time in the store’s zone, the reason and the order', () => {
    const { row } = renderRow();
    expect(screen.getByTestId('entry-points').textContent).toBe('−150 điểm');
    expect(row.textContent).toContain('Nguyễn Văn An');
    expect(row.textContent).toContain('0909 *** 921');
    expect(row.textContent).toContain('09:05 20/11/2025');
    expect(row.textContent).toContain('Đổi điểm đơn #HD1234');
    expect(row.textContent).toContain('Đơn #HD1234');
    expect(row.textContent).not.toContain('Số lần gửi');
    document.body.innerHTML = '';
    renderRow({ direction: 'add', points: 1200, refId: '' });
    expect(screen.getByTestId('entry-points').textContent).toBe('+1.200 điểm');
    expect(screen.getByTestId('journal-entry').textContent).not.toContain('Đơn #');
  });

  it('says how often it was sent and what went wrong last, in words', () => {
    renderRow({
      state: 'rejected',
      attempts: 2,
      lastError: { code: 'validation', message: 'PUT /loy/profiles/360101/points/subtract.json: refused (422): point is greater than point_available' },
    });
    expect(screen.getByText('Số lần gửi: 2')).toBeTruthy();
    expect(screen.getByTestId('entry-error').textContent).toBe('Lỗi khi gửi gần nhất: Cửa hàng từ chối: thành viên không còn đủ điểm (có thể quầy khác vừa dùng). Hãy tìm lại thành viên.');
    document.body.innerHTML = '';
    renderRow({ attempts: 1, lastError: { code: 'offline', message: 'PUT /loy/profiles/360101/points/subtract.json: the store could not be reached' } });
    expect(screen.getByTestId('entry-error').textContent).toBe('Lỗi khi gửi gần nhất: Không kết nối được cửa hàng.');
  });

  it('an applied entry shows no old problem; an unclear one never says nothing has changed', () => {
    renderRow({ state: 'applied', attempts: 2, lastError: { code: 'offline', message: 'PUT /loy/profiles/360101/points/subtract.json: the store could not be reached' } });
    expect(screen.queryByTestId('entry-error')).toBeNull();
    expect(screen.getByText('Số lần gửi: 2')).toBeTruthy();
    document.body.innerHTML = '';
    renderRow({ state: 'uncertain', attempts: 1, lastError: { code: 'offline', message: 'GET /loy/profiles/360101.json: the store could not be reached' } });
    const error = screen.getByTestId('entry-error').textContent!;
    expect(error).not.toMatch(/chưa có gì thay đổi/);
    // The problem came from checking the balance, not from one of the sends counted beside it.
    expect(error).toBe('Lỗi khi kiểm tra số dư: Không kết nối được cửa hàng.');
  });

  it('shows both figures of a needs-review entry', () => {
    renderRow({ state: 'needs_review', sentBalanceBefore: 6100, sentBalanceAfter: 5950, serverBalance: 6030 });
    const figures = within(screen.getByTestId('entry-figures'));
    expect(figures.getByText('Số dư khi gửi').nextElementSibling?.textContent).toBe('6.100');
    expect(figures.getByText('Nếu đã áp dụng').nextElementSibling?.textContent).toBe('5.950');
    expect(figures.getByText('Cửa hàng báo').nextElementSibling?.textContent).toBe('6.030');
  });

  it('offers cancelling for pending and rejected, settling for needs review, reversing for applied, nothing otherwise', () => {
    const offered: Record<string, (string | undefined)[]> = {};
    for (const state of ['pending', 'sending', 'applied', 'rejected', 'uncertain', 'needs_review', 'discarded'] as EntryState[]) {
      document.body.innerHTML = '';
      const { row } = renderRow({ state });
      offered[state] = buttonNames(row);
      expect(offered[state]).toHaveLength(actionsFor({ state, lastError: null, duplicateCheck: null, reversesId: null, reversal: 'none' }).length);
    }
    expect(offered).toEqual({
      pending: ['Huỷ thay đổi'],
      sending: [],
      applied: ['Đảo ngược thay đổi này'],
      rejected: ['Huỷ thay đổi'],
      uncertain: [],
      needs_review: ['Đã áp dụng', 'Gửi lại'],
      discarded: [],
    });
  });

  it('cancels only with a reason, and says why when it did not go through', async () => {
    const onact = vi.fn<(...args: unknown[]) => Promise<string | undefined>>().mockResolvedValueOnce('Sai mã PIN.').mockResolvedValueOnce(undefined);
    const { row } = renderRow({ state: 'rejected' }, onact);
    await fireEvent.click(within(row).getByRole('button', { name: 'Huỷ thay đổi' }));
    const reason = within(row).getByLabelText('Lý do huỷ (bắt buộc)') as HTMLInputElement;
    await tick();
    expect(document.activeElement).toBe(reason);
    await fireEvent.submit(reason.closest('form')!);
    expect(within(row).getByRole('alert').textContent).toBe('Hãy nhập lý do.');
    expect(onact).not.toHaveBeenCalled();
    await fireEvent.input(reason, { target: { value: '  Khách đổi ý  ' } });
    await fireEvent.submit(reason.closest('form')!);
    expect(onact).toHaveBeenLastCalledWith(expect.objectContaining({ state: 'rejected' }), 'discard', 'Khách đổi ý');
    expect(within(row).getByRole('alert').textContent).toBe('Sai mã PIN.');
    await fireEvent.submit(reason.closest('form')!);
    await tick();
    expect(within(row).queryByLabelText('Lý do huỷ (bắt buộc)')).toBeNull();
    expect(document.activeElement).toBe(row);
  });

  it('offers sending again an entry refused because the member was not found', () => {
    const { row } = renderRow({ state: 'rejected', lastError: { code: 'not_found', message: 'GET /loy/profiles/360101.json: not found (404)' } });
    expect(buttonNames(row)).toEqual(['Gửi lại', 'Huỷ thay đổi']);
  });

  it('says in words why an entry needs review', () => {
    renderRow({ state: 'needs_review', reviewReason: 'after_outside_attempt', sentBalanceBefore: 6100, sentBalanceAfter: 6110, serverBalance: 6110 });
    expect(screen.getByTestId('entry-review').textContent).toMatch(/xảy ra sau lần gửi của quầy/);
    document.body.innerHTML = '';
    locale.language = 'en';
    renderRow({ state: 'needs_review', reviewReason: 'before_after_other_change' });
    expect(screen.getByTestId('entry-review').textContent).toMatch(/^The balance is back where it was/);
  });

  it('an entry the store may show twice: both figures, take back the extra one or dismiss', async () => {
    const { row, onact } = renderRow({ state: 'applied', attempts: 2, duplicateCheck: 'suspected', duplicateCheckBalance: 6125, serverBalance: 6150 });
    expect(row.classList.contains('attention')).toBe(true);
    expect(screen.getByTestId('entry-twice').textContent).toContain('Số dư sau khi áp dụng: 6.125. Cửa hàng báo: 6.150.');
    expect(buttonNames(row)).toEqual(['Trừ lại lần thừa', 'Chỉ áp dụng một lần']);
    await fireEvent.click(within(row).getByRole('button', { name: 'Trừ lại lần thừa' }));
    const note = within(row).getByLabelText('Vì sao hoàn lại (bắt buộc)');
    await fireEvent.input(note, { target: { value: 'Lịch sử có hai lần cộng' } });
    await fireEvent.click(within(row).getByRole('button', { name: 'Hoàn lại lần thừa' }));
    expect(onact).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ duplicateCheck: 'suspected' }), 'reverseExtra', 'Lịch sử có hai lần cộng');
  });

  it('settles a needs-review entry as applied or to resend, with a note; Escape goes back', async () => {
    const { row, onact } = renderRow({ state: 'needs_review' });
    await fireEvent.click(within(row).getByRole('button', { name: 'Gửi lại' }));
    const note = within(row).getByLabelText('Vì sao cần gửi lại (bắt buộc)');
    await fireEvent.keyDown(note, { key: 'Escape' });
    expect(within(row).queryByLabelText('Vì sao cần gửi lại (bắt buộc)')).toBeNull();
    await fireEvent.click(within(row).getByRole('button', { name: 'Đã áp dụng' }));
    expect(within(row).getByText('Cửa hàng đã có thay đổi này: không gửi nữa.')).toBeTruthy();
    const applied = within(row).getByLabelText('Vì sao coi là đã áp dụng (bắt buộc)');
    await fireEvent.input(applied, { target: { value: 'Đã kiểm tra trên Haravan' } });
    await fireEvent.click(within(row).getByRole('button', { name: 'Xác nhận đã áp dụng' }));
    expect(onact).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ state: 'needs_review' }), 'applied', 'Đã kiểm tra trên Haravan');
  });
});
