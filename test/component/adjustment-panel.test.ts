import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import type { AdjustmentInput } from '../../electron/ipc/contract.ts';
import AdjustmentPanel from '../../renderer/src/AdjustmentPanel.svelte';
import { DeskError } from '../../renderer/src/api.ts';
import { DEFAULT_RULES, type LoyaltyRules } from '../../electron/loyalty/rules.ts';
import { memberProfile, NBSP } from './fixtures.ts';

function renderPanel(
  props: { kind?: 'redeem' | 'add'; confirmAbovePoints?: number; send?: (input: AdjustmentInput) => Promise<void>; rules?: Partial<LoyaltyRules> } = {},
) {
  const send = vi.fn(props.send ?? (async () => {}));
  const oncancel = vi.fn();
  render(AdjustmentPanel, {
    kind: props.kind ?? 'redeem',
    member: memberProfile(),
    rules: { ...DEFAULT_RULES, salesRecordedInHaravan: false, ...props.rules },
    confirmAbovePoints: props.confirmAbovePoints ?? 0,
    pinAbovePoints: 10_000,
    offlineRedeemCapPoints: 5000,
    send,
    oncancel,
  });
  const points = screen.getByLabelText(props.kind === 'add' ? 'Số điểm cộng' : 'Số điểm đổi') as HTMLInputElement;
  const order = screen.getByLabelText('Mã đơn hàng (không bắt buộc)') as HTMLInputElement;
  const reason = screen.getByLabelText('Lý do') as HTMLInputElement;
  const form = points.closest('form')!;
  return { send, oncancel, points, order, reason, form };
}

const type = (field: HTMLInputElement, value: string) => fireEvent.input(field, { target: { value } });

