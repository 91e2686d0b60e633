import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import DoneMessage from '../../renderer/src/DoneMessage.svelte';
import { locale } from '../../renderer/src/i18n.svelte.ts';
import { NBSP } from './fixtures.ts';

afterEach(() => {
  locale.language = 'vi';
});

const message = () => screen.getByRole('status');

describe('the confirmation of a change', () => {
  it('says an applied change with the store’s balance', () => {
    render(DoneMessage, { done: { kind: 'redeem', points: 150, balance: 5950, queued: false, moneyDong: 150_000 } });
    expect(message().textContent).toBe(`Đã đổi 150 điểm. Còn 5.950 điểm. Giảm 150.000${NBSP}₫ trên hoá đơn. F6 in phiếu.`);
    expect(message().classList.contains('queued')).toBe(false);
  });

  it('says plainly that a queued change is saved and will be sent, with the expected balance', () => {
    render(DoneMessage, { done: { kind: 'redeem', points: 150, balance: 5950, queued: true, moneyDong: null } });
    expect(message().textContent).toBe('Đã lưu — sẽ gửi khi có mạng. Còn (dự kiến) 5.950 điểm. F6 in phiếu.');
    expect(message().classList.contains('queued')).toBe(true);
  });

  it('in English, and for an addition', () => {
    locale.language = 'en';
    render(DoneMessage, { done: { kind: 'add', points: 75, balance: 6175, queued: true, moneyDong: 750_000 } });
    expect(message().textContent).toBe('Saved — it will be sent when the store is reachable. Expected balance 6,175. F6 prints the slip.');
  });

  it('stays in place, empty, with nothing to say', () => {
    render(DoneMessage, { done: undefined });
    expect(message().textContent).toBe('');
  });
});
