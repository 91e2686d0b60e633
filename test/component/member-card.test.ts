import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MemberDetails } from '../../renderer/src/memberDetails.ts';
import { locale } from '../../renderer/src/i18n.svelte.ts';
import MemberCard from '../../renderer/src/MemberCard.svelte';
import type { TillChange } from '../../electron/ipc/contract.ts';
import { memberProfile, NBSP } from './fixtures.ts';

const loaded: MemberDetails = {
  state: 'loaded',
  tags: ['MUA_HANG_KM', 'Online', 'Facebook'],
  attributes: [{ id: 1210, key: 'ref_id', value: '1010' }],
  readAt: new Date().toISOString(),
};

function renderCard(overrides: Parameters<typeof memberProfile>[0] = {}, details: MemberDetails = loaded, state: { offline?: 'offline' | 'rate_limited' | 'token_refused' | 'wrong_address'; expected?: boolean } = {}) {
  const onredeem = vi.fn();
  const onadd = vi.fn();
  render(MemberCard, { profile: memberProfile(overrides), details, timeZone: 'Asia/Ho_Chi_Minh', canAdjust: true, pointValueDong: 1000, changes: [], onredeem, onadd, onprint: () => {}, onreverse: () => {}, ...state });
  return { onredeem, onadd };
}

const text = (testId: string) => screen.getByTestId(testId).textContent?.trim();

afterEach(() => {
  locale.language = 'vi';
});

