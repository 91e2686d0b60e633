import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import PointsInput from '../../renderer/src/PointsInput.svelte';
import { locale } from '../../renderer/src/i18n.svelte.ts';
import { NBSP } from './fixtures.ts';

function renderRedeem(props: { available?: number; showEmpty?: boolean } = {}) {
  const onenter = vi.fn();
  const { rerender } = render(PointsInput, { kind: 'redeem', available: props.available ?? 6100, pointValueDong: 1000, showEmpty: props.showEmpty ?? false, onenter });
  return { field: screen.getByLabelText('Số điểm đổi') as HTMLInputElement, onenter, rerender };
}

async function type(field: HTMLInputElement, text: string) {
  await fireEvent.input(field, { target: { value: text } });
}

describe('the points field', () => {
  it('keeps what was typed in view and names the character it refuses', async () => {
    const { field } = renderRedeem();
    expect(field.getAttribute('inputmode')).toBe('numeric');
    await type(field, '-5');
    expect(field.value).toBe('-5');
    expect(screen.getByText('Nhập số điểm không có dấu trừ: muốn trừ điểm thì dùng Đổi điểm (F2).')).toBeTruthy();
    await type(field, '5a');
    expect(screen.getByText('Chỉ nhập chữ số: “a” không phải chữ số.')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });

  it('accepts what a person pastes: spaces around it, Vietnamese thousands separators', async () => {
    const { field } = renderRedeem();
    for (const [pasted, after] of [
      [' 200 ', '5.900 điểm'],
      ['1.000', '5.100 điểm'],
      ['1 000', '5.100 điểm'],
    ] as const) {
      await type(field, pasted);
      expect(screen.getByTestId('balance-after').textContent).toBe(after);
      expect(field.getAttribute('aria-invalid')).toBe('false');
    }
    // A comma or a lone dot is a fraction to a Vietnamese cashier: refused, not guessed.
    for (const fraction of ['1,000', '1.5', '10.00']) {
      await type(field, fraction);
      expect(screen.getByText('Chỉ nhập số điểm nguyên: dấu phẩy hoặc một dấu chấm là phần lẻ. Một nghìn điểm: gõ 1000 hoặc 1.000.')).toBeTruthy();
    }
  });

  it('in English, takes the English thousands separator and refuses the dot as a fraction', async () => {
    locale.language = 'en';
    try {
      const onenter = vi.fn();
      render(PointsInput, { kind: 'redeem', available: 6100, pointValueDong: 1000, onenter });
      const field = screen.getByLabelText('Points to redeem') as HTMLInputElement;
      await type(field, '1,500');
      expect(screen.getByTestId('balance-after').textContent).toBe('4,600 points');
      await type(field, '1.500');
      expect(screen.getByText('Whole points only: a dot marks a fraction. For a thousand, type 1000 or 1,000.')).toBeTruthy();
    } finally {
      locale.language = 'vi';
    }
  });

  it('previews the balance after and the worth in đồng', async () => {
    const { field } = renderRedeem();
    await type(field, '100');
    expect(screen.getByTestId('balance-after').textContent).toBe('6.000 điểm');
    expect(screen.getByTestId('points-worth').textContent).toBe(`100.000${NBSP}₫`);
  });

  it('fills 50, 100, 500 and all the points available', async () => {
    const { field } = renderRedeem();
    await fireEvent.click(screen.getByRole('button', { name: '500 điểm' }));
    expect(field.value).toBe('500');
    expect(screen.getByTestId('balance-after').textContent).toBe('5.600 điểm');
    await fireEvent.click(screen.getByRole('button', { name: 'Dùng tối đa' }));
    expect(field.value).toBe('6100');
    expect(screen.getByTestId('balance-after').textContent).toBe('0 điểm');
    expect(document.activeElement).toBe(field);
  });

  it('offers no quick amount above the balance', () => {
    renderRedeem({ available: 80 });
    expect((screen.getByRole('button', { name: '50 điểm' }) as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByRole('button', { name: '100 điểm' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: '500 điểm' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('explains more than available, zero, a fraction and a negative', async () => {
    const { field } = renderRedeem();
    await type(field, '7000');
    expect(screen.getByText('Chỉ có 6.100 điểm.')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('balance-after').textContent).toBe('—');
    await type(field, '0');
    expect(screen.getByText('Số điểm phải lớn hơn 0.')).toBeTruthy();
    await type(field, '1.5');
    expect(screen.getByText('Chỉ nhập số điểm nguyên: dấu phẩy hoặc một dấu chấm là phần lẻ. Một nghìn điểm: gõ 1000 hoặc 1.000.')).toBeTruthy();
  });

  it('asks for the points when empty only once the cashier tried to go on', async () => {
    const { rerender } = renderRedeem();
    expect(screen.queryByText('Hãy nhập số điểm.')).toBeNull();
    await rerender({ showEmpty: true });
    expect(screen.getByText('Hãy nhập số điểm.')).toBeTruthy();
  });

  it('moves on with Enter instead of submitting', async () => {
    const { field, onenter } = renderRedeem();
    const enter = new KeyboardEvent('keydown', { key: 'Enter', cancelable: true, bubbles: true });
    field.dispatchEvent(enter);
    expect(enter.defaultPrevented).toBe(true);
    expect(onenter).toHaveBeenCalledOnce();
  });

  it('has no "all" and no limit when adding', async () => {
    render(PointsInput, { kind: 'add', available: 6100, pointValueDong: 0, onenter: () => {} });
    const field = screen.getByLabelText('Số điểm cộng') as HTMLInputElement;
    expect(screen.queryByRole('button', { name: 'Dùng tối đa' })).toBeNull();
    await type(field, '7000');
    expect(screen.getByTestId('balance-after').textContent).toBe('13.100 điểm');
    expect(screen.queryByTestId('points-worth')).toBeNull();
  });
});
