import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import JournalBar from '../../renderer/src/JournalBar.svelte';
import StatusLine from '../../renderer/src/StatusLine.svelte';
import { deskStatus } from './fixtures.ts';

describe('the status line', () => {
  it('always says what waits to be sent', () => {
    render(StatusLine, { status: deskStatus(), storeName: '' });
    expect(screen.getByTestId('pending-count').textContent?.trim()).toBe('Chờ gửi: 0');
  });

  it('counts an entry being sent as waiting', () => {
    render(StatusLine, { status: deskStatus({ pendingAdjustments: 3, journal: { pending: 2, uncertain: 1, rejected: 0, needs_review: 0, applied_twice: 0 } }), storeName: '' });
    expect(screen.getByTestId('pending-count').textContent?.trim()).toBe('Chờ gửi: 2');
  });
});

describe('the journal bar', () => {
  const renderBar = (status = deskStatus()) => {
    const onopenjournal = vi.fn();
    const onchangetoken = vi.fn();
    render(JournalBar, { status, onopenjournal, onchangetoken });
    return { onopenjournal, onchangetoken };
  };

  it('is not there while all is well', () => {
    renderBar(deskStatus({ pendingAdjustments: 4, journal: { pending: 4, uncertain: 0, rejected: 0, needs_review: 0, applied_twice: 0 } }));
    expect(screen.queryByTestId('journal-bar')).toBeNull();
  });

  it('shows the non-zero counts, refused and needs-review in the warning style, and opens the journal', async () => {
    const { onopenjournal } = renderBar(deskStatus({ journal: { pending: 2, uncertain: 1, rejected: 1, needs_review: 2, applied_twice: 0 } }));
    expect(screen.getByTestId('count-uncertain').textContent).toBe('Chưa rõ: 1');
    expect(screen.getByTestId('count-rejected').textContent).toBe('Bị từ chối: 1');
    expect(screen.getByTestId('count-needs_review').textContent).toBe('Cần xem lại: 2');
    expect(screen.getByTestId('count-rejected').classList.contains('rejected')).toBe(true);
    expect(screen.queryByTestId('journal-paused')).toBeNull();
    const open = screen.getByRole('button', { name: /Mở nhật ký/ });
    expect(open.getAttribute('aria-keyshortcuts')).toContain('F4');
    await fireEvent.click(open);
    expect(onopenjournal).toHaveBeenCalledOnce();
  });

  it('says sending stopped on a refused token, and leads to changing it', async () => {
    const { onchangetoken } = renderBar(deskStatus({ journalPausedBy: 'token_refused', journal: { pending: 3, uncertain: 0, rejected: 0, needs_review: 0, applied_twice: 0 } }));
    expect(screen.getByRole('alert').textContent).toContain('Đã dừng gửi: cửa hàng từ chối token.');
    await fireEvent.click(screen.getByRole('button', { name: 'Đổi token' }));
    expect(onchangetoken).toHaveBeenCalledOnce();
  });

  it('says sending stopped when the address is not a store, and leads to checking it', async () => {
    const { onchangetoken } = renderBar(deskStatus({ journalPausedBy: 'wrong_address' }));
    expect(screen.getByRole('alert').textContent).toContain('địa chỉ API có trả lời nhưng không phải cửa hàng Haravan');
    await fireEvent.click(screen.getByRole('button', { name: 'Kiểm tra địa chỉ' }));
    expect(onchangetoken).toHaveBeenCalledOnce();
  });

  it('counts entries the store may show twice', () => {
    renderBar(deskStatus({ journal: { pending: 0, uncertain: 0, rejected: 0, needs_review: 0, applied_twice: 1 } }));
    expect(screen.getByTestId('count-applied_twice').textContent).toBe('Có thể bị áp dụng hai lần: 1');
  });

  it('says that another store’s changes wait on this till, and which store', () => {
    renderBar(deskStatus({ otherStoresWaiting: [{ label: 'Cửa hàng Quận 1', waiting: 3 }] }));
    expect(screen.getByTestId('other-store-waiting').textContent).toBe(
      '3 thay đổi điểm của cửa hàng khác (Cửa hàng Quận 1) đang chờ trên quầy này: hãy kết nối cửa hàng đó để gửi.',
    );
  });
});