describe('the redeem form', () => {
  it('starts in the points field; Enter walks to the order reference, then the reason', async () => {
    const { points, order, reason } = renderPanel();
    await tick();
    expect(document.activeElement).toBe(points);
    await type(points, '100');
    await fireEvent.keyDown(points, { key: 'Enter' });
    expect(document.activeElement).toBe(order);
    await fireEvent.keyDown(order, { key: 'Enter' });
    expect(document.activeElement).toBe(reason);
  });

  it('keeps the cashier on a refused amount when Enter is pressed, with the reason shown', async () => {
    const { points } = renderPanel();
    await tick();
    await fireEvent.keyDown(points, { key: 'Enter' });
    expect(document.activeElement).toBe(points);
    expect(screen.getByText('Hãy nhập số điểm.')).toBeTruthy();
    await type(points, '999999');
    await fireEvent.keyDown(points, { key: 'Enter' });
    expect(document.activeElement).toBe(points);
  });

  it('keeps the reason in step with the order reference until the cashier writes their own', async () => {
    const { order, reason } = renderPanel();
    expect(reason.value).toBe('Đổi điểm');
    await type(order, 'HD1234');
    expect(reason.value).toBe('Đổi điểm đơn #HD1234');
    await type(reason, 'Quà sinh nhật');
    await type(order, 'HD9');
    expect(reason.value).toBe('Quà sinh nhật');
  });

  it('refuses an empty, zero or too large amount, and an empty reason, before sending', async () => {
    const { send, points, reason, form } = renderPanel();
    await fireEvent.submit(form);
    expect(screen.getByText('Hãy nhập số điểm.')).toBeTruthy();
    await type(points, '0');
    await fireEvent.submit(form);
    await type(points, '6101');
    await fireEvent.submit(form);
    expect(screen.getByText('Chỉ có 6.100 điểm.')).toBeTruthy();
    await type(points, '100');
    await type(reason, '  ');
    await fireEvent.submit(form);
    expect(screen.getByText('Hãy nhập lý do.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(send).not.toHaveBeenCalled();
  });

  it('goes to the confirm step with threshold 0, and sends what was typed from there', async () => {
    const { send, points, order, form } = renderPanel();
    await type(points, '100');
    await type(order, ' HD1234 ');
    await fireEvent.submit(form);
    const dialog = screen.getByRole('dialog', { name: 'Xác nhận đổi điểm' });
    expect(send).not.toHaveBeenCalled();
    await fireEvent.keyDown(dialog, { key: 'Enter' });
    expect(send).toHaveBeenCalledExactlyOnceWith({ memberId: 360101, points: 100, reason: 'Đổi điểm đơn #HD1234', orderRef: 'HD1234', reasonKind: 'redeem', discountDong: 100_000 });
  });

  it('sends at once at or below a threshold, once for a double submit, read-only meanwhile', async () => {
    let finish = () => {};
    const { send, points, form } = renderPanel({ confirmAbovePoints: 500, send: () => new Promise<void>((done) => (finish = done)) });
    await type(points, '500');
    await fireEvent.submit(form);
    await fireEvent.submit(form);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(send).toHaveBeenCalledOnce();
    expect(points.readOnly).toBe(true);
    finish();
  });

  it('still confirms above the threshold', async () => {
    const { points, form } = renderPanel({ confirmAbovePoints: 500 });
    await type(points, '501');
    await fireEvent.submit(form);
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('says in words why the store refused, and Escape cancels the form', async () => {
    const refused = new DeskError({ code: 'validation', message: '422', detail: 'point_available is not enough' });
    const { points, form, oncancel } = renderPanel({
      confirmAbovePoints: 1000,
      send: async () => {
        throw refused;
      },
    });
    await type(points, '100');
    await fireEvent.submit(form);
    expect((await screen.findByRole('alert')).textContent).toBe('Cửa hàng từ chối: point_available is not enough');
    await fireEvent.keyDown(points, { key: 'Escape' });
    expect(oncancel).toHaveBeenCalledOnce();
  });
});

describe('the add form', () => {
  it('offers reason presets that set the reason, with the order reference', async () => {
    const { order, reason } = renderPanel({ kind: 'add' });
    expect(reason.value).toBe('Mua hàng');
    await fireEvent.click(screen.getByRole('button', { name: 'Khuyến mãi' }));
    expect(reason.value).toBe('Khuyến mãi');
    expect(screen.getByRole('button', { name: 'Khuyến mãi' }).getAttribute('aria-pressed')).toBe('true');
    await type(order, '77');
    expect(reason.value).toBe('Khuyến mãi đơn #77');
  });

  it('has no upper limit but the balance', async () => {
    const { send, points, form } = renderPanel({ kind: 'add' });
    await type(points, '7000');
    await fireEvent.submit(form);
    await fireEvent.keyDown(screen.getByRole('dialog', { name: 'Xác nhận cộng điểm' }), { key: 'Enter' });
    expect(send).toHaveBeenCalledExactlyOnceWith({ memberId: 360101, points: 7000, reason: 'Mua hàng', orderRef: '', reasonKind: 'purchase' });
  });
});

describe('money in đồng', () => {
  const dong = (text: string) => text.replace(/ ₫/g, `${NBSP}₫`);

  it('works out the points of a discount, rounding down in words, and sends both figures to the confirm step', async () => {
    const { send, points, form } = renderPanel();
    const discount = screen.getByLabelText('Hoặc số tiền giảm (đồng)') as HTMLInputElement;
    await type(discount, '100.500');
    expect(points.value).toBe('100');
    expect(screen.getByTestId('money-explained').textContent?.trim()).toBe(
      dong('= 100 điểm, giảm 100.000 ₫ trên hoá đơn. Làm tròn xuống: 500 ₫ còn lại chưa đủ một điểm (1.000 ₫) nên không được giảm.'),
    );
    expect(screen.getByTestId('points-worth').textContent).toBe(dong('100.000 ₫'));
    await fireEvent.submit(form);
    expect(screen.getByTestId('confirm-money').textContent).toBe(dong('= giảm 100.000 ₫ trên hoá đơn'));
    await fireEvent.keyDown(screen.getByRole('dialog', { name: 'Xác nhận đổi điểm' }), { key: 'Enter' });
    expect(send).toHaveBeenCalledExactlyOnceWith({ memberId: 360101, points: 100, reason: 'Đổi điểm', orderRef: '', reasonKind: 'redeem', discountDong: 100_000 });
  });

  it('never takes more than the balance, and "use the most" takes all of it', async () => {
    const { points } = renderPanel();
    const discount = screen.getByLabelText('Hoặc số tiền giảm (đồng)') as HTMLInputElement;
    await type(discount, '7000000');
    expect(points.value).toBe('');
    expect(screen.getByTestId('money-explained').textContent?.trim()).toBe(dong('Điểm của thành viên giảm được nhiều nhất 6.100.000 ₫: bấm “Dùng tối đa”.'));
    await type(discount, '999');
    expect(screen.getByTestId('money-explained').textContent?.trim()).toBe(dong('Chưa đủ một điểm: một điểm giảm 1.000 ₫.'));
    await fireEvent.click(screen.getByRole('button', { name: 'Dùng tối đa' }));
    expect(points.value).toBe('6100');
    // The points chosen by hand clear the amount, so the two never disagree.
    expect(discount.value).toBe('');
    expect(screen.getByTestId('points-worth').textContent).toBe(dong('6.100.000 ₫'));
  });

  it('earns points from a bill at the shop’s rate, says the rounding, and sends the bill', async () => {
    const { send, points, form } = renderPanel({ kind: 'add', rules: { earnRounding: 'nearest' } });
    const bill = screen.getByLabelText('Hoặc số tiền hoá đơn (đồng)') as HTMLInputElement;
    await type(bill, '105.000 ₫');
    expect(points.value).toBe('11');
    expect(screen.getByTestId('money-explained').textContent?.trim()).toBe(
      dong('= 11 điểm, 10.000 ₫ một điểm. Làm tròn gần nhất: 5.000 ₫ lẻ từ nửa điểm trở lên nên được tính một điểm.'),
    );
    await fireEvent.submit(form);
    expect(screen.getByTestId('confirm-money').textContent).toBe(dong('từ hoá đơn 105.000 ₫'));
    await fireEvent.keyDown(screen.getByRole('dialog', { name: 'Xác nhận cộng điểm' }), { key: 'Enter' });
    expect(send).toHaveBeenCalledExactlyOnceWith({ memberId: 360101, points: 11, reason: 'Mua hàng', orderRef: '', reasonKind: 'purchase', billDong: 105_000 });
  });

  it('offers no purchase where Haravan records the sales, and says why; a promotion is typed in points', async () => {
    const { send, points, form, reason } = renderPanel({ kind: 'add', rules: { salesRecordedInHaravan: true } });
    expect(screen.queryByRole('button', { name: 'Mua hàng' })).toBeNull();
    expect(screen.queryByLabelText('Hoặc số tiền hoá đơn (đồng)')).toBeNull();
    expect(screen.getByTestId('purchase-in-haravan').textContent).toContain('Haravan ghi nhận đơn bán của quầy này và tự cộng điểm');
    expect(reason.value).toBe('Khuyến mãi');
    await type(points, '20');
    await fireEvent.submit(form);
    await fireEvent.keyDown(screen.getByRole('dialog', { name: 'Xác nhận cộng điểm' }), { key: 'Enter' });
    expect(send).toHaveBeenCalledExactlyOnceWith({ memberId: 360101, points: 20, reason: 'Khuyến mãi', orderRef: '', reasonKind: 'promotion' });
  });

  it('hides the amounts where points have no money value', () => {
    renderPanel({ rules: { pointValueDong: 0 } });
    expect(screen.queryByLabelText('Hoặc số tiền giảm (đồng)')).toBeNull();
    expect(screen.queryByTestId('points-worth')).toBeNull();
  });
});

describe('refusals of the offline journal', () => {
  it('names the offline cap from the settings, and explains the known-balance limit without figures', async () => {
    let refusal = new DeskError({ code: 'invalid_input', message: 'At most 5000 points per redemption while offline', detail: 'over_offline_cap' });
    const { points, form } = renderPanel({
      confirmAbovePoints: 10_000,
      send: async () => {
        throw refusal;
      },
    });
    await type(points, '6000');
    await fireEvent.submit(form);
    expect((await screen.findByRole('alert')).textContent).toBe('Khi mất mạng, mỗi lần chỉ đổi tối đa 5.000 điểm.');
    refusal = new DeskError({ code: 'invalid_input', message: 'Only 100 points can be redeemed', detail: 'over_known_balance' });
    await fireEvent.submit(form);
    await tick();
    expect(screen.getByRole('alert').textContent).toBe('Không đổi được nhiều như vậy lúc này: tối đa là số dư đã biết trừ các lần đổi đang chờ gửi.');
  });
});