describe('the member card', () => {
  it('shows the balance in money, and the member’s latest changes at this till with a reversal for the applied ones', async () => {
    const onreverse = vi.fn();
    const change = (overrides: Partial<TillChange>): TillChange => ({
      id: crypto.randomUUID(), createdAt: '2025-11-20T02:05:00.000Z', direction: 'subtract', points: 100, reason: 'Đổi điểm', moneyDong: 100_000,
      state: 'applied', isReversal: false, flagged: false, reversal: 'none', ...overrides,
    });
    const changes = [
      change({ direction: 'add', isReversal: true, reason: 'Khách trả hàng', moneyDong: 50_000 }),
      change({ reversal: 'applied', moneyDong: 50_000 }),
      change({ state: 'pending' }),
      change({ flagged: true, reason: 'Gửi hai lần' }),
      change({ direction: 'add', reason: 'Mua hàng', points: 10, moneyDong: 105_000 }),
    ];
    render(MemberCard, { profile: memberProfile(), details: loaded, timeZone: 'Asia/Ho_Chi_Minh', canAdjust: true, pointValueDong: 1000, changes, onredeem: vi.fn(), onadd: vi.fn(), onprint: vi.fn(), onreverse });
    expect(text('points-money')).toBe(`≈ 6.100.000${NBSP}₫`);
    const rows = screen.getAllByTestId('till-change');
    expect(rows.map((row) => row.querySelector('.change-reason')?.textContent)).toEqual(['Đảo ngược: Khách trả hàng', 'Đổi điểm', 'Đổi điểm', 'Gửi hai lần', 'Mua hàng']);
    expect(rows[0]!.textContent).toContain(`hoàn giảm 50.000${NBSP}₫`);
    expect(rows[1]!.textContent).toContain('Đã áp dụng · Đã đảo ngược');
    expect(rows[4]!.textContent).toContain(`hoá đơn 105.000${NBSP}₫`);
    // Only an applied change that is neither a reversal, nor reversed, nor maybe applied twice can be reversed.
    const reverseButton = (row: HTMLElement) => within(row).queryByRole('button', { name: /^Đảo ngược/ });
    expect(rows.map((row) => reverseButton(row) !== null)).toEqual([false, false, false, false, true]);
    expect(reverseButton(rows[4]!)?.getAttribute('aria-label')).toBe('Đảo ngược +10 điểm lúc 09:05 20/11/2025');
    await fireEvent.click(reverseButton(rows[4]!)!);
    expect(onreverse).toHaveBeenCalledExactlyOnceWith(changes[4]);
  });

  it('shows the figures formatted for Vietnamese, the last order in the store time zone', () => {
    renderCard();
    expect(text('member-name')).toBe('Nguyễn Văn An');
    expect(text('card-number')).toBe('100006037101');
    expect(text('member-level')).toBe('Thành viên');
    expect(text('points-available')).toBe('6.100');
    expect(text('points-pending')).toBe('250');
    expect(text('points-used')).toBe('900');
    expect(text('points-ranking')).toBe('10.350');
    expect(text('total-spent')).toBe(`1.035.000${NBSP}₫`);
    expect(text('order-count')).toBe('6');
    expect(text('last-order')).toBe('10:15 02/11/2025');
  });

  it('follows the language', async () => {
    locale.language = 'en';
    renderCard({ last_order_at: null });
    expect(text('points-available')).toBe('6,100');
    expect(text('points-ranking')).toBe('10,350');
    expect(text('last-order')).toBe('—');
    expect(screen.getByText('Points available')).toBeTruthy();
  });

  it('masks the phone until the cashier reveals it', async () => {
    renderCard();
    expect(text('member-phone')).toBe('0909 *** 921');
    await fireEvent.click(screen.getByRole('button', { name: 'Hiện số' }));
    expect(text('member-phone')).toBe('0909 977 921');
    await fireEvent.click(screen.getByRole('button', { name: 'Ẩn số' }));
    expect(text('member-phone')).toBe('0909 *** 921');
  });

  it('names a member without a name by their phone', () => {
    renderCard({ first_name: '', last_name: '' });
    expect(text('member-name')).toBe('0909 977 921');
  });

  it('offers redeem and add, with their keys', async () => {
    const { onredeem, onadd } = renderCard();
    const redeem = screen.getByRole('button', { name: /Đổi điểm/ });
    expect(redeem.getAttribute('aria-keyshortcuts')).toContain('F2');
    await fireEvent.click(redeem);
    await fireEvent.click(screen.getByRole('button', { name: /Cộng điểm/ }));
    expect(onredeem).toHaveBeenCalledOnce();
    expect(onadd).toHaveBeenCalledOnce();
  });

  it('warns that a disabled card is locked and blocks redeem and add', () => {
    renderCard({ status: 'disabled' });
    expect(screen.getByRole('alert').textContent).toContain('Thẻ thành viên đã bị khoá');
    expect((screen.getByRole('button', { name: /Đổi điểm/ }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: /Cộng điểm/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows tags as chips and attributes in a collapsed section', () => {
    renderCard();
    const tags = screen.getByRole('list', { name: 'Nhãn' });
    expect(within(tags).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['MUA_HANG_KM', 'Online', 'Facebook']);
    const attributes = screen.getByText('Thuộc tính (1)').closest('details')!;
    expect(attributes.open).toBe(false);
    // Readable labels, the raw key kept in the title.
    expect(within(attributes).getByText('Mã tham chiếu').getAttribute('title')).toBe('ref_id');
    expect(within(attributes).getByText('1010')).toBeTruthy();
  });

  it('labels known attribute keys in the screen’s language and spells out unknown ones', () => {
    renderCard({}, { ...loaded, attributes: [
      { id: 1, key: 'customer_level_prev_id', value: '2' },
      { id: 2, key: 'so_the_cu', value: 'A-17' },
    ] });
    const attributes = screen.getByText('Thuộc tính (2)').closest('details')!;
    expect([...attributes.querySelectorAll('dt')].map((term) => term.textContent)).toEqual(['Hạng trước đó (mã)', 'So the cu']);
  });

  it('says when the tags and attributes shown were read, once that is more than an hour ago, and when never', () => {
    expect(screen.queryByTestId('extras-as-of')).toBeNull();
    renderCard({}, { ...loaded, readAt: '2025-11-18T03:30:00.000Z' });
    expect(text('extras-as-of')).toBe('Nhãn và thuộc tính tính đến 10:30 18/11/2025');
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
    document.body.innerHTML = '';
    renderCard({}, { state: 'loaded', tags: [], attributes: [], readAt: null });
    expect(text('extras-unknown')).toBe('Quầy này chưa đọc nhãn và thuộc tính');
    expect(screen.queryByText('Không có nhãn')).toBeNull();
  });

  it('shows the figures while tags and attributes are still loading, and says when they failed', () => {
    renderCard({}, { state: 'loading' });
    expect(text('points-available')).toBe('6.100');
    expect(screen.getByText('Đang tải nhãn và thuộc tính…')).toBeTruthy();
    document.body.innerHTML = '';
    renderCard({}, { state: 'failed', error: { code: 'offline', message: 'offline' } });
    expect(screen.getByText(/Không tải được nhãn và thuộc tính/)).toBeTruthy();
  });

  it('says when the store could not be reached, with the time of the figures in the store’s zone', () => {
    renderCard();
    expect(screen.queryByTestId('offline-banner')).toBeNull();
    document.body.innerHTML = '';
    renderCard({}, loaded, { offline: 'offline' });
    expect(text('offline-banner')).toBe('Mất kết nối — số dư tính đến 09:05 20/11/2025');
    expect((screen.getByRole('button', { name: /Đổi điểm/ }) as HTMLButtonElement).disabled).toBe(false);
    document.body.innerHTML = '';
    locale.language = 'en';
    renderCard({}, loaded, { offline: 'offline' });
    expect(text('offline-banner')).toBe('Offline — balance as of 20/11/2025, 09:05');
  });

  it('marks the balance as expected while a change waits in the journal', () => {
    renderCard({ point_available: 5950 }, loaded, { expected: true });
    expect(screen.getByText('Điểm khả dụng (dự kiến)')).toBeTruthy();
    expect(text('points-available')).toBe('5.950');
  });
});
